"""SAMHSA's National Directory: the 2024 edition (N-SUMHSS 2023: space-separated service
codes in `*`-separated groups, repeated rows of one place combined) and the 2017 one
(`/`-separated service keys)."""

import datetime as dt
import re
from pathlib import Path

from recoverynav.directory.importers.base import (
    Parsed,
    Record,
    clean,
)
from recoverynav.directory.importers.files import read_csv, require_columns
from recoverynav.directory.importers.keys import phone_key
from recoverynav.directory.importers.samhsa.common import (
    DIRECTORY_2017_DATE,
    DIRECTORY_2024_DATE,
    FULL,
    ZIP_CENTRE,
    add_codes,
    collect,
    key_of,
    named_address,
    place_or_zip_centre,
    row_point,
)

# --- National Directory 2024 (N-SUMHSS 2023) --------------------------------------------

DIRECTORY_2024_COLUMNS = {"name1", "street1", "city", "state", "zip", "phone", "service_code_info"}


def _directory_2024_record(row: dict, verified: dt.date, notes: list[str]) -> Record:
    zip_code = clean(row["zip"])
    latitude, longitude = place_or_zip_centre(
        row, zip_code, lat="latitude", lon="longitude", city="city", state="state"
    )
    record = Record(
        source_id="",
        **named_address(row),
        phone=clean(row["phone"]),
        intake_phone=clean(row.get("intake1")) or clean(row.get("intake1a")),
        latitude=latitude,
        longitude=longitude,
        last_verified=verified,
        describes=set(FULL),
        approximate=clean(row.get("geo_source")) in {ZIP_CENTRE, ""},
        year_only=True,
    )
    record.source_id = key_of(record)
    add_codes(record, clean(row["service_code_info"]).replace("*", " ").split(), notes)
    return record


def parse_directory_2024(path: Path, *, verified: dt.date = DIRECTORY_2024_DATE) -> Parsed:
    """SAMHSA's National Directory of Drug and Alcohol Use Treatment Facilities 2024:
    name, address, phones, and the space-separated service codes in `*`-separated groups.
    Rows sharing a name, program and address become one record (see _combine_repeats)."""
    rows = read_csv(path)
    if rows:
        require_columns(path, rows[0][1], DIRECTORY_2024_COLUMNS)
    lines: dict[int, int] = {}

    def build(numbered: tuple[int, dict], notes: list[str]) -> Record:
        record = _directory_2024_record(numbered[1], verified, notes)
        lines[id(record)] = numbered[0]
        return record

    parsed = collect(((f"line {n}", (n, r)) for n, r in rows), build)
    return _combine_repeats(parsed, lines)


def _combine_repeats(parsed: Parsed, lines: dict[int, int]) -> Parsed:
    """Rows with one name, program, street and ZIP code (most have no published address,
    "- - -": often a residential program's houses) are told apart by their phone number.
    A row whose main number is one the first row already gives repeats it: they become one
    record, its services join the first's and an intake number the first lacks becomes its
    intake line. A row with its own main number is its own listing (keyed by that number):
    a person needs both numbers, as for two programs under one roof. Each case is a note."""
    first_of: dict[str, Record] = {}
    kept = []
    for record in parsed.records:
        first = first_of.get(record.source_id)
        if first is None:
            first_of[record.source_id] = record
            kept.append(record)
            continue
        where = (
            f"line {lines[id(record)]}: the same name, program, "
            f"{'street and ZIP code' if first.address_1 else 'ZIP code and no published street'}"
            f" as line {lines[id(first)]}"
        )
        own_number = phone_key(record.phone)
        if own_number and own_number not in {phone_key(first.phone), phone_key(first.intake_phone)}:
            record.source_id = f"{record.source_id}|{own_number}"
            if record.source_id not in first_of:
                first_of[record.source_id] = record
                kept.append(record)
                parsed.notes.append(
                    f"{where}, but its own number {record.phone}: kept as its own listing."
                )
                continue
            first = first_of[record.source_id]
        extra = _numbers_it_lacks(first, record)
        first.absorb(record)
        note = f"{where}: combined into one listing"
        if extra and phone_key(first.intake_phone) == phone_key(extra[0]):
            note += f"; its intake number {extra.pop(0)} is kept"
        if extra:  # an intake line when the first row has its own: named for the operator
            note += f"; its intake number {extra[0]} is not shown (add it by hand if it helps)"
        parsed.notes.append(note + ".")
    parsed.records = kept
    return parsed


def _numbers_it_lacks(first: Record, second: Record) -> list[str]:
    known = {phone_key(first.phone), phone_key(first.intake_phone)} - {""}
    found = []
    for number in (second.phone, second.intake_phone):
        key = phone_key(number)
        if key and key not in known:
            known.add(key)
            found.append(number)
    return found


# --- National Directory 2017: "/"-separated service keys ------------------------------

INTAKE = re.compile(r"\s*Intakes?:\s*", re.I)


def split_contact(contact: str) -> tuple[str, str]:
    """'(602)258-6797 Intakes: (602)523-9312 (602)…' -> main number, first intake number."""
    parts = INTAKE.split(contact, maxsplit=1)
    intake = parts[1].split(" (")[0].strip() if len(parts) > 1 else ""
    return parts[0].strip(), intake


def _keys_record(row: dict, verified: dt.date, notes: list[str]) -> Record:
    latitude, longitude = row_point(row, lat="Latitude", lon="Longitude")
    phone, intake_phone = split_contact(clean(row["Contact"]))
    record = Record(
        source_id=clean(row["ID"]),
        organization=clean(row["Name1"]),
        name=clean(row["Name1"]),
        alternate_name=" ".join(p for p in (clean(row["Name2"]), clean(row["Name3"])) if p),
        address_1=clean(row["Address1"]),
        address_2=" ".join(p for p in (clean(row["Address2"]), clean(row["Address3"])) if p),
        city=clean(row["City"]),
        state=clean(row["State"]).upper(),
        postal_code=clean(row["ZIP_Code"]),
        phone=phone,
        intake_phone=intake_phone,
        latitude=latitude,
        longitude=longitude,
        last_verified=verified,
        describes=set(FULL),
    )
    if not record.source_id:
        raise ValueError("the row has no ID")
    add_codes(record, clean(row["Keys"]).split("/"), notes)
    return record


def parse_service_keys(path: Path, *, verified: dt.date = DIRECTORY_2017_DATE) -> Parsed:
    rows = list(read_csv(path))
    if rows:
        require_columns(path, rows[0][1], {"Name1", "Address1", "City", "State", "Keys", "ID"})
    return collect(
        ((f"line {n}", r) for n, r in rows),
        lambda row, notes: _keys_record(row, verified, notes),
    )
