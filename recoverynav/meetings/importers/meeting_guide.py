"""Meeting Guide JSON (code4recovery spec) → clean meeting values, one meeting at a time.

Real feeds bend the spec: `day` as a number, a string or a list; times like "7:30 PM"; no
`end_time`; `types` missing or given as the string "[open]"; `formatted_address` or split
address parts; `region`/`sub_region` or a `regions` list; coordinates as strings. This module
accepts those, rejects what cannot be trusted (with the reason) and never keeps contact
emails, personal names or other fields we do not show.
"""

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.utils.text import slugify

from recoverynav.meetings.meeting_types import EXTRA_NAMES, TYPE_ALIASES, spec_types
from recoverynav.meetings.models import Attendance, Fellowship
from recoverynav.meetings.phones import split_dial_in

# Bump when normalization changes, so the next import refreshes every stored meeting.
NORMALISER_VERSION = "4"
DEFAULT_DURATION_MINUTES = 60
MINUTES_PER_DAY = 24 * 60
# A feed's own number in front of a name ("30781044 Seaside Serenity AFG"): four digits or
# more, unless the rest is a bare "Group" or "Club" ("1910 Group" is a name).
FEED_NUMBER = re.compile(r"^\d{4,}\s+(?!(?:group|club)s?$)(?=\S)", re.IGNORECASE)
# Where an in-person meeting would be, words that say it is not a place.
NOT_A_PLACE = re.compile(r"^\s*(remote|online|virtual|zoom|phone|web)\b", re.IGNORECASE)
MAX_OTHER_FORMATS = 20
DAY_NAMES = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
TIME = re.compile(r"^\s*(\d{1,2}):(\d{2})(?::\d{2})?\s*([AaPp]\.?[Mm]\.?)?\s*$")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
TAG = re.compile(r"<[^>]{0,500}>")
# "…, PA 19094, USA": a ZIP code only where it follows a state code, never a street number.
US_ZIP_AFTER_STATE = re.compile(r"\b[A-Z]{2}\s+(\d{5})(?:-\d{4})?\b")
# "…, Austin, TX 78701, USA": the part before a state code (and ZIP code) between commas.
TOWN_BEFORE_STATE = re.compile(r"(?:^|,)\s*([^,]+),\s*[A-Z]{2}(?:\s+\d{5}(?:-\d{4})?)?\s*(?:,|$)")
# Text fields we keep and their longest accepted length; longer values reject the meeting.
TEXT_LIMITS = {
    "name": 255,
    "location": 255,
    "group": 255,
    "address": 255,
    "city": 100,
    "state": 100,
    "country": 50,
    "formatted_address": 500,
    "region": 255,
    "sub_region": 255,
    "notes": 5000,
    "location_notes": 5000,
    "conference_url_notes": 2000,
    "conference_phone_notes": 2000,
    "conference_phone": 100,
    "timezone": 64,
    "attendance_option": 20,
    "approximate": 10,
    "updated": 40,
    "postal_code": 20,
}
URL_LIMITS = {"conference_url": 500, "url": 500, "feedback_url": 3000}
FREE_TEXT = {"notes", "location_notes", "conference_url_notes", "conference_phone_notes"}
# Every field clean_meeting reads; the content hash covers exactly these.
HASHED_FIELDS = [
    *TEXT_LIMITS,
    *URL_LIMITS,
    "slug",
    "day",
    "time",
    "end_time",
    "types",
    "regions",
    "latitude",
    "longitude",
    "_other_formats",  # set by the BMLT importer: formats without a Meeting Guide code
]
# One encoder for every meeting (json.dumps builds a new one per call when given options);
# the same output as json.dumps(values, ensure_ascii=False, default=str), so stored hashes hold.
_HASH_ENCODER = json.JSONEncoder(ensure_ascii=False, default=str)
MAX_SLUG_LENGTH = 200
# What django's slugify returns unchanged: lower-case letters and digits joined by single - or _.
PLAIN_SLUG = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
MAX_OUR_SLUG_LENGTH = 64
MAX_TYPES = 40
UPDATED_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%m/%d/%Y %I:%M:%S %p", "%Y-%m-%d"]
FELLOWSHIP_NAMES = [
    (re.compile(r"al-?anon|alateen|\bafg\b", re.I), Fellowship.AL_ANON),
    (re.compile(r"\bsmart recovery\b", re.I), Fellowship.SMART),
    (re.compile(r"narcotics anonymous|\bNA\b"), Fellowship.NA),
    (re.compile(r"alcoholics anonymous|\bAA\b"), Fellowship.AA),
]


