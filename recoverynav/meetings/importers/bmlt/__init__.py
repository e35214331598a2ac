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

This package: the answers and the reader here, with the record builder; `fields` checks
BMLT's own values; `formats` reads what the formats mean.
"""

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from recoverynav.meetings.importers import FeedError, MeetingRejected
from recoverynav.meetings.importers.bmlt.fields import (
    MINUTES_PER_DAY,
    duration,
    hhmm,
    start_minute,
    text_value,
    venue,
    weekday,
)
from recoverynav.meetings.importers.bmlt.formats import (
    BmltFormat,
    format_table,
    formats_of_meeting,
    repair,
    service_bodies,
)

# Bump when the mapping below changes, so the next sync rewrites every meeting.
READER_VERSION = "2"
# A location_text that is a street address ("230 South 7th Ave"), not a building's name.
STREET_NUMBER = re.compile(r"\d+[A-Za-z]?\b")
COUNTRIES = {"usa", "us", "u.s.a", "u.s.a.", "u.s.", "united states", "united states of america"}
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
        self.bodies = service_bodies(answer.service_bodies)
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
        meeting_id = text_value(item, "id_bigint", 20, f"#{index + 1}")
        if not meeting_id.isdigit():
            raise MeetingRejected(f"meeting #{index + 1}: has no id_bigint")
        server = text_value(item, "root_server_id", 20, meeting_id)
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


def _record(
    item: dict,
    slug: str,
    formats: dict[tuple[str, str], BmltFormat],
    bodies: dict[tuple[str, str], str],
) -> dict:
    server = text_value(item, "root_server_id", 20, slug)
    text = _texts(item, slug)
    day = weekday(item, slug)
    start = start_minute(item, slug)
    length = duration(item, slug)
    types, others, venue_hint = formats_of_meeting(item, server, formats, slug)
    attendance = venue(item, slug, venue_hint)
    city = text["location_city_subsection"] or text["location_municipality"]
    street, place = text["location_street"], text["location_text"]
    if not street and STREET_NUMBER.match(place):  # "80 Old Mill Road": the street itself
        street, place = place, ""
        text["location_street"] = street
    record = {
        "slug": slug,
        "name": text["meeting_name"],
        "day": day,
        "time": hhmm(start),
        # A day or longer ends a minute before it starts again (Meeting Guide has end times).
        "end_time": hhmm((start + min(length, MINUTES_PER_DAY - 1)) % MINUTES_PER_DAY),
        "types": types,
        "_other_formats": others,
        "location": place,
        "location_notes": _location_notes(text),
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
        "approximate": "no" if street else "" if attendance != "online" else "yes",
        "region": bodies.get((server, text_value(item, "service_body_bigint", 20, slug)))
        or text["location_sub_province"],
        "conference_url": text["virtual_meeting_link"],
        "conference_url_notes": text["virtual_meeting_additional_info"],
        "conference_phone": text["phone_meeting_number"],
        "timezone": text["time_zone"],
        "attendance_option": attendance,
    }
    return {key: value for key, value in record.items() if value not in ("", None, [])}


def _texts(item: dict, slug: str) -> dict[str, str]:
    """Every text value, checked and repaired. Nearly all are short ASCII strings or missing,
    which take one check here instead of two calls (28 values a meeting, 250,000 meetings)."""
    text = {}
    for name, limit in LIMITS.items():
        value = item.get(name)
        if type(value) is str and len(value) <= limit and value.isascii():
            text[name] = value.strip()
        elif value is None:
            text[name] = ""
        else:
            text[name] = repair(text_value(item, name, limit, slug))
    return text


def _location_notes(text: dict[str, str]) -> str:
    return _join_lines(
        text["location_info"],
        _labelled("Trains", text["train_lines"]),
        _labelled("Buses", text["bus_lines"]),
    )


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
