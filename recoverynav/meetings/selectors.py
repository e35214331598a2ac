"""Reads: the one meeting search used by the finder page, the calendar export, the API and
the benchmark; single meetings; and the feed's meetings. What a search asks for and its
filters are in query.py, the keyword filter in keywords.py, the nearby box search in
nearby.py, and what we list (coverage, online meetings where we run out) in coverage.py.

Three orders, by what the visitor asked:
- "in progress" / "starting soon": by start time, online meetings for everyone and meetings
  one can go to only near a known place;
- near a place: nearest first, and at the same distance the soonest first (today's meetings
  before the rest of the week);
- otherwise (keywords, filters across the country): by name."""

import datetime as dt
import math
from dataclasses import dataclass, field, replace

from django.db.models import QuerySet
from django.utils import timezone

from recoverynav.core import sql
from recoverynav.geo import selectors as geo
from recoverynav.meetings import schedule
from recoverynav.meetings.keywords import first_in_name_order, keyword_words
from recoverynav.meetings.listings import MeetingListing, show_times, status_of
from recoverynav.meetings.models import Attendance, Meeting, MeetingTime
from recoverynav.meetings.nearby import find_nearby
from recoverynav.meetings.query import (
    FENCE,
    JOINABLE,
    MeetingQuery,
    attendance_for,
    filtered_meetings,
    long_schedule_rows,
    schedule_filter,
    schedule_zones,
)

PER_PAGE = 20


@dataclass
class MeetingSearch:
    query: MeetingQuery
    listings: list[MeetingListing] = field(default_factory=list)
    has_next: bool = False
    lookup: object = None  # geo.PlaceLookup when a place was asked for
    total: int | None = None  # known near a place and for "now"; not for listings by name
    per_page: int = PER_PAGE
    # The zone the times are shown in, and whether the visitor chose it (else a searched
    # place's zone stands in for theirs: the visitor is near it).
    viewer_zone: str = ""
    zone_chosen: bool = False

    @property
    def place(self):
        return self.lookup.place if self.lookup else None

    @property
    def total_nearby(self) -> int | None:
        return self.total if self.lookup else None

    @property
    def page_count(self) -> int | None:
        return max(1, math.ceil(self.total / self.per_page)) if self.total is not None else None


def search_meetings(
    *,
    query: MeetingQuery,
    now: dt.datetime | None = None,
    per_page: int = PER_PAGE,
    viewer_zone: str = "",
    zone_chosen: bool = True,
    online_times_only: bool = False,
    now_only: bool | None = None,
) -> MeetingSearch:
    """Meetings matching every filter: by start time for "now"/"soon", nearest first near a
    place, else by name; each with its times for display in `viewer_zone` (a searched
    place's zone when the visitor chose none). The page shows for "now" only the time that
    is on or next (`now_only`, by default when the query asks for "now"); the API lists
    every time and converts only online meetings' (`online_times_only`).

    Online-only meetings have no place, so a place search covers meetings you can go to;
    asking only for online meetings lists them wherever they are. "Now" lists what can be
    joined from anywhere, and meetings to go to only near a place that was given."""
    now = now or timezone.now()
    search = MeetingSearch(
        query=query, per_page=per_page, viewer_zone=viewer_zone, zone_chosen=zone_chosen
    )
    online_only = set(query.attendance) == {Attendance.ONLINE}
    near = bool(query.place.strip()) and not online_only
    offset = (max(query.page, 1) - 1) * per_page
    place = None
    if near:
        search.lookup = geo.lookup_place(query.place)
        place = search.lookup.place
        if place is None:
            return search
        if not zone_chosen and place.timezone:
            search.viewer_zone, search.zone_chosen = place.timezone, True
    page, found, weekly = _page(search, now=now, place=place, offset=offset)
    search.listings = _listings(
        [(found[pk], miles) for pk, miles in page if pk in found],
        weekly,
        now=now,
        soon_minutes=query.soon_minutes,
    )
    show_times(
        search.listings,
        now=now,
        viewer_zone=search.viewer_zone,
        now_only=bool(query.when) if now_only is None else now_only,
        online_only=online_times_only,
    )
    return search