class MeetingRejected(Exception):
    """This meeting cannot be imported; the message says why, in words an operator can fix."""


@dataclass
class FeedContext:
    """What the operator configured for the feed, plus memoized gazetteer look-ups."""

    source: str
    fellowship: str = ""
    default_timezone: str = ""
    zone_from_place: bool = True
    postal_timezone: Callable[[str], str | None] = lambda code: None
    postal_place: Callable[[str], tuple[float, float] | None] = lambda code: None
    city_place: Callable[[str, str], tuple[float, float] | None] = lambda city, state: None
    _cache: dict = field(default_factory=dict)

    def cached(self, key: tuple, compute: Callable[[], Any]) -> Any:
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    @property
    def signature(self) -> str:
        return (
            f"{NORMALISER_VERSION}|{self.fellowship}|{self.default_timezone}"
            f"|{int(self.zone_from_place)}"
        )


class MeetingGuideReader:
    """How the common import reads a Meeting Guide feed's items: each item is its own
    record. (The BMLT reader converts its items, and only the new or changed ones.)"""

    slug = staticmethod(lambda item, index: feed_slug(item, index))
    digest = staticmethod(lambda item, signature: content_hash(item, signature))
    record = staticmethod(lambda item: item)
    note = staticmethod(lambda item, slug: "")


@dataclass
class CleanMeeting:
    source_slug: str
    slug: str
    values: dict[str, Any]
    days: list[int]
    start_minute: int | None
    duration: int


def feed_slug(item: Any, index: int) -> str:
    """The feed's own id of a meeting; rejects meetings without a usable one."""
    if not isinstance(item, dict):
        raise MeetingRejected(f"meeting #{index + 1}: is not a JSON object")
    slug = item.get("slug")
    if isinstance(slug, bool) or not isinstance(slug, str | int) or str(slug).strip() == "":
        raise MeetingRejected(f"meeting #{index + 1}: has no slug")
    slug = str(slug).strip()
    if len(slug) > MAX_SLUG_LENGTH:
        raise MeetingRejected(
            f"meeting #{index + 1}: slug longer than {MAX_SLUG_LENGTH} characters"
        )
    return slug


def content_hash(item: dict, signature: str) -> str:
    """Changes when a field we read, or our configuration for the feed, changes."""
    text = _HASH_ENCODER.encode(list(map(item.get, HASHED_FIELDS))) + signature
    return hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()


def our_slug(source: str, source_slug: str) -> str:
    """Stable page slug of at most 64 characters (the spec's limit): the source name and the
    feed's slug, with a short hash when the feed's slug had to be changed or shortened (so two
    feed slugs never collide)."""
    # Most feed slugs are already slugs; slugify (Unicode normalization, two regexes) would
    # give them back unchanged.
    base = source_slug if PLAIN_SLUG.fullmatch(source_slug) else slugify(source_slug)
    slug = f"{source}-{base}"
    if base == source_slug and len(slug) <= MAX_OUR_SLUG_LENGTH:
        return slug
    digest = hashlib.md5(source_slug.encode(), usedforsecurity=False).hexdigest()[:6]
    base = base[: MAX_OUR_SLUG_LENGTH - len(source) - 8].strip("-")
    return f"{source}-{base}-{digest}" if base else f"{source}-{digest}"


