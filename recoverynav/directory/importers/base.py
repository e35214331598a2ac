"""What every importer shares: the record shape, row validation and the normalized match key.

A format module turns a file into `Parsed` (records + per-row errors) and never touches the
database; `recoverynav.directory.services.apply_import` writes them in one transaction.
"""

import csv
import datetime as dt
import gzip
import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from recoverynav.directory import phones, vocabulary

# The groups a record can describe in full (see Record.describes): the vocabulary's groups,
# the OTP certification, and the services we keep by name.
OTHER = "other"
DESCRIBABLE = (*vocabulary.GROUPS, vocabulary.OTP, OTHER)


class ImportFileError(Exception):
    """The file as a whole cannot be imported; nothing was changed."""


@dataclass
class Record:
    """One facility as a source describes it, before merging."""

    source_id: str
    organization: str
    name: str
    latitude: float
    longitude: float
    last_verified: dt.date
    alternate_name: str = ""
    address_1: str = ""
    address_2: str = ""
    city: str = ""
    state: str = ""
    postal_code: str = ""
    county: str = ""
    phone: str = ""
    intake_phone: str = ""
    website: str = ""
    description: str = ""
    # "group:value" tokens from vocabulary.GROUPS, or "otp".
    attributes: set[str] = field(default_factory=set)
    other_services: list[list[str]] = field(default_factory=list)
    other_languages: list[str] = field(default_factory=list)
    # The groups of DESCRIBABLE this record lists in full: a value it leaves out is not
    # offered. A source that only mentions some values (the MOUD list names medications,
    # the OTP directory the certification) describes none: it adds, never takes away.
    describes: set[str] = field(default_factory=set)
    # The coordinates are the ZIP code's center, not the building.
    approximate: bool = False
    # The date is a survey year: shown as "2023", not as a day nobody checked.
    year_only: bool = False
    # Codes the source used that SAMHSA's reference does not define: kept, never shown.
    unknown_codes: list[str] = field(default_factory=list)

    @property
    def match_key(self) -> str:
        return match_key(name=self.name, address=self.address_1, postal_code=self.postal_code)

    def data(self) -> dict:
        """A JSON-ready dict, stable for equal records (the fingerprint depends on it). Built
        by hand: dataclasses.asdict deep-copies every list, a fifth of a national import."""
        values = {name: getattr(self, name) for name in self.__dataclass_fields__}
        values["attributes"] = sorted(self.attributes)
        values["describes"] = sorted(self.describes)
        values["last_verified"] = self.last_verified.isoformat()
        values["other_services"] = [list(item) for item in self.other_services]
        values["other_languages"] = list(self.other_languages)
        values["unknown_codes"] = list(self.unknown_codes)
        return values

    def fingerprint(self, data: dict | None = None) -> str:
        text = json.dumps(
            {k: v for k, v in (data or self.data()).items() if k != "source"},
            sort_keys=True,
            ensure_ascii=False,
        )
        return hashlib.sha256(text.encode()).hexdigest()

    def absorb(self, other: "Record") -> None:
        """Fold a second row about the same place (e.g. another MOUD category) into this one."""
        self.attributes |= other.attributes
        for item in other.other_services:
            if item not in self.other_services:
                self.other_services.append(item)
        for language in other.other_languages:
            if language not in self.other_languages:
                self.other_languages.append(language)
        for name in ("phone", "intake_phone", "website", "alternate_name", "address_2", "county"):
            if not getattr(self, name):
                setattr(self, name, getattr(other, name))
        self.last_verified = max(self.last_verified, other.last_verified)
        self.describes |= other.describes
        if self.approximate and not other.approximate:
            self.latitude, self.longitude = other.latitude, other.longitude
            self.approximate = False


@dataclass
class Parsed:
    records: list[Record] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    # Source ids of rejected rows, so that removing missing records never removes them.
    rejected_ids: set[str] = field(default_factory=set)
    # What the run should say without rejecting a row (an unknown code, a stamped date).
    notes: list[str] = field(default_factory=list)


ABBREVIATIONS = {
    "street": "st",
    "avenue": "ave",
    "road": "rd",
    "drive": "dr",
    "boulevard": "blvd",
    "highway": "hwy",
    "suite": "ste",
    "building": "bldg",
    "north": "n",
    "south": "s",
    "east": "e",
    "west": "w",
    "lane": "ln",
    "court": "ct",
    "place": "pl",
    "parkway": "pkwy",
    "and": "&",
    "incorporated": "inc",
    "center": "ctr",
    "centre": "ctr",
}
NON_WORD = re.compile(r"[^\w&]+")


def normalise(text: str) -> str:
    words = NON_WORD.sub(" ", (text or "").lower()).split()
    return " ".join(ABBREVIATIONS.get(w, w) for w in words)


def match_key(*, name: str, address: str, postal_code: str) -> str:
    """Two rows describe the same place when name, street address and ZIP code agree."""
    return f"{normalise(name)}|{normalise(address)}|{(postal_code or '')[:5]}"


