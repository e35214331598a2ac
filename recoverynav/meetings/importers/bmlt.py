"""BMLT answers (NA's Basic Meeting List Toolbox) → Meeting Guide-shaped records.

Narcotics Anonymous publishes its meetings through BMLT root servers, and an aggregator
merges dozens of them behind the same semantic API. We read three answers of it:
`GetSearchResults` (the meetings, every value a string), `GetFormats` in English and Spanish
(what each format code means, with the NA World Services `world_id` that is the same on every
server) and, when there is one, `GetServiceBodies` (the areas' names). Each meeting becomes a
record in the Meeting Guide shape, so both kinds of source go through one import with the same
guarantees. What is BMLT's own is checked here and a meeting that breaks it is rejected with
the reason: weekday 1 (Sunday) to 7 (Saturday), `HH:MM(:SS)` times, venue type 1 (in person),
2 (virtual) or 3 (hybrid), an id.
"""

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from recoverynav.meetings.importers import FeedError
from recoverynav.meetings.importers.meeting_guide import MeetingRejected
from recoverynav.meetings.meeting_types import spec_types

# Bump when the mapping below changes, so the next sync rewrites every meeting.
READER_VERSION = "2"
LANGUAGES = ("en", "es")
MINUTES_PER_DAY = 24 * 60
DEFAULT_DURATION = 60
CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
# A location_text that is a street address ("230 South 7th Ave"), not a building's name.
STREET_NUMBER = re.compile(r"\d+[A-Za-z]?\b")
# NA World Services format ids → Meeting Guide type codes. Formats with no code here (Basic
# Text, Just for Today, rotating format…) are kept by their own names, in both languages.
WORLD_ID_TYPES = {
    "OPEN": "O",
    "CLOSED": "C",
    "BEG": "BE",
    "SPK": "SP",
    "WCHR": "X",
    "DISC": "D",
    "STEP": "ST",
    "TRAD": "TR",
    "M": "M",
    "W": "W",
    "Y": "Y",
    "GL": "LGBTQ",
    "CAN": "CAN",
    "MED": "MED",
    "LIT": "LIT",
    "CW": "CF",
    "TC": "TC",
    "SMOK": "SM",
}
# Formats that say how to attend: they set the attendance, not a type.
VIRTUAL, HYBRID = "VM", "HY"
VENUES = {"1": "in_person", "2": "online", "3": "hybrid"}
COUNTRIES = {"usa", "us", "u.s.a", "u.s.a.", "u.s.", "united states", "united states of america"}
# Double-encoded UTF-8 ("reciÃ©n" for "recién"), as old BMLT databases often hold.
MOJIBAKE = re.compile(
    r"[ÃÂ][\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    r"\u2013-\u203a\u20ac\u2122]|â€"
)
LIMITS = {
    "meeting_name": 255,
    "location_text": 255,
    "location_street": 255,
    "location_municipality": 100,
    "location_city_subsection": 100,
    "location_province": 100,
    "location_postal_code_1": 20,
    "location_nation": 50,
    "location_sub_province": 100,
    "location_info": 2000,
    "comments": 5000,
    "train_lines": 500,
    "bus_lines": 500,
    "virtual_meeting_link": 500,
    "virtual_meeting_additional_info": 2000,
    "phone_meeting_number": 100,
    "time_zone": 64,
}


# Every field a meeting's record is built from: the hash of an unchanged meeting skips it.
HASHED = [
    *LIMITS,
    "id_bigint",
    "root_server_id",
    "weekday_tinyint",
    "start_time",
    "duration_time",
    "venue_type",
    "formats",
    "format_shared_id_list",
    "latitude",
    "longitude",
    "service_body_bigint",
]
_HASH_ENCODER = json.JSONEncoder(ensure_ascii=False, default=str)


@dataclass
class BmltAnswer:
    """The parsed answers of one root server (or aggregator) for one source."""

    meetings: list[Any]
    formats: dict[str, list[Any]] = field(default_factory=dict)
    service_bodies: list[Any] = field(default_factory=list)


@dataclass(frozen=True)
class BmltFormat:
    key: str
    world_id: str
    names: dict[str, str]


def parse_answer(data: bytes, what: str) -> Any:
    """JSON of one answer; FeedError (naming the answer) when it is not JSON."""
    try:
        return json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FeedError(f"The {what} answer is not valid JSON: {error}") from error


