"""What every importer shares: the record shape and the checks of a record's values.

A format module turns a file into `Parsed` (records + per-row errors) and never touches the
database; `recoverynav.directory.services.apply_import` writes them in one transaction.
Reading the files is in `files`; the keys that tell two rows of one place are in `keys`.
"""

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cache

from recoverynav.directory import phones, vocabulary
from recoverynav.directory.importers.keys import UNDISCLOSED, match_key

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


def undisclosed(address: str) -> str:
    """The street address, or '' where SAMHSA marks one it does not publish ("- - -")."""
    text = clean(address)
    return "" if UNDISCLOSED.match(text) else text


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