def clean_meeting(item: dict, *, source_slug: str, context: FeedContext) -> CleanMeeting:
    """One feed record as the values we store, or MeetingRejected with the reason."""
    # Over 60 lines because `values` lists every stored field in one place, in the model's
    # order; the reading of each is in the helpers below.
    text = {name: _text(item, name, limit) for name, limit in TEXT_LIMITS.items()}
    if text["name"][:1].isdigit():
        text["name"] = FEED_NUMBER.sub("", text["name"])
    if not text["name"]:
        raise MeetingRejected(f"{source_slug}: has no name")
    days, start, duration = _schedule(item)
    types, other_formats = _types(item.get("types"), source_slug)
    if "_other_formats" in item:
        other_formats += _other_formats(item["_other_formats"])
    urls = {name: _url(item.get(name), limit) for name, limit in URL_LIMITS.items()}
    phone = _dial_in(text)
    postal_code = _postal_code(item.get("postal_code"), text)
    latitude, longitude, approximate = _point(item, text, postal_code, context)
    if text["location"] and NOT_A_PLACE.match(text["location"]):
        text["location"] = ""  # "Remote Meeting" is not where anyone goes
    zone = _timezone(text["timezone"], postal_code, context)
    if days and not zone:
        raise MeetingRejected(
            f"{source_slug}: no time zone (the feed gives none and the ZIP code is unknown; "
            "set a default time zone for this feed)"
        )
    values = {
        "name": text["name"],
        "start_time": _clock(start),
        "end_time": _clock((start + duration) % MINUTES_PER_DAY) if start is not None else None,
        "timezone": zone,
        "types": types,
        "type_codes": "|" + "|".join(types) + "|" if types else "",
        "other_formats": other_formats or None,
        "notes": text["notes"],
        "location_name": text["location"],
        "location_notes": text["location_notes"],
        "group_name": text["group"],
        "address": text["address"],
        "city": text["city"] or _city_in(text["formatted_address"]),
        "state": text["state"],
        "postal_code": postal_code,
        "country": text["country"],
        "formatted_address": text["formatted_address"] or _join_address(text, postal_code),
        "latitude": latitude,
        "longitude": longitude,
        "approximate": approximate,
        "region": _region(item, text),
        "conference_url": urls["conference_url"],
        "conference_url_notes": text["conference_url_notes"],
        "conference_phone": phone,
        "conference_phone_notes": text["conference_phone_notes"],
        "url": urls["url"],
        "feedback_url": urls["feedback_url"],
        "updated": _updated(text["updated"]),
    }
    _judge(values, text, types, context)
    return CleanMeeting(
        source_slug=source_slug,
        slug=our_slug(context.source, source_slug),
        values=values,
        days=days,
        start_minute=start,
        duration=duration,
    )


def _dial_in(text: dict[str, str]) -> str:
    """The dial-in number; words the feed put beside it ("code 1234#") join its notes."""
    if not text["conference_phone"]:
        return ""
    phone, phone_words = split_dial_in(text["conference_phone"])
    if phone_words and phone_words not in text["conference_phone_notes"]:
        text["conference_phone_notes"] = "\n".join(
            part for part in (phone_words, text["conference_phone_notes"]) if part
        )
    return phone


def _point(
    item: dict, text: dict[str, str], postal_code: str, context: FeedContext
) -> tuple[float | None, float | None, bool]:
    """The meeting's map point and whether it is approximate: the feed's own, else the ZIP
    code's or the town's (approximate)."""
    latitude, longitude = _coordinates(item)
    text["approximate"] = text["approximate"].lower()
    approximate = text["approximate"] == "yes"
    if latitude is None:
        latitude, longitude = _approximate_point(postal_code, text, context)
        approximate = latitude is not None or approximate
    return latitude, longitude, approximate


def _judge(values: dict, text: dict[str, str], types: list[str], context: FeedContext) -> None:
    """What follows from the values read: whether the address is only a town or an area,
    the fellowship, how to attend, and the text keyword search reads."""
    street = specific_address(values)
    vague = text["approximate"] == "yes" if text["approximate"] in {"yes", "no"} else not street
    values["address_approximate"] = vague if values["formatted_address"] else None
    # A town's or an area's point is only roughly where the meeting is.
    values["approximate"] = values["approximate"] or bool(values["address_approximate"])
    values["fellowship"] = context.fellowship or _infer_fellowship(text)
    values["attendance"] = _attendance(
        values,
        types,
        option=text["attendance_option"],
        approximate=text["approximate"] == "yes",
        street=street,
    )
    values["search_text"] = " ".join(
        values[name].lower()
        for name in ("name", "group_name", "location_name", "region", "city", "formatted_address")
        if values[name]
    )


