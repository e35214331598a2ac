"""The finder's GET form and the report-a-problem form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from recoverynav.core.forms import MissingFieldsTakeInitialMixin, SharedChoices
from recoverynav.meetings.meeting_types import type_choices
from recoverynav.meetings.models import Attendance, Fellowship
from recoverynav.meetings.selectors import MeetingQuery

DAY_CHOICES = [
    ("0", _("Sunday")),
    ("1", _("Monday")),
    ("2", _("Tuesday")),
    ("3", _("Wednesday")),
    ("4", _("Thursday")),
    ("5", _("Friday")),
    ("6", _("Saturday")),
]
BAND_CHOICES = [
    ("morning", _("Morning (5 am to noon)")),
    ("midday", _("Afternoon (noon to 5 pm)")),
    ("evening", _("Evening (5 pm to 9 pm)")),
    ("night", _("Night (9 pm to 5 am)")),
]
WHEN_CHOICES = [
    ("", _("Any time")),
    ("now_or_soon", _("In progress or starting within an hour")),
    ("now", _("In progress now")),
    ("soon", _("Starting within an hour")),
]
RADIUS_CHOICES = [
    ("1", _("1 mile")),
    ("5", _("5 miles")),
    ("10", _("10 miles")),
    ("25", _("25 miles")),
    ("50", _("50 miles")),
]
ATTENDANCE_CHOICES = [
    (Attendance.IN_PERSON, _("In person")),
    (Attendance.ONLINE, _("Online")),
    (Attendance.HYBRID, _("In person and online")),
    (Attendance.TEMPORARILY_CLOSED, _("Location temporarily closed")),
]
# Zones people choose from to see online meetings in their own time (Intl may preselect).
VIEWER_ZONES = [
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
    "America/Los_Angeles",
    "America/Anchorage",
    "Pacific/Honolulu",
    "America/Puerto_Rico",
    "America/Halifax",
    "America/Toronto",
    "America/Winnipeg",
    "America/Edmonton",
    "America/Vancouver",
    "America/Mexico_City",
    "America/Tijuana",
    "America/Bogota",
    "America/Lima",
    "America/Santiago",
    "America/Argentina/Buenos_Aires",
    "America/Sao_Paulo",
    "Europe/London",
    "Europe/Dublin",
    "Europe/Madrid",
    "Europe/Berlin",
    "Australia/Sydney",
    "Pacific/Auckland",
    "UTC",
]
MAX_PAGE = 500
# The fields inside "More choices": their markup is cached per distinct choice.
CHOICE_FIELDS = ["day", "time", "attendance", "fellowship", "type", "tz"]
# The two selects above the keyword, cached the same way (every search sends them).
SELECT_FIELDS = ["radius", "when"]


class MeetingSearchForm(MissingFieldsTakeInitialMixin):
    defaults_for_missing = ("radius",)
    place = forms.CharField(
        label=_("Near (ZIP code, town or county)"), max_length=200, required=False
    )
    radius = forms.TypedChoiceField(
        label=_("Distance"),
        choices=SharedChoices(RADIUS_CHOICES),
        coerce=float,
        initial="10",
        required=False,
        empty_value=10.0,
    )
    when = forms.ChoiceField(label=_("When"), choices=SharedChoices(WHEN_CHOICES), required=False)
    day = forms.TypedMultipleChoiceField(
        label=_("Days"),
        choices=SharedChoices(DAY_CHOICES),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    time = forms.MultipleChoiceField(
        label=_("Time of day"),
        choices=SharedChoices(BAND_CHOICES),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    attendance = forms.MultipleChoiceField(
        label=_("How to attend"),
        choices=SharedChoices(ATTENDANCE_CHOICES),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    fellowship = forms.MultipleChoiceField(
        label=_("Fellowship"),
        choices=SharedChoices(Fellowship.choices),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    type = forms.MultipleChoiceField(
        label=_("Meeting types"), choices=SharedChoices(type_choices), required=False
    )
    q = forms.CharField(label=_("Keyword"), max_length=100, required=False)
    tz = forms.ChoiceField(
        label=_("Show online meeting times in this time zone"),
        choices=SharedChoices([(zone, zone.replace("_", " ")) for zone in VIEWER_ZONES]),
        initial="America/New_York",
        required=False,
    )
    page = forms.IntegerField(min_value=1, max_value=MAX_PAGE, required=False)

    def to_query(self) -> MeetingQuery:
        data = self.cleaned_data
        return MeetingQuery(
            place=data["place"],
            radius_miles=data["radius"] or 10.0,
            days=data["day"],
            bands=data["time"],
            types=data["type"],
            attendance=data["attendance"],
            fellowships=data["fellowship"],
            keyword=data["q"],
            when=data["when"],
            page=data["page"] or 1,
        )

    @property
    def viewer_zone(self) -> str:
        return (self.cleaned_data.get("tz") if self.is_valid() else "") or "America/New_York"


class ProblemReportForm(forms.Form):
    message = forms.CharField(
        label=_("What is wrong with this listing?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "For example: the meeting has moved, the time changed, or the link does not work. "
            "Please do not include your name or contact details."
        ),
    )