def _page(
    search: MeetingSearch, *, now: dt.datetime, place, offset: int
) -> tuple[list[tuple[int, float | None]], dict[int, Meeting], list[MeetingTime] | None]:
    """The page's (id, miles) in order, its meetings, and their weekly rows when the order
    needed them already; sets the search's total (when known) and whether there is more."""
    query, per_page = search.query, search.per_page
    weekly = None
    found: dict[int, Meeting] = {}
    if query.when:
        ranked = _on_now(query=query, now=now, place=place)
        search.total = len(ranked)
        page = ranked[offset : offset + per_page]
    elif place is not None:
        nearby = find_nearby(
            query=query, now=now, latitude=place.latitude, longitude=place.longitude
        )
        search.total = len(nearby)
        page, weekly = _soonest_first_at_each_distance(nearby, offset, per_page, now)
    else:
        found = _by_name(query, now, offset, per_page)
        search.has_next = len(found) > per_page
        page = [(pk, None) for pk in list(found)[:per_page]]
    if page and not found:
        found = _meetings_by_id([pk for pk, _ in page])
    if search.total is not None:
        search.has_next = search.total > offset + per_page
    return page, found, weekly


def _by_name(query: MeetingQuery, now: dt.datetime, offset: int, per_page: int) -> dict:
    """One page of a listing by name (and one meeting more, to know there is a next page),
    by id in name order. Bare (name, id) pairs are sorted and cut first, then whole rows read
    for this page only: sorting thousands of full rows ("online now", a common keyword) cost
    tens of ms."""
    meetings = filtered_meetings(query, now, near=False)
    if words := keyword_words(query.keyword):
        page_ids = first_in_name_order(meetings, words, offset + per_page + 1)[offset:]
    else:
        page_ids = meetings.order_by("name", "pk").values("pk")[offset : offset + per_page + 1]
    rows = Meeting.objects.filter(pk__in=page_ids).order_by("name", "pk")
    return {meeting.pk: meeting for meeting in rows}


def _listings(
    found: list[tuple[Meeting, float | None]],
    rows: list[MeetingTime] | None,
    *,
    now: dt.datetime,
    soon_minutes: int,
) -> list[MeetingListing]:
    """One page's listings: each meeting's weekly rows from one query (or rows already
    read), and whether it is on now or starting soon."""
    weekly: dict[int, list[MeetingTime]] = {meeting.pk: [] for meeting, _ in found}
    for row in _weekly_rows(list(weekly)) if rows is None else rows:
        if row.meeting_id in weekly:
            weekly[row.meeting_id].append(row)
    listings = []
    for meeting, miles in found:
        times = weekly[meeting.pk]
        # The model's cached property, filled: exports (the calendar) read the same rows.
        meeting.__dict__["weekly_times"] = times
        listings.append(
            MeetingListing(
                meeting=meeting,
                weekly_times=times,
                miles=miles,
                status=status_of(times, now, soon_minutes=soon_minutes),
            )
        )
    return listings


def _on_now(*, query: MeetingQuery, now: dt.datetime, place) -> list[tuple[int, float | None]]:
    """(id, miles or None) of the meetings in progress or starting soon, by start time:
    what can be joined online from anywhere, and near `place` (when given) what one can go
    to. Every weekly row in the window comes from the times index with its start minute,
    so the order costs arithmetic, not table rows."""
    window = schedule.window_condition(
        now=now,
        zones=schedule_zones(),
        when=query.when,
        long_rows=long_schedule_rows(),
        soon_minutes=query.soon_minutes,
    )
    miles: dict[int, float | None] = {}
    rows: list[tuple] = []
    if place is not None and attendance_for(query, near=True):
        near = find_nearby(query=query, now=now, latitude=place.latitude, longitude=place.longitude)
        miles.update(near)
        if near:
            rows += MeetingTime.objects.filter(window, meeting_id__in=list(miles)).values_list(
                "meeting_id", "timezone", "start_minute", "end_minute"
            )
    joinable = [kind for kind in query.attendance or JOINABLE if kind in JOINABLE]
    if joinable:
        times = schedule_filter(MeetingTime.objects.filter(window, attendance__in=joinable), query)
        if query.fellowships or query.types or query.keyword.split():
            chosen = filtered_meetings(
                replace(query, attendance=joinable, place="", when=""), now, near=False
            )
            times = times.filter(meeting_id__in=chosen.order_by().values("pk")[:FENCE])
        rows += times.values_list("meeting_id", "timezone", "start_minute", "end_minute")
    starts = _minutes_to_start(rows, now)
    ranked = sorted(starts, key=lambda pk: (starts[pk], miles.get(pk) or 0, pk))
    return [(pk, miles.get(pk)) for pk in ranked]