def _text(item: dict, name: str, limit: int) -> str:
    value = item.get(name)
    if type(value) is not str:  # most values are plain text: one check for them
        if value is None or isinstance(value, bool):
            return ""
        if isinstance(value, int | float):
            value = str(value)
        elif not isinstance(value, str):
            raise MeetingRejected(
                f"{item.get('slug')}: {name} must be text, not {type(value).__name__}"
            )
    if len(value) > limit:
        raise MeetingRejected(f"{item.get('slug')}: {name} is longer than {limit} characters")
    value = value.strip()
    if name in FREE_TEXT and ("@" in value or "<" in value):
        value = EMAIL.sub("…", TAG.sub("", value))
    return value


def _schedule(item: dict) -> tuple[list[int], int | None, int]:
    slug = item.get("slug")
    days = _days(item.get("day"), slug)
    start = _minutes(item.get("time"), slug, "time")
    if bool(days) != (start is not None):
        raise MeetingRejected(f"{slug}: a weekly meeting needs both a day and a time")
    end = None
    if item.get("end_time") not in (None, ""):
        try:
            end = _minutes(item.get("end_time"), slug, "end_time", end=True)
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


def _days(value: Any, slug: Any) -> list[int]:
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


def _minutes(value: Any, slug: Any, name: str, *, end: bool = False) -> int | None:
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


def _clock(minutes: int | None) -> dt.time | None:
    return None if minutes is None else dt.time(minutes // 60, minutes % 60)


def _type_lookup() -> dict[str, str]:
    lookup = {code.upper(): code for code in spec_types()}
    for code, names in spec_types().items():
        lookup.setdefault(names["en"].upper(), code)
    return lookup


TYPE_LOOKUP = _type_lookup()


def _types(value: Any, slug: str) -> tuple[list[str], list[dict[str, str]]]:
    """The spec's codes (legacy "[open]" strings, lower case and known variants such as ASBI
    mapped), and the names of the few non-spec codes we can word. Other codes are dropped:
    ONL says nothing the conference fields do not, and unknown codes mean nothing to anyone
    reading our pages or our feed."""
    if value is None or value == "":
        return [], []
    if isinstance(value, str):
        value = [part for part in re.split(r"[,;\s]+", value.strip("[] ")) if part]
    if not isinstance(value, list):
        raise MeetingRejected(f"{slug}: types must be a list of codes")
    codes: list[str] = []
    named: list[dict[str, str]] = []
    for entry in value[:MAX_TYPES]:
        if not isinstance(entry, str) or not entry.strip() or len(entry) > 20:
            continue
        raw = entry.strip().upper()
        code = TYPE_LOOKUP.get(TYPE_ALIASES.get(raw, raw))
        if code and code not in codes:
            codes.append(code)
        elif raw in EXTRA_NAMES and EXTRA_NAMES[raw] not in named:
            named.append(EXTRA_NAMES[raw])
    return codes, named


def _other_formats(value: Any) -> list[dict[str, str]]:
    """Names of formats with no Meeting Guide code, as the BMLT importer hands them over."""
    if not isinstance(value, list):
        return []
    kept = []
    for entry in value[:MAX_OTHER_FORMATS]:
        if isinstance(entry, dict):
            names = {
                language: name.strip()[:100]
                for language, name in entry.items()
                if language in {"en", "es"} and isinstance(name, str) and name.strip()
            }
            if names.get("en") and names not in kept:
                kept.append(names)
    return kept


def _url(value: Any, limit: int) -> str:
    if not isinstance(value, str) or len(value) > limit:
        return ""
    value = value.strip()
    if not value.startswith(("https://", "http://")) or " " in value:
        return ""
    return value if value.split("/", 3)[2] else ""


def _postal_code(value: Any, text: dict[str, str]) -> str:
    code = text["postal_code"]
    if isinstance(value, int) and not isinstance(value, bool) and len(code) == 4:
        code = code.zfill(5)  # ZIP codes written as numbers lose their leading zero
    if not code:
        match = US_ZIP_AFTER_STATE.search(text["formatted_address"] or text["address"])
        code = match[1] if match else ""
    return code


def _coordinates(item: dict) -> tuple[float | None, float | None]:
    try:
        latitude = float(item.get("latitude"))
        longitude = float(item.get("longitude"))
    except (TypeError, ValueError):
        return None, None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180) or (latitude, longitude) == (0, 0):
        return None, None
    return round(latitude, 6), round(longitude, 6)


