"""Reads: the one meeting search used by the finder page, the calendar export, the API and
the benchmark; single meetings; the coverage of a place; and the labels that go with them.

Three orders, by what the visitor asked:
- "in progress" / "starting soon": by start time, online meetings for everyone and meetings
  one can go to only near a known place;
- near a place: nearest first, and at the same distance the soonest first (today's meetings
  before the rest of the week);
- otherwise (keywords, filters across the country): by name."""

import datetime as dt
import hashlib
import math
import uuid
from dataclasses import dataclass, field, replace

from django.core.cache import cache
from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import StrIndex
from django.db.models.lookups import GreaterThan
from django.utils import timezone

from recoverynav.core import sql
from recoverynav.geo import selectors as geo
from recoverynav.meetings import schedule
from recoverynav.meetings.listings import MeetingListing, show_times, status_of
from recoverynav.meetings.models import Attendance, Meeting, MeetingTime

LISTED_KINDS_CACHE_KEY = "meetings:listed-kinds"
ONLINE_SOON_GENERATION_KEY = "meetings:online-soon-generation"
# What readers cache from the meetings table, cleared by every import.
DERIVED_CACHE_KEYS = [
    schedule.ZONES_CACHE_KEY,
    schedule.LONG_ROWS_CACHE_KEY,
    LISTED_KINDS_CACHE_KEY,
    ONLINE_SOON_GENERATION_KEY,
]
SHOWN_BY_DEFAULT = [Attendance.IN_PERSON, Attendance.ONLINE, Attendance.HYBRID]
PLACE_ATTENDANCE = {Attendance.IN_PERSON, Attendance.HYBRID, Attendance.TEMPORARILY_CLOSED}
# Joinable from anywhere: listed "now" for everyone, wherever they are.
JOINABLE = [Attendance.ONLINE, Attendance.HYBRID]
# Fewer meetings than this within COVERAGE_MILES of a place: our listings do not cover it.
FEW_MEETINGS = 5
COVERAGE_MILES = 25
# Time-of-day bands by local start time, in minutes after midnight.
BANDS = {
    "morning": Q(minute_of_day__gte=5 * 60, minute_of_day__lt=12 * 60),
    "midday": Q(minute_of_day__gte=12 * 60, minute_of_day__lt=17 * 60),
    "evening": Q(minute_of_day__gte=17 * 60, minute_of_day__lt=21 * 60),
    "night": Q(minute_of_day__gte=21 * 60) | Q(minute_of_day__lt=5 * 60),
}
MAX_KEYWORDS = 5
# Up to this many keyword candidates (SQLite), they are fetched by id and sorted.
KEYWORD_FEW = 3000
TRIGRAM = 3
FENCE = 2**62
PER_PAGE = 20


@dataclass
class MeetingQuery:
    place: str = ""
    radius_miles: float = 10
    days: list[int] = field(default_factory=list)
    bands: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    attendance: list[str] = field(default_factory=list)
    fellowships: list[str] = field(default_factory=list)
    keyword: str = ""
    when: str = ""  # "", "now", "soon" or "now_or_soon"
    page: int = 1
    soon_minutes: int = schedule.SOON_MINUTES  # how far ahead "soon" reaches


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


def schedule_zones() -> list[str]:
    """Zones that have meetings; cached because every "now" search needs them, and cleared
    by each import (other processes see a new zone within five minutes)."""
    zones = cache.get(schedule.ZONES_CACHE_KEY)
    if zones is None:
        zones = sorted(set(MeetingTime.objects.values_list("timezone", flat=True).distinct()))
        cache.set(schedule.ZONES_CACHE_KEY, zones, 300)
    return zones