# Where in a building, not which building: "Suite B", "Ste. C & D", "# 4", "Bldg 2",
# "Lower Level", "4th Floor". Everything from such a word on is the unit.
UNIT = re.compile(
    r"(?:\b(?:suites?|ste|unit|apt|rm|room|fl|floor|bldg|building|basement|"
    r"(?:lower|upper|ground|main)\s+(?:level|floor)|\d+(?:st|nd|rd|th)\s+(?:fl|floor))\b|#).*$",
    re.I,
)
# "1631-A", "908A": the house number with a letter for one door of the building.
HOUSE_LETTER = re.compile(r"^(\d+)-?[a-z]\b", re.I)
HOUSE_NUMBER = re.compile(r"^(\d+)(?:-(\d+))?\b")
# "N.E." and "U.S." as their letters, so they meet "NE" and "US".
INITIALS = re.compile(r"\b([a-z])\.(?=[a-z]\b)", re.I)
STREET_WORDS = {
    "first": "1st",
    "second": "2nd",
    "third": "3rd",
    "fourth": "4th",
    "fifth": "5th",
    "sixth": "6th",
    "seventh": "7th",
    "eighth": "8th",
    "ninth": "9th",
    "tenth": "10th",
    "eleventh": "11th",
    "twelfth": "12th",
    "northeast": "ne",
    "northwest": "nw",
    "southeast": "se",
    "southwest": "sw",
}
# SAMHSA's mark for an address it does not publish: "- - -", "---".
UNDISCLOSED = re.compile(r"^[\s-]*$")


def _building_part(address: str) -> str:
    """The part of an address that names the building: the first comma-separated part
    starting with a house number ("11301 Wilshire Blvd." of "…, Building 257, Basement"),
    without its unit ("Ste. C & D") or the letter of its door ("1631-A")."""
    parts = [part.strip() for part in (address or "").split(",")]
    text = next((part for part in parts if part[:1].isdigit()), parts[0])
    cut = UNIT.sub("", text).strip()
    # A unit word right after the number is no street name: keep the text then.
    text = cut if len(cut.split()) >= 2 else text
    return HOUSE_LETTER.sub(r"\1", text)


def street_key(address: str) -> str:
    """The building's street address, written one way: without its suite, unit or door
    letter, with street words spelled one way ("1631 e 2nd st" for "1631-A East Second
    Street, Building A")."""
    if UNDISCLOSED.match(address or ""):
        return ""
    words = normalise(INITIALS.sub(r"\1", _building_part(address))).split()
    return " ".join(STREET_WORDS.get(word, word) for word in words)


def house_number(address: str) -> str:
    """The building's number on its street ("1631" of "1631-A East Second Street"), or ''."""
    found = HOUSE_NUMBER.match(_building_part(address))
    if not found:
        return ""
    first, second = found.groups()
    # "91-5007" (Hawaii) and "37-06" (Queens) are one number; "24-26" and "23-27" are a
    # range of doors, "8730-1" one door of 8730: the first number names the building.
    if second and (len(second) > len(first) or second.startswith("0")):
        return f"{first}-{second}"
    return first


def undisclosed(address: str) -> str:
    """The street address, or '' where SAMHSA marks one it does not publish ("- - -")."""
    text = clean(address)
    return "" if UNDISCLOSED.match(text) else text


# Words that say what kind of company, not which: "Premier Care of Ohio LLC" and "… Inc".
LEGAL_WORDS = {"inc", "llc", "corp", "corporation", "company", "co", "pc", "pllc", "ltd", "lp"}


def name_words(name: str) -> list[str]:
    return [w for w in normalise(name).split() if w not in LEGAL_WORDS and w != "the"]


def names_agree(first: str, second: str) -> bool:
    """Two names of one place: equal but for "LLC"/"Inc"; one cut short ("Recovery and Prev
    Resources of" for "Recovery and Prevention Resources of Ohio"); or one inside the other
    ("Integral Care" in "Austin Travis County Integral Care"). Callers also require the same
    street and ZIP code."""
    a, b = name_words(first), name_words(second)
    if not a or not b:
        return False
    short, long = sorted((a, b), key=len)
    if short == long:
        return True
    if len(short) < 2:
        return False
    if all(whole.startswith(part) for part, whole in zip(short, long, strict=False)):
        return True
    width = len(short)
    return any(long[i : i + width] == short for i in range(len(long) - width + 1))


def phone_key(phone: str) -> str:
    """The ten digits of a US number (no extension), or '' — two listings with one number."""
    uri = phones.tel_uri(phone)
    return uri[len("tel:+1") :] if uri.startswith("tel:+1") else ""


