"""The finder's GET form and the report-a-problem form."""

import functools

from django import forms
from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from recoverynav.core.forms import MissingFieldsTakeInitialMixin, SharedChoices, shared_fields
from recoverynav.meetings.fellowships import canonical_fellowship
from recoverynav.meetings.meeting_types import type_choices
from recoverynav.meetings.models import Attendance, Fellowship
from recoverynav.meetings.query import MeetingQuery
from recoverynav.meetings.zones import zone_label

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
DEFAULT_ZONE = "America/New_York"
MAX_PAGE = 500
# The fields inside "More choices": their markup is cached per distinct choice.
CHOICE_FIELDS = ["day", "time", "attendance", "fellowship", "type", "tz"]
# The two selects above the keyword, cached the same way (every search sends them).
SELECT_FIELDS = ["radius", "when"]
# Without any of these, a search is a question still to ask: where? (see is_prompt)
PLACE_OR_TIME = ("place", "when", "q")


def zone_choices() -> list[tuple[str, str]]:
    """The zones to choose from, in words, in the page's language."""
    return _zone_choices(get_language() or "en")


@functools.cache
def _zone_choices(language: str) -> list[tuple[str, str]]:
    return [(zone, zone_label(zone)) for zone in VIEWER_ZONES]


@shared_fields
class MeetingSearchForm(MissingFieldsTakeInitialMixin):
    """The finder's choices. A fellowship may be sent as any spelling other pages link with
    (`AA`, `Al-Anon`, `SMART`…): it is read as its canonical code, so those links work."""

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
        label=_("Meeting types"),
        choices=SharedChoices(type_choices),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    q = forms.CharField(label=_("Keyword"), max_length=100, required=False)
    tz = forms.ChoiceField(
        label=_("Your time zone"),
        choices=SharedChoices(zone_choices),
        initial=DEFAULT_ZONE,
        required=False,
    )
    page = forms.IntegerField(min_value=1, max_value=MAX_PAGE, required=False)

    def __init__(self, data: QueryDict | None = None, *args, **kwargs) -> None:
        if data is not None and "fellowship" in data:
            sent = data.getlist("fellowship")
            canonical = list(dict.fromkeys(canonical_fellowship(value) for value in sent))
            if canonical != sent:
                data = data.copy()
                data.setlist("fellowship", canonical)
        super().__init__(data, *args, **kwargs)

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
        return (self.cleaned_data.get("tz") if self.is_valid() else "") or DEFAULT_ZONE

    @property
    def zone_chosen(self) -> bool:
        """Whether the visitor (or their browser, through the page's script) chose a zone."""
        return bool(self.is_valid() and self.cleaned_data.get("tz"))

    def is_prompt(self) -> bool:
        """No place, time or keyword yet (a link such as `?fellowship=NA`): the page asks
        where, and shows what can be joined online soon, instead of a national list."""
        data = self.cleaned_data
        online_only = set(data["attendance"]) == {Attendance.ONLINE}
        return not online_only and not any(str(data[name]).strip() for name in PLACE_OR_TIME)