def long_schedule_rows() -> list[schedule.LongRow]:
    """Weekly rows longer than the span "now" reads from the index (marathons, 24-hour
    meetings): few, so cached and checked one by one; cleared by each import."""
    rows = cache.get(schedule.LONG_ROWS_CACHE_KEY)
    if rows is None:
        found = MeetingTime.objects.filter(
            end_minute__gt=F("start_minute") + schedule.INDEXED_SPAN
        ).values_list("pk", "timezone", "start_minute", "end_minute")
        rows = [schedule.LongRow(*row) for row in found]
        cache.set(schedule.LONG_ROWS_CACHE_KEY, rows, 300)
    return rows


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
        nearby = _nearby(query=query, now=now, latitude=place.latitude, longitude=place.longitude)
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
    meetings = _filtered(query, now, near=False)
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
    if place is not None and _attendance(query, near=True):
        near = _nearby(query=query, now=now, latitude=place.latitude, longitude=place.longitude)
        miles.update(near)
        if near:
            rows += MeetingTime.objects.filter(window, meeting_id__in=list(miles)).values_list(
                "meeting_id", "timezone", "start_minute", "end_minute"
            )
    joinable = [kind for kind in query.attendance or JOINABLE if kind in JOINABLE]
    if joinable:
        times = _schedule_filter(MeetingTime.objects.filter(window, attendance__in=joinable), query)
        if query.fellowships or query.types or query.keyword.split():
            chosen = _filtered(
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


def coverage_near(place, *, fellowships: list[str]) -> int:
    """How many meetings one can go to (of the chosen fellowships) lie within COVERAGE_MILES
    of the place: fewer than FEW_MEETINGS, and our listings do not cover the area."""
    query = MeetingQuery(radius_miles=COVERAGE_MILES, fellowships=list(fellowships))
    return len(
        _nearby_by_sql(
            query=query, now=timezone.now(), latitude=place.latitude, longitude=place.longitude
        )
    )


def searched_attendance(query: MeetingQuery) -> list[str]:
    """How the meetings a search without a place lists can be attended: for "now", what can
    be joined from anywhere (of the chosen ways); otherwise the chosen ways, or the usual."""
    if query.when:
        return [kind for kind in query.attendance or JOINABLE if kind in JOINABLE]
    return list(query.attendance or SHOWN_BY_DEFAULT)


def listed_any(*, fellowships: list[str], attendance: list[str]) -> bool:
    """Whether we list any meeting of these fellowships (any, when none) attended these
    ways: when not, an empty search is a gap in our listings, not the visitor's choices."""
    return any(
        kind in attendance and (not fellowships or fellowship in fellowships)
        for fellowship, kind in listed_kinds()
    )


def online_soon(
    query: MeetingQuery, *, now: dt.datetime, shown: int, viewer_zone: str = ""
) -> list[MeetingListing]:
    """The first `shown` meetings of a "now or soon" query, kept for the minute: every
    visitor to a place we do not cover is offered the same online meetings, and finding them
    cost more than the rest of the page. An import starts a new generation of these lists;
    an edit in the admin shows within the minute."""
    generation = cache.get(ONLINE_SOON_GENERATION_KEY)
    if generation is None:
        cache.add(ONLINE_SOON_GENERATION_KEY, uuid.uuid4().hex, None)
        generation = cache.get(ONLINE_SOON_GENERATION_KEY, "")
    minute = now.replace(second=0, microsecond=0)
    key = (
        "meetings:online-soon:"
        + hashlib.blake2b(
            repr((generation, minute.isoformat(), query, shown)).encode(), digest_size=16
        ).hexdigest()
    )
    listings = cache.get(key)
    if listings is None:
        listings = search_meetings(query=query, now=minute, per_page=shown).listings
        cache.set(key, listings, 60)
    # The times in the visitor's own zone (the list is everyone's).
    show_times(listings, now=now, viewer_zone=viewer_zone, now_only=True)
    return listings


def listed_kinds() -> set[tuple[str, str]]:
    """The (fellowship, attendance) pairs we list: a few dozen, read with one scan and
    cached (cleared by each import, like the zones)."""
    kinds = cache.get(LISTED_KINDS_CACHE_KEY)
    if kinds is None:
        kinds = set(Meeting.objects.values_list("fellowship", "attendance").distinct())
        cache.set(LISTED_KINDS_CACHE_KEY, kinds, 300)
    return kinds


def _nearby(
    *, query: MeetingQuery, now: dt.datetime, latitude: float, longitude: float
) -> list[tuple[int, float]]:
    """(id, miles) of the meetings matching the query within its radius, nearest first.

    Most searches ask for a place and at most how to attend and which fellowship: those run
    one hand-written query (see core.sql); the rest go through the ORM. Both give the same
    rows (meetings/tests/test_search_sql.py)."""
    find = _nearby_by_sql if _is_plain(query) else _nearby_by_orm
    return find(query=query, now=now, latitude=latitude, longitude=longitude)


def _is_plain(query: MeetingQuery) -> bool:
    return not (query.keyword.split() or query.when or query.days or query.bands or query.types)


def _nearby_by_sql(
    *, query: MeetingQuery, now: dt.datetime, latitude: float, longitude: float
) -> list[tuple[int, float]]:
    """The indexed box query (meeting_lat_lon_attendance) of a plain query."""
    attendance = _attendance(query, near=True)
    conditions = [sql.in_list("attendance", len(attendance))]
    params: list[object] = [*attendance]
    if query.fellowships:
        conditions.append(sql.in_list("fellowship", len(query.fellowships)))
        params += query.fellowships
    return geo.nearby_by_sql(
        Meeting,
        where=conditions,
        params=params,
        latitude=latitude,
        longitude=longitude,
        radius_miles=query.radius_miles,
    )


def _nearby_by_orm(
    *, query: MeetingQuery, now: dt.datetime, latitude: float, longitude: float
) -> list[tuple[int, float]]:
    return geo.nearby_ids(
        _filtered(query, now, near=True).order_by(),  # sorted by distance: not by name
        latitude=latitude,
        longitude=longitude,
        radius_miles=query.radius_miles,
    )


def _attendance(query: MeetingQuery, *, near: bool) -> list[str]:
    attendance = query.attendance or SHOWN_BY_DEFAULT
    if near:  # online-only meetings have no place to be near
        attendance = [kind for kind in attendance if kind in PLACE_ATTENDANCE]
    return attendance


def _filtered(query: MeetingQuery, now: dt.datetime, *, near: bool) -> QuerySet[Meeting]:
    attendance = _attendance(query, near=near)
    meetings = Meeting.objects.filter(attendance__in=attendance)
    if query.fellowships:
        meetings = meetings.filter(fellowship__in=query.fellowships)
    for code in query.types:
        meetings = meetings.filter(type_codes__contains=f"|{code}|")
    words = query.keyword.lower().split()[:MAX_KEYWORDS]
    meetings = _with_keywords(meetings, words, listed=not near and not query.when)
    if query.when:
        # Few rows are on "now": find them (of the asked attendance) in the times index first.
        times = MeetingTime.objects.filter(
            schedule.window_condition(
                now=now,
                zones=schedule_zones(),
                when=query.when,
                long_rows=long_schedule_rows(),
                soon_minutes=query.soon_minutes,
            ),
            attendance__in=attendance,
        )
        # The LIMIT (above any table's size) is a fence: without it PostgreSQL may fold the
        # window into a semi-join that walks every meeting in name order, checking each.
        window = _schedule_filter(times, query).order_by().values("meeting_id")[:FENCE]
        meetings = meetings.filter(pk__in=window)
    elif query.days or query.bands:
        times = _schedule_filter(MeetingTime.objects.filter(meeting=OuterRef("pk")), query)
        meetings = meetings.filter(Exists(times))
    return meetings


def _with_keywords(
    meetings: QuerySet[Meeting], words: list[str], *, listed: bool
) -> QuerySet[Meeting]:
    """Every word must be in the meeting's text (a substring: the exact rule).

    On SQLite, a listing by name over the whole table also asks the FTS5 trigram index
    (migration 0005) which meetings can match, counting them first (a cheap index read): few
    are fetched by id and sorted; many are met sooner by scanning in name order and checking
    each id against the index's set (`id + 0` keeps SQLite from driving the loop by id).
    PostgreSQL scans the name-order index, which covers the text (no table rows read)."""
    # strpos/instr rather than LIKE: the same test on our lower-cased text, with nothing to
    # escape, and PostgreSQL cannot misjudge how many rows it keeps (from a few sampled rows
    # it judged LIKE '%early%' so rare that it read the whole table instead of the name order).
    exact = Q()
    for word in words:
        exact &= Q(GreaterThan(StrIndex("search_text", Value(word)), 0))
    match = fts_match(words) if listed and connection.vendor == "sqlite" else ""
    if not match:
        return meetings.filter(exact)
    # Fixed SQL; the query is a parameter.
    candidates = RawSQL(  # nosec B611
        "SELECT rowid FROM meetings_meeting_words WHERE meetings_meeting_words MATCH %s",
        [match],
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM (SELECT 1 FROM meetings_meeting_words "
            "WHERE meetings_meeting_words MATCH %s LIMIT %s)",
            [match, KEYWORD_FEW + 1],
        )
        few = cursor.fetchone()[0] <= KEYWORD_FEW
    if few:
        return meetings.filter(exact, pk__in=candidates)
    # The id test comes before the text test, which needs the whole row.
    return meetings.alias(row_id=F("pk") + 0).filter(row_id__in=candidates).filter(exact)


def fts_match(words: list[str]) -> str:
    """An FTS5 query for the trigram index (detail=none): trigrams that cover each word of at
    least three letters, side by side (overlapping ones narrow little and each costs a
    posting-list merge); shorter words are left to the exact test, which checks every word."""
    trigrams = {
        word[i : i + TRIGRAM]
        for word in words
        if len(word) >= TRIGRAM
        for i in [*range(0, len(word) - TRIGRAM, TRIGRAM), len(word) - TRIGRAM]
    }
    return " AND ".join('"' + gram.replace('"', '""') + '"' for gram in sorted(trigrams))


def _schedule_filter(times: QuerySet[MeetingTime], query: MeetingQuery) -> QuerySet[MeetingTime]:
    if query.days:
        times = times.filter(day__in=query.days)
    if query.bands:
        band_q = Q(pk__in=[])
        for band in query.bands:
            band_q |= BANDS[band]
        times = times.filter(band_q)
    return times


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
