"""What a BMLT meeting's formats mean: the answer's GetFormats tables read into one table per
(root server, format id), mapped to Meeting Guide type codes through the NA World Services
`world_id` (the same on every server); formats without a code are kept by their names."""

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from recoverynav.meetings.importers.bmlt.fields import text_value
from recoverynav.meetings.meeting_types import spec_types

LANGUAGES = ("en", "es")
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
# Double-encoded UTF-8 ("reciÃ©n" for "recién"), as old BMLT databases often hold.
MOJIBAKE = re.compile(
    r"[ÃÂ][\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    r"\u2013-\u203a\u20ac\u2122]|â€"
)
# Meeting Guide codes that name a spoken language.
LANGUAGE_CODES = [
    "AF", "AM", "AR", "BG", "DA", "DE", "EL", "EN", "FA", "FI", "FR", "HE", "HI", "HR", "HU",
    "IS", "ITA", "JA", "KA", "KOR", "LT", "ML", "MT", "NE", "NL", "NO", "POL", "POR", "PUN",
    "RUS", "S", "SK", "SL", "SV", "TH", "TL", "TUR", "UK",
]  # fmt: skip


@dataclass(frozen=True)
class BmltFormat:
    key: str
    world_id: str
    names: dict[str, str]


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


def service_bodies(rows: list[Any]) -> dict[tuple[str, str], str]:
    bodies = {}
    for row in rows:
        if isinstance(row, dict) and isinstance(row.get("name"), str):
            key = (str(row.get("root_server_id") or ""), str(row.get("id")))
            bodies[key] = repair(row["name"].strip())[:255]
    return bodies


def formats_of_meeting(
    item: dict, server: str, formats: dict[tuple[str, str], BmltFormat], slug: str
) -> tuple[list[str], list[dict[str, str]], str]:
    """Meeting Guide types, other formats by name ({"en": …, "es": …}), and what the formats
    say about attending (VM virtual, HY hybrid)."""
    ids = _codes(text_value(item, "format_shared_id_list", 1000, slug))
    found = [formats.get((server, i)) or formats.get(("", i)) for i in ids]
    if not ids:  # older answers name the formats by key only
        by_key = _formats_by_key(formats)
        found = [by_key.get(key) for key in _codes(text_value(item, "formats", 1000, slug))]
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
