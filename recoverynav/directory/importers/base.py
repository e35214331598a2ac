"""What every importer shares: the record shape, row validation and the normalised match key.

A format module turns a file into `Parsed` (records + per-row errors) and never touches the
database; `recoverynav.directory.services.apply_import` writes them in one transaction.
"""

import csv
import datetime as dt
import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

from recoverynav.directory import vocabulary


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

    @property
    def match_key(self) -> str:
        return match_key(name=self.name, address=self.address_1, postal_code=self.postal_code)

    def data(self) -> dict:
        """A JSON-ready dict, stable for equal records (the fingerprint depends on it)."""
        values = asdict(self)
        values["attributes"] = sorted(self.attributes)
        values["last_verified"] = self.last_verified.isoformat()
        return values

    def fingerprint(self) -> str:
        text = json.dumps(self.data(), sort_keys=True, ensure_ascii=False)
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


@dataclass
class Parsed:
    records: list[Record] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    # Source ids of rejected rows, so that removing missing records never removes them.
    rejected_ids: set[str] = field(default_factory=set)


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


def read_csv(path: Path) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) pairs; an unreadable file raises ImportFileError before any row."""
    try:
        handle = path.open(newline="", encoding="utf-8-sig")
    except OSError as error:
        raise ImportFileError(f"Cannot open {path.name}: {error.strerror or error}") from error
    with handle:
        try:
            reader = csv.DictReader(handle)
            if not reader.fieldnames:
                raise ImportFileError(f"{path.name} is empty.")
            rows = list(reader)
        except (UnicodeDecodeError, csv.Error) as error:
            raise ImportFileError(
                f"{path.name} is not a readable UTF-8 CSV file: {error}"
            ) from error
    return list(enumerate(rows, start=2))


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