def meetings_of(value: Any) -> list[Any]:
    """GetSearchResults answers a list; with `get_used_formats=1` an object holding it."""
    if isinstance(value, dict) and isinstance(value.get("meetings"), list):
        return value["meetings"]
    if not isinstance(value, list):
        raise FeedError(
            "The GetSearchResults answer must be a JSON list of meetings, "
            f"not a {type(value).__name__}."
        )
    return value


def formats_of(value: Any, language: str) -> list[Any]:
    if isinstance(value, dict) and isinstance(value.get("formats"), list):
        return value["formats"]
    if not isinstance(value, list):
        raise FeedError(
            f"The GetFormats answer ({language}) must be a JSON list of formats, "
            f"not a {type(value).__name__}."
        )
    return value


class BmltReader:
    """How the common import reads a BMLT answer: the meeting's id, a hash of its raw values
    (with the answer's formats and service bodies, which say what the values mean), and its
    Meeting Guide record, which is built only for new or changed meetings: an unchanged
    re-import of 250,000 meetings hashes them and converts none."""

    def __init__(self, answer: BmltAnswer) -> None:
        self.formats = format_table(answer.formats)
        self.bodies = _service_bodies(answer.service_bodies)
        # Nothing before it in the stored hashes can look like this, so a changed mapping
        # (formats, areas, this module's rules) is a changed meeting.
        tables = _HASH_ENCODER.encode(
            [sorted(map(repr, self.formats.items())), sorted(self.bodies.items())]
        )
        self.tables = hashlib.md5(
            f"bmlt-{READER_VERSION}|{tables}".encode(), usedforsecurity=False
        ).hexdigest()

    def slug(self, item: Any, index: int) -> str:
        if not isinstance(item, dict):
            raise MeetingRejected(f"meeting #{index + 1}: is not a JSON object")
        meeting_id = _text(item, "id_bigint", 20, f"#{index + 1}")
        if not meeting_id.isdigit():
            raise MeetingRejected(f"meeting #{index + 1}: has no id_bigint")
        server = _text(item, "root_server_id", 20, meeting_id)
        return f"{server}-{meeting_id}" if server else meeting_id

    def digest(self, item: dict, signature: str) -> str:
        text = _HASH_ENCODER.encode([item.get(name) for name in HASHED]) + signature
        return hashlib.md5((text + self.tables).encode(), usedforsecurity=False).hexdigest()

    def record(self, item: dict) -> dict:
        """The Meeting Guide record of an item whose id `slug` already checked."""
        return _record(item, self.slug(item, 0), self.formats, self.bodies)

    @staticmethod
    def note(item: dict, slug: str) -> str:
        """What the operator should know about a meeting we keep but read with a guess: an
        in-person meeting whose street is not in `location_street`."""
        street = item.get("location_street")
        if (isinstance(street, str) and street.strip()) or str(item.get("venue_type")) == "2":
            return ""
        place = item.get("location_text")
        place = place.strip() if isinstance(place, str) else ""
        if STREET_NUMBER.match(place):
            return f"{slug}: no location_street; the street is read from location_text {place!r}"
        return (
            f"{slug}: no street address (location_text is {place!r}); listed in person with "
            "its town's address, marked approximate"
        )


def published(meetings: list[Any]) -> list[Any]:
    """Servers send visitors only published meetings; a saved file may hold the others."""
    return [m for m in meetings if not (isinstance(m, dict) and m.get("published") == "0")]


def format_table(formats: dict[str, list[Any]]) -> dict[tuple[str, str], BmltFormat]:
    """(root server id, format id) → its world id and its name in each language we have."""
    world_ids: dict[tuple[str, str], str] = {}
    keys: dict[tuple[str, str], str] = {}
    names: dict[tuple[str, str], dict[str, str]] = {}
    for language, rows in formats.items():
        for row in rows:
            if not isinstance(row, dict) or not isinstance(row.get("id"), str | int):
                continue
            key = (str(row.get("root_server_id") or ""), str(row["id"]))
            world_id = str(row.get("world_id") or "").strip().upper()
            if world_id or key not in world_ids:
                world_ids[key] = world_id or world_ids.get(key, "")
            if language == "en" or key not in keys:
                keys[key] = str(row.get("key_string") or "").strip()
            name = row.get("name_string")
            if isinstance(name, str) and name.strip():
                names.setdefault(key, {})[language] = repair(name.strip())[:100]
    return {key: BmltFormat(keys[key], world_ids[key], names.get(key, {})) for key in world_ids}