def _minutes_to_start(rows: list[tuple], now: dt.datetime) -> dict[int, int]:
    """Each meeting's soonest start from now (negative: in progress), from (id, zone, start,
    end) rows; each zone's clock is read once."""
    zone_minutes: dict[str, int] = {}
    soonest: dict[int, int] = {}
    for pk, zone, start, end in rows:
        minute = zone_minutes.get(zone)
        if minute is None:
            minute = zone_minutes[zone] = schedule.minute_of_week(now, zone)
        found = schedule.minutes_to_start(
            start_minute=start, end_minute=end, zone=zone, now=now, zone_minute=minute
        )
        if pk not in soonest or found < soonest[pk]:
            soonest[pk] = found
    return soonest


def _soonest_first_at_each_distance(
    nearby: list[tuple[int, float]], offset: int, per_page: int, now: dt.datetime
) -> tuple[list[tuple[int, float]], list[MeetingTime]]:
    """One page of `nearby` (nearest first) where meetings at the same distance (the same
    building) come soonest first: today's before the rest of the week. The groups at the
    page's edges are read whole, so every page agrees with its neighbors; their weekly rows
    (one query) also serve the page's cards."""
    low, high = offset, min(offset + per_page, len(nearby))
    if low >= high:
        return [], []
    while low > 0 and nearby[low - 1][1] == nearby[low][1]:
        low -= 1
    while high < len(nearby) and nearby[high][1] == nearby[high - 1][1]:
        high += 1
    group = nearby[low:high]
    rows = _weekly_rows([pk for pk, _ in group])
    starts = _minutes_to_start(
        [(r.meeting_id, r.timezone, r.start_minute, r.end_minute) for r in rows], now
    )
    never = schedule.MINUTES_PER_WEEK
    ordered = sorted(group, key=lambda pair: (pair[1], starts.get(pair[0], never), pair[0]))
    return ordered[offset - low : offset - low + per_page], rows


def _weekly_rows(meeting_ids: list[int]) -> list[MeetingTime]:
    """The meetings' weekly rows in the model's order (hand-written: every search runs it)."""
    if not meeting_ids:
        return []
    return sql.fetch_instances(
        MeetingTime,
        [f.name for f in MeetingTime._meta.concrete_fields],
        where=[sql.in_list("meeting", len(meeting_ids))],
        params=meeting_ids,
        order_by=MeetingTime._meta.ordering,
    )


def _meetings_by_id(pks: list[int]) -> dict[int, Meeting]:
    """Whole meetings by id, for one page of results (hand-written: every search runs it)."""
    if not pks:
        return {}
    meetings = sql.fetch_instances(
        Meeting,
        [f.name for f in Meeting._meta.concrete_fields],
        where=[sql.in_list("id", len(pks))],
        params=pks,
    )
    return {meeting.pk: meeting for meeting in meetings}


def meeting_by_slug(slug: str) -> Meeting | None:
    return (
        Meeting.objects.filter(slug=slug).select_related("source").prefetch_related("times").first()
    )


def meetings_for_feed(*, source: str = "") -> QuerySet[Meeting]:
    meetings = Meeting.objects.order_by("pk")
    if source:
        meetings = meetings.filter(source__name=source)
    return meetings.prefetch_related("times")
