"""Support-group meetings for the JSON API (mounted at /api/v1/meetings): the meeting
finder's search (parsed by the finder's own form, run by the same selector) and single
meetings, with links to the iCalendar exports and the Meeting Guide feed."""

import datetime as dt
from typing import Annotated, Literal

from django.http import HttpRequest, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from ninja import Field, Path, Query, Router, Schema

from recoverynav.api.errors import ERROR_RESPONSES, ERROR_RESPONSES_404, ApiError, NotFound
from recoverynav.api.links import AbsoluteUrl
from recoverynav.api.params import (
    LANGUAGE_HELP,
    Language,
    LanguageQuery,
    LatitudeQuery,
    LongitudeQuery,
    field_integer,
    use_language,
)
from recoverynav.geo.selectors import coordinates_text
from recoverynav.meetings.forms import (
    ATTENDANCE_CHOICES,
    BAND_CHOICES,
    MAX_PAGE,
    RADIUS_CHOICES,
    VIEWER_ZONES,
    WHEN_CHOICES,
    MeetingSearchForm,
)
from recoverynav.meetings.listings import MeetingListing, meeting_listing
from recoverynav.meetings.meeting_types import type_choices
from recoverynav.meetings.models import Fellowship, Meeting
from recoverynav.meetings.selectors import PER_PAGE, meeting_by_slug, search_meetings

router = Router(tags=["meetings"])
LINKS = {
    "meetings": "/api/v1/meetings/?place=22902",
    "meeting_guide_feed": "/meetings.json",
    "meetings_calendar": "/meetings/calendar.ics",
}


def _choices(values: list) -> object:
    return Literal[tuple(str(value) for value, _label in values)]  # type: ignore[valid-type]


Band = _choices(BAND_CHOICES)
When = _choices([c for c in WHEN_CHOICES if c[0]])
Radius = _choices(RADIUS_CHOICES)
AttendanceValue = _choices(ATTENDANCE_CHOICES)
FellowshipValue = _choices(Fellowship.choices)
TypeCode = _choices(type_choices())
Zone = Literal[tuple(VIEWER_ZONES)]  # type: ignore[valid-type]
Weekday = Annotated[int, Field(ge=0, le=6)]


class TimeOut(Schema):
    """One weekly time's next (or current) occurrence, in RFC 3339 with the UTC offset the
    zone has then (e.g. 2026-11-23T12:00:00-05:00)."""

    start: dt.datetime = Field(description="Start, in the meeting's zone.")
    end: dt.datetime = Field(description="End, in the meeting's zone.")
    viewer_start: dt.datetime | None = Field(
        None, description="Start in the viewer's zone (`tz`), when it differs."
    )

    @staticmethod
    def resolve_start(obj: dict) -> dt.datetime:
        return obj["start_at"]

    @staticmethod
    def resolve_end(obj: dict) -> dt.datetime:
        return obj["end_at"]

    @staticmethod
    def resolve_viewer_start(obj: dict) -> dt.datetime | None:
        return obj.get("viewer_start_at")


class MeetingOut(Schema):
    slug: str
    name: str
    fellowship: str
    attendance: str
    types: list[str]
    type_labels: list[str]
    group_name: str
    location_name: str
    formatted_address: str
    city: str
    state: str
    latitude: float | None
    longitude: float | None
    approximate: bool
    conference_url: str
    conference_phone: str
    timezone: str
    times: list[TimeOut]
    status: str = ""
    status_minutes: int | None = None
    distance_miles: float | None = None
    url: AbsoluteUrl
    page_url: AbsoluteUrl
    calendar_url: AbsoluteUrl

    @staticmethod
    def resolve_times(obj: Meeting) -> list[dict]:
        return getattr(obj, "shown_times", [])

    @staticmethod
    def resolve_status(obj: Meeting) -> str:
        found = getattr(obj, "status", None)
        return found.kind if found else ""

    @staticmethod
    def resolve_status_minutes(obj: Meeting) -> int | None:
        found = getattr(obj, "status", None)
        return found.minutes if found else None

    @staticmethod
    def resolve_distance_miles(obj: Meeting) -> float | None:
        miles = getattr(obj, "miles", None)
        return round(miles, 2) if miles is not None else None

    @staticmethod
    def resolve_url(obj: Meeting) -> str:
        return f"/api/v1/meetings/{obj.slug}"

    @staticmethod
    def resolve_page_url(obj: Meeting) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_calendar_url(obj: Meeting) -> str:
        return reverse("meetings:meeting_calendar", args=[obj.slug])


class MeetingDetailOut(MeetingOut):
    notes: str
    location_notes: str
    conference_url_notes: str
    conference_phone_notes: str
    source_url: str

    @staticmethod
    def resolve_source_url(obj: Meeting) -> str:
        return obj.url


