"""VTIMEZONE blocks whose rules never end, to match weekly meetings whose RRULEs never end.

icalendar writes a zone's transitions one by one and stops in 2038 ("This timezone only
works from 1970-01-01 to 2038-01-01"), so a calendar that follows a weekly meeting for years
would put it an hour off after that. Every compiled zone file (TZif version 2 or later) ends
with a POSIX TZ string that states the zone's current rule for all later years, for example
`EST5EDT,M3.2.0,M11.1.0`. We write that rule as yearly RRULEs instead. Zones whose rule
cannot be said that way (transition times outside 0 to 24 h, Julian-day rules) keep icalendar's
block."""

import datetime as dt
import functools
import re
import zoneinfo
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import icalendar

ICAL_DAYS = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"]
NAME = r"(<[^>]+>|[A-Za-z]{3,})"
OFFSET = r"([+-]?\d{1,2}(?::\d{2}){0,2})"
RULE = r"M(\d{1,2})\.(\d)\.(\d)(?:/([+-]?\d{1,3}(?::\d{2}){0,2}))?"
POSIX = re.compile(rf"^{NAME}{OFFSET}(?:{NAME}(?:{OFFSET})?,{RULE},{RULE})?$")


@dataclass(frozen=True)
class Transition:
    month: int
    week: int  # 1 to 4, or 5 for the last
    weekday: int  # 0 = Sunday
    seconds: int  # local time of the change, in the offset before it


@dataclass(frozen=True)
class ZoneRule:
    std_name: str
    std_offset: int  # seconds east of UTC
    dst_name: str = ""
    dst_offset: int = 0
    dst_start: Transition | None = None
    dst_end: Transition | None = None


@functools.cache
def zone_rule(zone: str) -> ZoneRule | None:
    """The zone's rule for every year after its file's last listed change, if we can read it."""
    footer = _footer(zone)
    match = POSIX.match(footer) if footer else None
    if not match:
        return None
    std_name, std, dst_name, dst, *parts = match.groups()
    std_offset = -_seconds(std)
    if not dst_name:
        return ZoneRule(std_name.strip("<>"), std_offset)
    transitions = [
        Transition(int(month), int(week), int(day), _seconds(time) if time else 7200)
        for month, week, day, time in (parts[0:4], parts[4:8])
    ]
    if not all(0 <= t.seconds < 86400 and 1 <= t.month <= 12 for t in transitions):
        return None
    return ZoneRule(
        std_name=std_name.strip("<>"),
        std_offset=std_offset,
        dst_name=dst_name.strip("<>"),
        dst_offset=-_seconds(dst) if dst else std_offset + 3600,
        dst_start=transitions[0],
        dst_end=transitions[1],
    )


def vtimezone(zone: str, *, first_year: int) -> icalendar.Timezone | None:
    """A VTIMEZONE for `zone` whose observances repeat yearly without end, valid from
    `first_year` on (the rule in force now); None when the rule cannot be written so."""
    rule = zone_rule(zone)
    if rule is None:
        return None
    timezone = icalendar.Timezone()
    timezone.add("tzid", zone)
    if rule.dst_start is None:
        standard = icalendar.TimezoneStandard()
        standard.add("dtstart", dt.datetime(first_year, 1, 1))
        standard.add("tzoffsetfrom", dt.timedelta(seconds=rule.std_offset))
        standard.add("tzoffsetto", dt.timedelta(seconds=rule.std_offset))
        standard.add("tzname", rule.std_name)
        timezone.add_component(standard)
        return timezone
    timezone.add_component(
        _observance(
            icalendar.TimezoneDaylight(),
            rule.dst_start,
            first_year,
            rule.std_offset,
            rule.dst_offset,
            rule.dst_name,
        )
    )
    timezone.add_component(
        _observance(
            icalendar.TimezoneStandard(),
            rule.dst_end,
            first_year,
            rule.dst_offset,
            rule.std_offset,
            rule.std_name,
        )
    )
    return timezone


def _observance(component, change: Transition, year: int, before: int, after: int, name: str):
    component.add("dtstart", transition_date(change, year))
    component.add("tzoffsetfrom", dt.timedelta(seconds=before))
    component.add("tzoffsetto", dt.timedelta(seconds=after))
    component.add("tzname", name)
    week = -1 if change.week == 5 else change.week
    component.add(
        "rrule",
        {"freq": "yearly", "bymonth": change.month, "byday": f"{week}{ICAL_DAYS[change.weekday]}"},
    )
    return component


def transition_date(change: Transition, year: int) -> dt.datetime:
    """The local date and time of a POSIX `Mm.w.d/time` change in `year`."""
    first = dt.date(year, change.month, 1)
    offset = (change.weekday - (first.weekday() + 1) % 7) % 7
    day = first + dt.timedelta(days=offset + 7 * (change.week - 1))
    while day.month != change.month:  # week 5 means the last one
        day -= dt.timedelta(days=7)
    return dt.datetime.combine(day, dt.time()) + dt.timedelta(seconds=change.seconds)


def _seconds(text: str) -> int:
    sign = -1 if text.startswith("-") else 1
    parts = [int(part) for part in text.lstrip("+-").split(":")]
    parts += [0] * (3 - len(parts))
    return sign * (parts[0] * 3600 + parts[1] * 60 + parts[2])


def _footer(zone: str) -> str:
    """The POSIX TZ string at the end of the zone's TZif file (system zone files first, as
    zoneinfo reads them, then the tzdata package)."""
    data = None
    for directory in zoneinfo.TZPATH:
        path = Path(directory) / zone
        if path.is_file():
            data = path.read_bytes()
            break
    if data is None:
        try:
            data = resources.files("tzdata.zoneinfo").joinpath(*zone.split("/")).read_bytes()
        except (ModuleNotFoundError, FileNotFoundError, OSError):
            return ""
    if not data.startswith(b"TZif") or data[4:5] < b"2":
        return ""
    return data.rstrip(b"\n").rsplit(b"\n", 1)[-1].decode("ascii", "replace")