def postal_code(value: object) -> str:
    """A US ZIP code as five digits, with the leading zeros spreadsheets drop put back
    ("2703" → "02703"; "2703-1234" → "02703"). A code with letters (another country's) is
    kept as written."""
    text = clean(value)
    if not text:
        return ""
    if re.search(r"[A-Za-z]", text):
        return text.upper()[:10]
    text = re.sub(r"\.0+$", "", text)  # 2703.0, as some spreadsheets save it
    digits = re.sub(r"[^0-9]", "", text)
    if "-" in text:
        digits = re.sub(r"[^0-9]", "", text.split("-")[0])
    elif len(digits) > 5:
        digits = digits[:-4] if len(digits) in (6, 7, 8, 9) else digits
    if not digits or len(digits) > 5:
        raise ValueError(f"ZIP code {text!r} is not a US ZIP code")
    return digits.zfill(5)


def read_csv(path: Path, *, encoding: str = "utf-8") -> list[tuple[int, dict[str, str]]]:
    """(line number, row) pairs; an unreadable file raises ImportFileError before any row,
    naming the line where the text stops being `encoding`."""
    try:
        raw = path.read_bytes()
        if path.suffix == ".gz":  # large bundled files are kept compressed
            raw = gzip.decompress(raw)
    except (OSError, EOFError) as error:
        raise ImportFileError(
            f"Cannot open {path.name}: {getattr(error, 'strerror', '') or error}"
        ) from error
    try:
        text = raw.decode("utf-8-sig" if encoding.lower().replace("_", "-") in UTF8 else encoding)
    except LookupError:
        raise ImportFileError(f"{encoding!r} is not an encoding Python knows.") from None
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ImportFileError(
            f"{path.name} is not a readable {encoding} CSV file: line {line} has the byte "
            f"{raw[error.start : error.start + 1].hex(' ').upper()} "
            "(saved in another encoding? try --encoding cp1252 or --encoding latin-1)."
        ) from error
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        if not reader.fieldnames:
            raise ImportFileError(f"{path.name} is empty.")
        rows = []
        # Each row's first line in the file, also after a quoted value that spans lines.
        first_line = reader.line_num + 1
        for row in reader:
            rows.append((first_line, row))
            first_line = reader.line_num + 1
    except csv.Error as error:
        raise ImportFileError(f"{path.name} is not a readable CSV file: {error}") from error
    return rows


UTF8 = {"utf-8", "utf8", "utf-8-sig"}


def require_columns(path: Path, row: dict[str, str], columns: set[str]) -> None:
    missing = columns - set(row)
    if missing:
        raise ImportFileError(
            f"{path.name} is missing the column(s) {', '.join(sorted(missing))}: "
            "is it the right format for this command?"
        )


def read_json(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ImportFileError(f"Cannot open {path.name}: {error.strerror or error}") from error
    except (UnicodeDecodeError, ValueError) as error:
        raise ImportFileError(f"{path.name} is not valid JSON: {error}") from error


def clean(value: object) -> str:
    if value is None:
        return ""
    text = str(value).strip()
    return "" if text.upper() in {"NA", "NULL", "NONE"} else text


def coordinate(value: object, *, low: float, high: float, label: str) -> float:
    try:
        number = float(clean(value))
    except ValueError:
        raise ValueError(f"{label} {value!r} is not a number") from None
    if not low <= number <= high:
        raise ValueError(f"{label} {number} is out of range")
    return number


def check_record(record: Record) -> None:
    """Reject rows a person could not use: no name, or a place we cannot put on the map."""
    if not record.name:
        raise ValueError("the facility has no name")
    record.organization = record.organization or record.name
    # "- - -" is SAMHSA's mark for an address it does not publish: no street, not a street.
    record.address_1, record.address_2 = (
        undisclosed(record.address_1),
        undisclosed(record.address_2),
    )
    record.postal_code = postal_code(record.postal_code)
    record.phone = phones.display(record.phone)
    record.intake_phone = phones.display(record.intake_phone)
    for name, limit in _limits().items():
        if len(getattr(record, name)) > limit:
            raise ValueError(f"{name} is longer than {limit} characters")
    if record.state and not re.fullmatch(r"[A-Z]{2}", record.state):
        raise ValueError(f"state {record.state!r} is not a two-letter code")
    unknown = {
        a
        for a in record.attributes
        if a != vocabulary.OTP
        and (
            a.split(":")[0] not in vocabulary.GROUPS
            or a.split(":", 1)[-1] not in vocabulary.GROUPS[a.split(":")[0]].values
        )
    }
    if unknown:
        raise ValueError(f"unknown attributes {sorted(unknown)}")


@cache
def _limits() -> dict[str, int]:
    """The text columns' lengths, so a long value is a clear row error, not a failed import."""
    from recoverynav.directory.models import Facility

    return {
        f.name: f.max_length
        for f in Facility._meta.get_fields()
        if f.name in Record.__dataclass_fields__ and getattr(f, "max_length", None)
    }


def website(value: object) -> str:
    text = clean(value)
    if text and not re.match(r"^https?://", text, re.I):
        text = "http://" + text
    return text if len(text) <= 500 else ""