class MeetingPlaceOut(Schema):
    label: str
    latitude: float
    longitude: float
    kind: str
    query: str


class MeetingSearchOut(Schema):
    place: MeetingPlaceOut | None
    candidates: list[MeetingPlaceOut]
    message: str
    total: int | None
    page: int
    page_size: int
    has_next: bool
    viewer_timezone: str
    calendar_url: AbsoluteUrl
    results: list[MeetingOut]


class MeetingFilters(Schema):
    """What both searches take besides the center (the finder form's fields)."""

    radius: Radius | None = Field(None, description="Miles.")
    day: list[Weekday] | None = Field(None, description="0 = Sunday … 6 = Saturday.")
    time: list[Band] | None = Field(None, description="Time-of-day bands.")
    type: list[TypeCode] | None = Field(None, description="Meeting Guide types.")
    attendance: list[AttendanceValue] | None = None
    fellowship: list[FellowshipValue] | None = None
    q: Annotated[str | None, Field(max_length=100, description="Keyword.")] = None
    when: When | None = Field(None, description="now, soon or now_or_soon.")
    tz: Zone | None = Field(None, description="Viewer's zone for online times.")
    page: field_integer(ge=1, le=MAX_PAGE) = 1  # type: ignore[valid-type]
    page_size: field_integer(ge=1, le=PER_PAGE) = PER_PAGE  # type: ignore[valid-type]
    lang: Language | None = Field(None, description=LANGUAGE_HELP)


@router.get("/", response={200: MeetingSearchOut, **ERROR_RESPONSES}, summary="Find meetings")
def meeting_search(
    request: HttpRequest,
    filters: Query[MeetingFilters],
    place: Annotated[str | None, Query(max_length=200, description="ZIP, town, county.")] = None,
) -> dict:
    """Nearest first near `place`, else by name; online-only meetings are listed wherever
    they are when only `attendance=online` is asked for."""
    use_language(request, filters.lang)
    return _search(request, _form_data(request, place=place), filters)


@router.get(
    "/near/",
    response={200: MeetingSearchOut, **ERROR_RESPONSES},
    summary="Find meetings near a point",
)
def meeting_search_near(
    request: HttpRequest,
    lat: LatitudeQuery,
    lon: LongitudeQuery,
    filters: Query[MeetingFilters],
) -> dict:
    """The same search around a point (e.g. a phone's location) instead of a place name."""
    use_language(request, filters.lang)
    return _search(request, _form_data(request, place=coordinates_text(lat, lon)), filters)


def _search(request: HttpRequest, data: QueryDict, filters: MeetingFilters) -> dict:
    form = MeetingSearchForm(data)
    if not form.is_valid():
        raise ApiError(
            "invalid_parameters",
            gettext("Some parameters are not valid."),
            errors=[
                {"loc": ["query", name], "msg": str(message)}
                for name, messages in form.errors.items()
                for message in messages
            ],
        )
    now = timezone.now()
    zone = form.viewer_zone
    result = search_meetings(
        query=form.to_query(),
        now=now,
        per_page=filters.page_size,
        viewer_zone=zone,
        online_times_only=True,
        now_only=False,
    )
    lookup = result.lookup
    calendar = reverse("meetings:search_calendar", kwargs={"fmt": "ics"})
    return {
        "place": result.place,
        "candidates": (lookup.alternatives if lookup.place else lookup.places) if lookup else [],
        "message": lookup.error if lookup else "",
        "total": result.total,
        "page": result.query.page,
        "page_size": filters.page_size,
        "has_next": result.has_next,
        "viewer_timezone": zone,
        "calendar_url": f"{calendar}?{data.urlencode()}",
        "results": result.listings,
    }


def _form_data(request: HttpRequest, *, place: str | None) -> QueryDict:
    """The finder form's parameters, as the page would send them (coordinates become the
    "lat,lon" place text the place lookup reads)."""
    data = request.GET.copy()
    for name in ("place", "lat", "lon", "lang", "page_size"):
        data.pop(name, None)
    if place is not None:
        data["place"] = place
    return data


@router.get(
    "/{slug}", response={200: MeetingDetailOut, **ERROR_RESPONSES_404}, summary="One meeting"
)
def meeting_get(
    request: HttpRequest,
    slug: str = Path(..., pattern=r"^[-a-zA-Z0-9_]{1,64}$"),
    lang: LanguageQuery = None,
) -> MeetingListing:
    use_language(request, lang)
    found = meeting_by_slug(slug)
    if found is None:
        raise NotFound(gettext("There is no meeting %(slug)s.") % {"slug": slug})
    return meeting_listing(found, now=timezone.now())
