"""Support-group meetings shaped after the Meeting Guide spec, the feeds they come from, and
a weekly schedule kept in each meeting's own local time so "happening now" stays indexed."""

from zoneinfo import available_timezones

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from recoverynav.core.html import directions_to_point
from recoverynav.core.models import ImportRunBase, ProblemReportBase
from recoverynav.meetings.meeting_types import format_name, type_label
from recoverynav.meetings.phones import Dial, parse_dial


class Fellowship(models.TextChoices):
    """Canonical codes (stored, and used in links as `?fellowship=na`); the finder also takes
    the spellings other pages link with (see fellowships.canonical_fellowship)."""

    AA = "aa", _("Alcoholics Anonymous (AA)")
    NA = "na", _("Narcotics Anonymous (NA)")
    CA = "ca", _("Cocaine Anonymous (CA)")
    CMA = "cma", _("Crystal Meth Anonymous (CMA)")
    SMART = "smart", _("SMART Recovery")
    AL_ANON = "al-anon", _("Al-Anon and Alateen (family and friends)")
    NAR_ANON = "nar-anon", _("Nar-Anon (family and friends)")
    OTHER = "other", _("Other mutual-help groups")


class Attendance(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("In person and online")
    TEMPORARILY_CLOSED = "temporarily_closed", _("Location temporarily closed")
    INACTIVE = "inactive", _("Inactive")


class FeedSource(models.Model):
    """One entry of the registry of meeting sources: where meetings come from, how to read
    them, and how the last syncs went. `sync_meetings` imports every enabled source."""

    class Kind(models.TextChoices):
        MEETING_GUIDE = "meeting_guide", _("Meeting Guide JSON feed")
        BMLT = "bmlt", _("BMLT root server or aggregator")

    name = models.SlugField(_("name"), max_length=50, unique=True)
    title = models.CharField(
        _("name shown to visitors"),
        max_length=200,
        blank=True,
        help_text=_("For example: Southeastern Pennsylvania Intergroup (AA). Empty: the name."),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.MEETING_GUIDE
    )
    url = models.CharField(
        _("URL or file"),
        max_length=500,
        blank=True,
        help_text=_(
            "Meeting Guide: the https:// address of the JSON feed. BMLT: the root server's or "
            "aggregator's address (https://…/main_server/). Or a file on the server; "
            "bundled:NAME for a file that comes with Recovery Navigator."
        ),
    )
    filters = models.CharField(
        _("BMLT search filters"),
        max_length=500,
        blank=True,
        help_text=_(
            "BMLT only: GetSearchResults parameters that choose the meetings, for example "
            "services[]=1005&services[]=1006&recursive=1. An aggregator needs at least one."
        ),
    )
    fellowship = models.CharField(
        _("fellowship"), max_length=10, choices=Fellowship.choices, blank=True
    )
    default_timezone = models.CharField(
        _("default time zone"),
        max_length=64,
        blank=True,
        help_text=_("Used when a meeting names no time zone and its ZIP code is unknown."),
    )
    zone_from_place = models.BooleanField(
        _("time zone from each meeting's ZIP code"),
        default=True,
        help_text=_(
            "Untick when the source writes every time in its default zone (as a national "
            "online list often does) even for meetings elsewhere."
        ),
    )
    data_as_of = models.DateField(
        _("data as of"),
        null=True,
        blank=True,
        help_text=_(
            "For a snapshot: when its listings were current. Empty: the last successful sync "
            "is the date shown."
        ),
    )
    enabled = models.BooleanField(_("synced"), default=True)
    last_success_at = models.DateTimeField(_("last successful import"), null=True, blank=True)
    meeting_count = models.PositiveIntegerField(_("meetings"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    last_error_at = models.DateTimeField(_("last error at"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("meeting source")
        verbose_name_plural = _("meeting sources")

    def __str__(self) -> str:
        return self.name

    @property
    def shown_name(self) -> str:
        return self.title or self.name

    def clean(self) -> None:
        errors = {}
        if self.default_timezone and self.default_timezone not in available_timezones():
            errors["default_timezone"] = _("Use a time zone name such as America/Chicago.")
        if self.filters and self.kind != self.Kind.BMLT:
            errors["filters"] = _("Search filters are for BMLT servers only.")
        if errors:
            raise ValidationError(errors)


class ImportRun(ImportRunBase):
    """One import of a feed source (core.models.ImportRunBase)."""

    source = models.ForeignKey(
        FeedSource, on_delete=models.CASCADE, related_name="runs", verbose_name=_("source")
    )

    class Meta(ImportRunBase.Meta):
        pass


SEARCHED_FIELDS = ("name", "group_name", "location_name", "region", "city", "formatted_address")


def search_text_of(values: dict) -> str:
    """The lower-cased words a keyword search looks in (imports and Meeting.save)."""
    return " ".join(values[name].lower() for name in SEARCHED_FIELDS if values[name])


class Meeting(models.Model):
    source = models.ForeignKey(
        FeedSource,
        on_delete=models.CASCADE,
        related_name="meetings",
        verbose_name=_("source"),
        db_index=False,  # the (source, source_slug) constraint's index starts with it
    )
    source_slug = models.CharField(_("slug in the feed"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=64, unique=True)
    content_hash = models.CharField(max_length=32)
    name = models.CharField(_("name"), max_length=255)
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    timezone = models.CharField(_("time zone"), max_length=64)
    types = models.JSONField(_("types"), default=list, blank=True)
    type_codes = models.CharField(max_length=300, blank=True)  # "|O|D|" for LIKE filters
    notes = models.TextField(_("notes"), blank=True)
    location_name = models.CharField(_("location"), max_length=255, blank=True)
    location_notes = models.TextField(_("location notes"), blank=True)
    group_name = models.CharField(_("group"), max_length=255, blank=True)
    address = models.CharField(_("street address"), max_length=255, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    state = models.CharField(_("state"), max_length=100, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    country = models.CharField(_("country"), max_length=50, blank=True)
    formatted_address = models.CharField(_("address"), max_length=500, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    # The map point is not the meeting's own (the feed said so, or we placed it by ZIP code).
    approximate = models.BooleanField(_("approximate location"), default=False)
    # The spec's `approximate`: the *address* is only a town or area, not a door to go to.
    address_approximate = models.BooleanField(_("approximate address"), null=True, blank=True)
    region = models.CharField(_("region"), max_length=255, blank=True)
    conference_url = models.URLField(_("online meeting link"), max_length=500, blank=True)
    conference_url_notes = models.TextField(_("online meeting notes"), blank=True)
    conference_phone = models.CharField(_("dial-in phone"), max_length=100, blank=True)
    conference_phone_notes = models.TextField(_("dial-in notes"), blank=True)
    # Formats the source names that have no Meeting Guide code: [{"en": …, "es": …}, …].
    # Nullable so adding it never made SQLite rebuild the table (and drop its triggers).
    other_formats = models.JSONField(_("other formats"), null=True, blank=True)
    fellowship = models.CharField(_("fellowship"), max_length=10, choices=Fellowship.choices)
    attendance = models.CharField(_("attendance"), max_length=20, choices=Attendance.choices)
    url = models.URLField(_("listing on the source's website"), max_length=500, blank=True)
    feedback_url = models.URLField(_("feedback address"), max_length=3000, blank=True)
    updated = models.DateTimeField(_("updated"), null=True, blank=True)
    search_text = models.TextField(blank=True)  # lower-cased words for keyword search

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(fields=["source", "source_slug"], name="meeting_source_slug")
        ]
        indexes = [
            # Attendance and fellowship (a plain search's filters) in the index: the box query
            # near a place reads no table rows. SQLite's indexes hold the row id anyway;
            # PostgreSQL needs it included, else it reads a table page for every meeting in
            # the box (5 ms of a 25-mile search in a dense city at 250,000 meetings).
            models.Index(
                fields=["latitude", "longitude", "attendance", "fellowship"],
                include=["id"],
                name="meeting_box",
            ),
            # The listing order, with attendance (every listing filters on it). On PostgreSQL
            # it also covers the keyword text, so a keyword search its word index cannot
            # narrow (migration 0013) walks it without table rows (SQLite ignores INCLUDE and
            # has its FTS5 keyword index, migration 0012).
            models.Index(
                fields=["name", "id", "attendance"],
                include=["search_text"],
                name="meeting_name_order",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        """A meeting saved one by one (the admin, a script) is searched by its current words;
        imports insert rows in bulk with the same text (`search_text_of`)."""
        self.search_text = search_text_of(vars(self))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting", args=[self.slug])

    @cached_property
    def weekly_times(self) -> list["MeetingTime"]:
        """The weekly rows. The search attaches a page's rows from one query (prefetch_related
        cost more than that query); single meetings and exports prefetch `times`."""
        return list(self.times.all())

    @property
    def is_online(self) -> bool:
        return self.attendance in {Attendance.ONLINE, Attendance.HYBRID}

    @property
    def is_in_person(self) -> bool:
        return self.attendance in {Attendance.IN_PERSON, Attendance.HYBRID}

    @property
    def type_labels(self) -> list[str]:
        """Plain words for the types and the source's other formats, in the page's language."""
        labels = [label for label in (type_label(code) for code in self.types) if label]
        return labels + [format_name(names) for names in self.other_formats or []]

    @property
    def last_seen(self):
        """Every stored meeting was in its feed's last successful import (gone ones are removed)."""
        return self.source.last_success_at

    @property
    def directions_url(self) -> str:
        if self.latitude is None or self.longitude is None or not self.is_in_person:
            return ""
        return directions_to_point(self.latitude, self.longitude)

    @cached_property
    def dial(self) -> Dial | None:
        """The dial-in number as people read it, its tel: link and the codes it enters."""
        return parse_dial(self.conference_phone) if self.conference_phone else None

    @property
    def phone_uri(self) -> str:
        return self.dial.uri if self.dial else ""


class MeetingTime(models.Model):
    """One row per meeting and weekday. Minutes count from Sunday 00:00 in the meeting's own
    zone, so the row never changes with daylight saving time; queries convert "now" into each
    zone instead (see schedule.window_condition)."""

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="times",
        db_index=False,  # meetingtime_meeting_day below starts with it
    )
    timezone = models.CharField(max_length=64)
    day = models.PositiveSmallIntegerField()  # 0 = Sunday, as in the spec
    start_minute = models.PositiveIntegerField()  # minute of the week, local time
    end_minute = models.PositiveIntegerField()  # may pass 10080 when a meeting crosses Sat→Sun
    minute_of_day = models.PositiveSmallIntegerField()
    # The meeting's, copied so "online now" finds its rows in the index alone (rows are
    # rewritten whenever the meeting changes).
    attendance = models.CharField(max_length=20, choices=Attendance.choices)

    class Meta:
        ordering = ["day", "start_minute"]
        indexes = [
            # Every search filters on attendance; the window conditions and the meeting id are
            # in the index too, so "now" reads only index entries of the rows it asks for.
            models.Index(
                fields=["attendance", "timezone", "start_minute", "end_minute", "meeting"],
                name="meetingtime_attendance_window",
            ),
            # A meeting's rows, with what the day and time-of-day filters test: "near a
            # place, on Monday" checks each meeting in the box without reading table rows.
            models.Index(
                fields=["meeting", "day", "minute_of_day"], name="meetingtime_meeting_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id} day {self.day} minute {self.start_minute}"


class ProblemKind(models.TextChoices):
    CLOSED = "closed", _("It no longer meets")
    MOVED = "moved", _("It has moved")
    WRONG_TIME = "wrong_time", _("The day or time is wrong")
    NO_ANSWER = "no_answer", _("The online link or phone number does not work")
    OTHER = "other", _("Something else")


class ProblemReport(ProblemReportBase):
    """A visitor's note that a meeting's listing is wrong (core.models.ProblemReportBase)."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="reports", verbose_name=_("meeting")
    )
    kind = models.CharField(_("problem"), max_length=20, choices=ProblemKind.choices)

    class Meta(ProblemReportBase.Meta):
        indexes = [models.Index(fields=["status", "created"], name="meeting_report_status_created")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.meeting}"