def _approximate_point(
    postal_code: str, text: dict[str, str], context: FeedContext
) -> tuple[float | None, float | None]:
    point = None
    if re.fullmatch(r"\d{5}(-\d{4})?", postal_code):
        point = context.cached(("zip", postal_code[:5]), lambda: context.postal_place(postal_code))
    if point is None and text["city"]:
        key = ("city", text["city"].lower(), text["state"].lower())
        point = context.cached(key, lambda: context.city_place(text["city"], text["state"]))
    return point if point else (None, None)


def _timezone(value: str, postal_code: str, context: FeedContext) -> str:
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


def _join_address(text: dict[str, str], postal_code: str) -> str:
    state_zip = " ".join(part for part in (text["state"], postal_code) if part)
    parts = [text["address"], text["city"], state_zip, text["country"]]
    return ", ".join(part for part in parts if part)


def _city_in(address: str) -> str:
    """The town of a US-style formatted address ("1 Main St, Austin, TX 78701, USA"), for
    saying "8 p.m. in Austin"; empty when the address has no such shape."""
    match = TOWN_BEFORE_STATE.search(address)
    if not match or (match.start(1) == 0 and address[:1].isdigit()):
        return ""
    return match[1].strip()[:100]


def _region(item: dict, text: dict[str, str]) -> str:
    regions = item.get("regions")
    if isinstance(regions, list) and regions and all(isinstance(r, str) for r in regions):
        return " > ".join(r.strip() for r in regions if r.strip())[:255]
    return " > ".join(part for part in (text["region"], text["sub_region"]) if part)[:255]


def _updated(value: str) -> dt.datetime | None:
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)  # the spec's format, parsed fast
    except ValueError:
        pass
    else:
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
    for pattern in UPDATED_FORMATS:
        try:
            return dt.datetime.strptime(value, pattern).replace(tzinfo=dt.UTC)
        except ValueError:
            continue
    return None


def _infer_fellowship(text: dict[str, str]) -> str:
    words = f"{text['name']} {text['group']}"
    for pattern, fellowship in FELLOWSHIP_NAMES:
        if pattern.search(words):
            return fellowship
    return Fellowship.OTHER


def _attendance(
    values: dict[str, Any], types: list[str], *, option: str, approximate: bool, street: bool
) -> str:
    """The spec's rules: online needs a link or a phone number; TC means the building is
    closed; an in-person meeting needs a real (not approximate) address, unless the feed
    says outright that one goes there (our own feed does, for a BMLT meeting that names
    only its building and town)."""
    online = bool(values["conference_url"] or values["conference_phone"])
    closed = "TC" in types
    has_place = bool(values["address"] or values["formatted_address"])
    in_person = (
        has_place
        and not closed
        and (option in {"in_person", "hybrid"} or (street and not approximate))
    )
    if option == "inactive":  # TSML's word for a closed building, with TC saying "for now"
        return Attendance.TEMPORARILY_CLOSED if closed and has_place else Attendance.INACTIVE
    if option == "online":
        in_person = False
    if option == "in_person":
        online = False
    if online and in_person:
        return Attendance.HYBRID
    if online:
        return Attendance.ONLINE
    if in_person:
        return Attendance.IN_PERSON
    return Attendance.TEMPORARILY_CLOSED if closed and has_place else Attendance.INACTIVE


def specific_address(values: dict[str, Any]) -> bool:
    """A street address, not only a town or a region: a street field, a formatted address
    that starts with a number, or one of four parts or more ("street, city, state ZIP,
    country"), as TSML UI reads it. "San Francisco, CA" is where a group is from, not a door."""
    if values["address"] and not NOT_A_PLACE.match(values["address"]):
        return True
    address = values["formatted_address"]
    return bool(re.match(r"\s*\d", address)) or len(address.split(",")) >= 4
