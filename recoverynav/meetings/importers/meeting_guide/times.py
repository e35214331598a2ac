"""When a Meeting Guide meeting is: its weekdays, start, length and time zone. Feeds write
days as numbers, strings or lists, and times as "19:30" or "7:30 PM"."""

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from recoverynav.meetings.importers import MeetingRejected
from recoverynav.meetings.importers.meeting_guide.context import FeedContext

DEFAULT_DURATION_MINUTES = 60
MINUTES_PER_DAY = 24 * 60
DAY_NAMES = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
TIME = re.compile(r"^\s*(\d{1,2}):(\d{2})(?::\d{2})?\s*([AaPp]\.?[Mm]\.?)?\s*$")


def schedule_of(item: dict) -> tuple[list[int], int | None, int]:
    """Weekdays (0 = Sunday), start minute and length in minutes of a weekly meeting."""
    slug = item.get("slug")
    days = days_of(item.get("day"), slug)
    start = minutes_of(item.get("time"), slug, "time")
    if bool(days) != (start is not None):
        raise MeetingRejected(f"{slug}: a weekly meeting needs both a day and a time")
    end = None
    if item.get("end_time") not in (None, ""):
        try:
            end = minutes_of(item.get("end_time"), slug, "end_time", end=True)
        except MeetingRejected:
            end = None
    duration = DEFAULT_DURATION_MINUTES
    if start is not None and end is not None and end % MINUTES_PER_DAY != start:
        # Its real length, however long (a 24-hour marathon stays 24 hours).
        duration = (end - start) % MINUTES_PER_DAY
    elif start is not None and end == MINUTES_PER_DAY and start == 0:
        duration = MINUTES_PER_DAY  # "00:00" to "24:00": the whole day
    if duration == MINUTES_PER_DAY - 1:
        # Ending a minute before it starts again is how a 24-hour meeting is written ("00:00"
        # to "23:59": our feed and BMLT's day-long meetings): the whole day.
        duration = MINUTES_PER_DAY
    return days, start, duration


def days_of(value: Any, slug: Any) -> list[int]:
    if value is None or value == "" or value == []:
        return []
    raw = value if isinstance(value, list) else [value]
    days = set()
    for entry in raw:
        day = None
        if isinstance(entry, int) and not isinstance(entry, bool):
            day = entry
        elif isinstance(entry, str) and entry.strip().isdigit():
            day = int(entry.strip())
        elif isinstance(entry, str) and entry.strip().lower() in DAY_NAMES:
            day = DAY_NAMES.index(entry.strip().lower())
        if day is None or not 0 <= day <= 6:
            raise MeetingRejected(f"{slug}: day must be 0 (Sunday) to 6 (Saturday), not {entry!r}")
        days.add(day)
    return sorted(days)


def minutes_of(value: Any, slug: Any, name: str, *, end: bool = False) -> int | None:
    """Minutes after midnight; an end time may be "24:00" (1440), the end of the day."""
    if value is None or value == "":
        return None
    match = TIME.match(value) if isinstance(value, str) else None
    if not match:
        raise MeetingRejected(f"{slug}: {name} must look like 19:30, not {str(value)[:20]!r}")
    hours, minutes, half = int(match[1]), int(match[2]), (match[3] or "").lower()[:1]
    if half and not 1 <= hours <= 12:
        raise MeetingRejected(f"{slug}: {name} {value!r} is not a time")
    if half:
        hours = hours % 12 + (12 if half == "p" else 0)
    if hours == 24 and minutes == 0:
        return MINUTES_PER_DAY if end else 0
    if hours > 23 or minutes > 59:
        raise MeetingRejected(f"{slug}: {name} {value!r} is not a time")
    return hours * 60 + minutes


def clock(minutes: int | None) -> dt.time | None:
    return None if minutes is None else dt.time(minutes // 60, minutes % 60)


def timezone_of(value: str, postal_code: str, context: FeedContext) -> str:
    """The meeting's own zone, else (unless the source writes all times in its default zone)
    its ZIP code's, else the source's default."""
    if value and value in _zones():
        return value
    if context.zone_from_place and re.fullmatch(r"\d{5}(-\d{4})?", postal_code):
        zone = context.cached(
            ("zone", postal_code[:5]), lambda: context.postal_timezone(postal_code[:5])
        )
        if zone:
            return zone
    return context.default_timezone


def _zones() -> set[str]:
    if not hasattr(_zones, "cache"):
        _zones.cache = available_timezones()
    return _zones.cache


def is_timezone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return name in _zones()
