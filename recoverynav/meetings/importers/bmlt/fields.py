"""BMLT's own values, checked: every value is a string (numbers are taken too), weekday 1
(Sunday) to 7 (Saturday), `HH:MM(:SS)` times and durations, venue type 1 (in person),
2 (virtual) or 3 (hybrid). A meeting that breaks them is rejected with the reason."""

import re

from recoverynav.meetings.importers import MeetingRejected

MINUTES_PER_DAY = 24 * 60
DEFAULT_DURATION = 60
CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
VENUES = {"1": "in_person", "2": "online", "3": "hybrid"}


def text_value(item: dict, name: str, limit: int, slug: str) -> str:
    """A value as text: BMLT sends strings; numbers are taken too; lists and objects are not."""
    value = item.get(name)
    if type(value) is str and len(value) <= limit:  # nearly every value: one check
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise MeetingRejected(f"{slug}: {name} must be text, not {type(value).__name__}")
    value = str(value).strip()
    if len(value) > limit:
        raise MeetingRejected(f"{slug}: {name} is longer than {limit} characters")
    return value


def weekday(item: dict, slug: str) -> int:
    value = text_value(item, "weekday_tinyint", 2, slug)
    if not value.isdigit() or not 1 <= int(value) <= 7:
        raise MeetingRejected(
            f"{slug}: weekday_tinyint must be 1 (Sunday) to 7 (Saturday), not {value!r}"
        )
    return int(value) - 1  # Meeting Guide counts from Sunday = 0


def start_minute(item: dict, slug: str) -> int:
    value = text_value(item, "start_time", 8, slug)
    match = CLOCK.match(value)
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise MeetingRejected(f"{slug}: start_time must look like 19:30:00, not {value!r}")
    return int(match[1]) * 60 + int(match[2])


def duration(item: dict, slug: str) -> int:
    value = text_value(item, "duration_time", 8, slug)
    if not value:
        return DEFAULT_DURATION
    match = CLOCK.match(value)
    if not match or int(match[2]) > 59:
        raise MeetingRejected(f"{slug}: duration_time must look like 01:30:00, not {value!r}")
    minutes = int(match[1]) * 60 + int(match[2])
    if minutes > MINUTES_PER_DAY:
        raise MeetingRejected(f"{slug}: duration_time {value!r} is longer than a day")
    return minutes or DEFAULT_DURATION


def hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def venue(item: dict, slug: str, hint: str) -> str:
    value = text_value(item, "venue_type", 2, slug)
    if not value:
        return hint or "in_person"
    if value not in VENUES:
        raise MeetingRejected(
            f"{slug}: venue_type must be 1 (in person), 2 (virtual) or 3 (hybrid), not {value!r}"
        )
    return VENUES[value]
