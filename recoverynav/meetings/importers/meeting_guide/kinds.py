"""What kind of meeting a Meeting Guide item is: its type codes, the formats without a code,
its fellowship and how one attends (in person, online, hybrid, or not now)."""

import re
from typing import Any

from recoverynav.meetings.importers import MeetingRejected
from recoverynav.meetings.meeting_types import EXTRA_NAMES, TYPE_ALIASES, spec_types
from recoverynav.meetings.models import Attendance, Fellowship

MAX_TYPES = 40
MAX_OTHER_FORMATS = 20
# The full names in any case ("NARCOTICS ANONYMOUS", as feeds write group names); the
# initials only in capitals, so "na" or "aa" inside ordinary words (Spanish "na", a name
# such as "Aa Ridge") are not read as a fellowship.
FELLOWSHIP_NAMES = [
    (re.compile(r"al-?anon|alateen|\bafg\b", re.I), Fellowship.AL_ANON),
    (re.compile(r"\bsmart recovery\b", re.I), Fellowship.SMART),
    (re.compile(r"(?i:narcotics\s+anonymous)|\bNA\b"), Fellowship.NA),
    (re.compile(r"(?i:alcoholics\s+anonymous)|\bAA\b"), Fellowship.AA),
]


def _type_lookup() -> dict[str, str]:
    lookup = {code.upper(): code for code in spec_types()}
    for code, names in spec_types().items():
        lookup.setdefault(names["en"].upper(), code)
    return lookup


TYPE_LOOKUP = _type_lookup()


def types_of(value: Any, slug: str) -> tuple[list[str], list[dict[str, str]]]:
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


def other_formats_of(value: Any) -> list[dict[str, str]]:
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


def fellowship_of(text: dict[str, str]) -> str:
    words = f"{text['name']} {text['group']}"
    for pattern, fellowship in FELLOWSHIP_NAMES:
        if pattern.search(words):
            return fellowship
    return Fellowship.OTHER


def attendance_of(
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