def repair(text: str) -> str:
    """Undo double-encoded UTF-8 when the text has its tell-tale pairs; else unchanged."""
    if text.isascii() or not MOJIBAKE.search(text):
        return text
    for encoding in ("cp1252", "latin-1"):
        try:
            return text.encode(encoding).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return text


def _service_bodies(rows: list[Any]) -> dict[tuple[str, str], str]:
    bodies = {}
    for row in rows:
        if isinstance(row, dict) and isinstance(row.get("name"), str):
            key = (str(row.get("root_server_id") or ""), str(row.get("id")))
            bodies[key] = repair(row["name"].strip())[:255]
    return bodies


def _record(
    item: dict,
    slug: str,
    formats: dict[tuple[str, str], BmltFormat],
    bodies: dict[tuple[str, str], str],
) -> dict:
    server = _text(item, "root_server_id", 20, slug)
    text = {name: repair(_text(item, name, limit, slug)) for name, limit in LIMITS.items()}
    day = _weekday(item, slug)
    start = _clock(item, "start_time", slug)
    duration = _duration(item, slug)
    types, others, venue_hint = _formats(item, server, formats, slug)
    venue = _venue(item, slug, venue_hint)
    city = text["location_city_subsection"] or text["location_municipality"]
    street, place = text["location_street"], text["location_text"]
    if not street and STREET_NUMBER.match(place):  # "80 Old Mill Road": the street itself
        street, place = place, ""
        text["location_street"] = street
    record = {
        "slug": slug,
        "name": text["meeting_name"],
        "day": day,
        "time": _hhmm(start),
        # A day or longer ends a minute before it starts again (Meeting Guide has end times).
        "end_time": _hhmm((start + min(duration, MINUTES_PER_DAY - 1)) % MINUTES_PER_DAY),
        "types": types,
        "_other_formats": others,
        "location": place,
        "location_notes": _join_lines(
            text["location_info"],
            _labelled("Trains", text["train_lines"]),
            _labelled("Buses", text["bus_lines"]),
        ),
        "notes": text["comments"],
        "address": street,
        "city": city,
        "state": text["location_province"],
        "postal_code": text["location_postal_code_1"],
        "country": _country(text["location_nation"]),
        "formatted_address": _formatted_address(text, city),
        "latitude": item.get("latitude"),
        "longitude": item.get("longitude"),
        # Without a street, a meeting one goes to keeps its town's address, which the common
        # import marks approximate; a virtual meeting's address only places it (the spec's yes).
        "approximate": "no" if street else "" if venue != "online" else "yes",
        "region": bodies.get((server, _text(item, "service_body_bigint", 20, slug)))
        or text["location_sub_province"],
        "conference_url": text["virtual_meeting_link"],
        "conference_url_notes": text["virtual_meeting_additional_info"],
        "conference_phone": text["phone_meeting_number"],
        "timezone": text["time_zone"],
        "attendance_option": venue,
    }
    return {key: value for key, value in record.items() if value not in ("", None, [])}


def _text(item: dict, name: str, limit: int, slug: str) -> str:
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


def _weekday(item: dict, slug: str) -> int:
    value = _text(item, "weekday_tinyint", 2, slug)
    if not value.isdigit() or not 1 <= int(value) <= 7:
        raise MeetingRejected(
            f"{slug}: weekday_tinyint must be 1 (Sunday) to 7 (Saturday), not {value!r}"
        )
    return int(value) - 1  # Meeting Guide counts from Sunday = 0


def _clock(item: dict, name: str, slug: str) -> int:
    value = _text(item, name, 8, slug)
    match = CLOCK.match(value)
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise MeetingRejected(f"{slug}: {name} must look like 19:30:00, not {value!r}")
    return int(match[1]) * 60 + int(match[2])


