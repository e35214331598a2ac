"""Weekly times in each meeting's own zone, compared with one instant ("now").

A meeting's row keeps its local minute of the week (Sunday 00:00 = 0), which never changes
when daylight saving time starts or ends. To ask "what is on now", we turn the instant into
the local minute of the week of every zone that has meetings, and look for rows of that zone
around that minute. That is correct for any viewer, across midnight, across Saturday→Sunday
and across DST changes, and it stays an indexed range query on (attendance, timezone,
start_minute)."""

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import BooleanField
from django.db.models.expressions import RawSQL

MINUTES_PER_DAY = 24 * 60
MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY
SOON_MINUTES = 60
# "In progress" reads the index for rows that started at most this long ago: a narrow range
# instead of a day of rows. Meetings are kept at their real length; the few longer ones
# (marathons, 24-hour meetings) come from a short cached list instead (`long_rows`).
INDEXED_SPAN = 4 * 60
# The zones that have meetings, and the rows longer than INDEXED_SPAN: read by every "now"
# search, cached by meetings.query and cleared by every import.
ZONES_CACHE_KEY = "meetings:schedule-zones"
LONG_ROWS_CACHE_KEY = "meetings:long-rows"


@dataclass(frozen=True)
class LongRow:
    """A weekly row longer than INDEXED_SPAN: (row id, zone, start and end minute)."""

    id: int
    timezone: str
    start_minute: int
    end_minute: int


@functools.cache
def zone_info(name: str) -> ZoneInfo:
    """ZoneInfo keeps only a few zones strongly cached; a search may touch dozens."""
    return ZoneInfo(name)


def minute_of_week(instant: dt.datetime, zone: str) -> int:
    local = instant.astimezone(zone_info(zone))
    day = (local.weekday() + 1) % 7  # Python's Monday=0 → the spec's Sunday=0
    return day * MINUTES_PER_DAY + local.hour * 60 + local.minute


def window_condition(
    *,
    now: dt.datetime,
    zones: list[str],
    when: str,
    long_rows: list[LongRow] = (),
    soon_minutes: int = SOON_MINUTES,
) -> RawSQL:
    """A condition on MeetingTime rows in progress (`when="now"`), starting within the hour
    (`"soon"`), or either.

    Zones whose clocks read the same minute right now share one condition. Written as SQL:
    built as Q objects, the dozens of zone conditions cost the ORM more than the query took.
    Rows longer than INDEXED_SPAN that started before it are checked here, one by one, and
    named by id."""
    by_minute: dict[int, list[str]] = {}
    for zone in zones:
        by_minute.setdefault(minute_of_week(now, zone), []).append(zone)
    terms: list[str] = []
    params: list[Any] = []

    def term(same: list[str], condition: str, *values: int) -> None:
        terms.append(f'("timezone" IN ({", ".join(["%s"] * len(same))}) AND {condition})')
        params.extend([*same, *values])

    for minute, same in by_minute.items():
        if when in {"now", "now_or_soon"}:
            term(
                same,
                '"start_minute" BETWEEN %s AND %s AND "end_minute" > %s',
                minute - INDEXED_SPAN,
                minute,
                minute,
            )
            if minute < INDEXED_SPAN:  # a Saturday-night meeting still going on Sunday
                wrapped = minute + MINUTES_PER_WEEK
                term(
                    same,
                    '"start_minute" >= %s AND "end_minute" > %s',
                    wrapped - INDEXED_SPAN,
                    wrapped,
                )
        if when in {"soon", "now_or_soon"}:
            soon = minute + soon_minutes
            term(same, '"start_minute" > %s AND "start_minute" <= %s', minute, soon)
            if soon >= MINUTES_PER_WEEK:
                term(same, '"start_minute" <= %s', soon - MINUTES_PER_WEEK)
    if when in {"now", "now_or_soon"}:
        going = [row.id for row in long_rows if _in_progress(row, now)]
        if going:
            terms.append(f'"id" IN ({", ".join(["%s"] * len(going))})')
            params.extend(going)
    sql = " OR ".join(terms) if terms else "1 = 0"
    # Only fixed SQL text is joined here; every value (zones, minutes) is a parameter.
    return RawSQL(f"({sql})", params, output_field=BooleanField())  # noqa: S611  # nosec B611


def _in_progress(row: LongRow, now: dt.datetime) -> bool:
    found = status(
        start_minute=row.start_minute, end_minute=row.end_minute, zone=row.timezone, now=now
    )
    return found is not None and found.kind == "now"


@dataclass(frozen=True)
class Status:
    kind: str  # "now" (in progress) or "soon"
    minutes: int  # minutes left, or minutes until it starts


def status(
    *,
    start_minute: int,
    end_minute: int,
    zone: str,
    now: dt.datetime,
    soon_minutes: int = SOON_MINUTES,
) -> Status | None:
    """The same rule as window_condition, for one row (used to label results)."""
    minute = minute_of_week(now, zone)
    for shift in (0, MINUTES_PER_WEEK):
        if start_minute <= minute + shift < end_minute:
            return Status("now", end_minute - minute - shift)
    until = (start_minute - minute) % MINUTES_PER_WEEK
    if 0 < until <= soon_minutes:
        return Status("soon", until)
    return None


def minutes_to_start(
    *,
    start_minute: int,
    end_minute: int,
    zone: str,
    now: dt.datetime,
    zone_minute: int | None = None,
) -> int:
    """Minutes from now to this row's start: negative when it is in progress (it started
    that long ago), else until its next start. Sorting by it puts what is on now first,
    then what starts soonest (today's meetings before the rest of the week)."""
    minute = minute_of_week(now, zone) if zone_minute is None else zone_minute
    since = (minute - start_minute) % MINUTES_PER_WEEK
    if since < end_minute - start_minute:
        return -since
    return (start_minute - minute) % MINUTES_PER_WEEK


def next_start(
    *, start_minute: int, zone: str, now: dt.datetime, end_minute: int | None = None
) -> dt.datetime:
    """The start of the meeting in progress now (when `end_minute` is given and it is on),
    else of its next one, as an aware datetime in its zone."""
    tz = zone_info(zone)
    local_now = now.astimezone(tz)
    minute = minute_of_week(now, zone)
    today, start_day = minute // MINUTES_PER_DAY, start_minute // MINUTES_PER_DAY
    since_start = (minute - start_minute) % MINUTES_PER_WEEK
    if end_minute is not None and since_start < end_minute - start_minute:
        days_ahead = -((today - start_day) % 7)  # today, or the day it began
    else:
        days_ahead = (start_day - today) % 7
        if days_ahead == 0 and start_minute < minute:
            days_ahead = 7
    date = local_now.date() + dt.timedelta(days=days_ahead)
    of_day = start_minute % MINUTES_PER_DAY
    # Wall-clock arithmetic: the meeting is at 19:00 local whatever the UTC offset that day.
    return dt.datetime.combine(date, dt.time(of_day // 60, of_day % 60), tzinfo=tz)
