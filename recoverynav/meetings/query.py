"""What a meeting search asks for (`MeetingQuery`) and the filtered meetings every order of
the search starts from: by name (selectors), nearest first (nearby) and "now" (selectors).
Its own module so the nearby search and the selectors share it without importing each other."""

import datetime as dt
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Exists, F, OuterRef, Q, QuerySet

from recoverynav.meetings import schedule
from recoverynav.meetings.keywords import keyword_words, with_keywords
from recoverynav.meetings.models import Attendance, Meeting, MeetingTime

SHOWN_BY_DEFAULT = [Attendance.IN_PERSON, Attendance.ONLINE, Attendance.HYBRID]
PLACE_ATTENDANCE = {Attendance.IN_PERSON, Attendance.HYBRID, Attendance.TEMPORARILY_CLOSED}
# Joinable from anywhere: listed "now" for everyone, wherever they are.
JOINABLE = [Attendance.ONLINE, Attendance.HYBRID]
# Time-of-day bands by local start time, in minutes after midnight.
BANDS = {
    "morning": Q(minute_of_day__gte=5 * 60, minute_of_day__lt=12 * 60),
    "midday": Q(minute_of_day__gte=12 * 60, minute_of_day__lt=17 * 60),
    "evening": Q(minute_of_day__gte=17 * 60, minute_of_day__lt=21 * 60),
    "night": Q(minute_of_day__gte=21 * 60) | Q(minute_of_day__lt=5 * 60),
}
FENCE = 2**62


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


def attendance_for(query: MeetingQuery, *, near: bool) -> list[str]:
    attendance = query.attendance or SHOWN_BY_DEFAULT
    if near:  # online-only meetings have no place to be near
        attendance = [kind for kind in attendance if kind in PLACE_ATTENDANCE]
    return attendance


def filtered_meetings(query: MeetingQuery, now: dt.datetime, *, near: bool) -> QuerySet[Meeting]:
    attendance = attendance_for(query, near=near)
    meetings = Meeting.objects.filter(attendance__in=attendance)
    if query.fellowships:
        meetings = meetings.filter(fellowship__in=query.fellowships)
    for code in query.types:
        meetings = meetings.filter(type_codes__contains=f"|{code}|")
    words = keyword_words(query.keyword)
    meetings = with_keywords(meetings, words)
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
        window = schedule_filter(times, query).order_by().values("meeting_id")[:FENCE]
        meetings = meetings.filter(pk__in=window)
    elif query.days or query.bands:
        times = schedule_filter(MeetingTime.objects.filter(meeting=OuterRef("pk")), query)
        meetings = meetings.filter(Exists(times))
    return meetings


def schedule_filter(times: QuerySet[MeetingTime], query: MeetingQuery) -> QuerySet[MeetingTime]:
    if query.days:
        times = times.filter(day__in=query.days)
    if query.bands:
        band_q = Q(pk__in=[])
        for band in query.bands:
            band_q |= BANDS[band]
        times = times.filter(band_q)
    return times