def _duration(item: dict, slug: str) -> int:
    value = _text(item, "duration_time", 8, slug)
    if not value:
        return DEFAULT_DURATION
    match = CLOCK.match(value)
    if not match or int(match[2]) > 59:
        raise MeetingRejected(f"{slug}: duration_time must look like 01:30:00, not {value!r}")
    minutes = int(match[1]) * 60 + int(match[2])
    if minutes > MINUTES_PER_DAY:
        raise MeetingRejected(f"{slug}: duration_time {value!r} is longer than a day")
    return minutes or DEFAULT_DURATION


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _formats(
    item: dict, server: str, formats: dict[tuple[str, str], BmltFormat], slug: str
) -> tuple[list[str], list[dict[str, str]], str]:
    """Meeting Guide types, other formats by name ({"en": …, "es": …}), and what the formats
    say about attending (VM virtual, HY hybrid)."""
    ids = _codes(_text(item, "format_shared_id_list", 1000, slug))
    found = [formats.get((server, i)) or formats.get(("", i)) for i in ids]
    if not ids:  # older answers name the formats by key only
        by_key = _formats_by_key(formats)
        found = [by_key.get(key) for key in _codes(_text(item, "formats", 1000, slug))]
    types: list[str] = []
    others: list[dict[str, str]] = []
    world_ids = set()
    for entry in found:
        if entry is None:
            continue
        world_ids.add(entry.world_id)
        codes = _type_codes(entry)
        if codes:
            types += [code for code in codes if code not in types]
        elif entry.world_id not in {VIRTUAL, HYBRID} and entry.names and entry.names not in others:
            others.append(entry.names)
    hint = "hybrid" if HYBRID in world_ids else "online" if VIRTUAL in world_ids else ""
    return types, others, hint


def _formats_by_key(formats: dict[tuple[str, str], BmltFormat]) -> dict[str, BmltFormat]:
    return {entry.key: entry for entry in formats.values() if entry.key}


def _codes(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _type_codes(entry: BmltFormat) -> list[str]:
    if entry.world_id == "LANG":
        return _language_codes(entry.names.get("en", ""))
    code = WORLD_ID_TYPES.get(entry.world_id)
    return [code] if code else []


def _language_codes(name: str) -> list[str]:
    """ "Espanol" → S, "Lithuanian/Russian" → LT, RUS: each word of a language format's name
    that names a language the Meeting Guide spec has a code for."""
    languages = _language_names()
    codes = []
    for word in re.split(r"[^a-z]+", _plain(name)):
        code = languages.get(word)
        if code and code not in codes:
            codes.append(code)
    return codes


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _language_names() -> dict[str, str]:
    if not hasattr(_language_names, "cache"):
        spec = spec_types()
        names = {}
        for code in LANGUAGE_CODES:
            for language in LANGUAGES:
                names[_plain(spec[code][language])] = code
        _language_names.cache = names | {"espanol": "S", "spanish": "S"}
    return _language_names.cache


# Meeting Guide codes that name a spoken language.
LANGUAGE_CODES = [
    "AF", "AM", "AR", "BG", "DA", "DE", "EL", "EN", "FA", "FI", "FR", "HE", "HI", "HR", "HU",
    "IS", "ITA", "JA", "KA", "KOR", "LT", "ML", "MT", "NE", "NL", "NO", "POL", "POR", "PUN",
    "RUS", "S", "SK", "SL", "SV", "TH", "TL", "TUR", "UK",
]  # fmt: skip


def _venue(item: dict, slug: str, hint: str) -> str:
    value = _text(item, "venue_type", 2, slug)
    if not value:
        return hint or "in_person"
    if value not in VENUES:
        raise MeetingRejected(
            f"{slug}: venue_type must be 1 (in person), 2 (virtual) or 3 (hybrid), not {value!r}"
        )
    return VENUES[value]


def _country(value: str) -> str:
    return "US" if value.lower() in COUNTRIES else value


def _formatted_address(text: dict[str, str], city: str) -> str:
    state, postal_code = text["location_province"], text["location_postal_code_1"]
    state_zip = " ".join(part for part in (state, postal_code) if part)
    nation = text["location_nation"]
    country = "USA" if nation.lower() in COUNTRIES else nation
    parts = [text["location_street"], city, state_zip, country]
    return ", ".join(part for part in parts if part)


def _labelled(label: str, value: str) -> str:
    return f"{label}: {value}" if value else ""


def _join_lines(*parts: str) -> str:
    return "\n".join(part for part in parts if part)
