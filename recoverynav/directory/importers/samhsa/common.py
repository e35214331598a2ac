"""What SAMHSA's formats share: the dates the bundled files describe, collecting checked
records with each bad row's place in the file, a row's point (or its ZIP code's or town's),
the service codes read through the official reference, and a key for rows without an id."""

import datetime as dt
from collections.abc import Callable, Iterable

from recoverynav.directory.importers import samhsa_codes
from recoverynav.directory.importers.base import (
    DESCRIBABLE,
    Parsed,
    Record,
    check_record,
    clean,
    coordinate,
)
from recoverynav.directory.importers.keys import match_key
from recoverynav.geo.selectors import place_for_city, place_for_postal_code

DATA_DIR = samhsa_codes.DATA_DIR

# The date each bundled file describes (its "information as of"): see data/README.md.
LOCATOR_DATE = dt.date(2019, 6, 18)
DIRECTORY_2017_DATE = dt.date(2017, 3, 31)
FACILITY_LIST_DATE = dt.date(2021, 7, 1)
MOUD_DATE = dt.date(2020, 9, 30)
# The 2024 directory lists what facilities answered in the 2023 survey: a year, not a day.
DIRECTORY_2024_DATE = dt.date(2023, 1, 1)
OTP_DIRECTORY_DATE = dt.date(2026, 5, 25)

FULL = set(DESCRIBABLE)
ZIP_CENTRE = "zip_centroid"


def collect(
    rows: Iterable[tuple[str, object]],
    build: Callable[[object, list[str]], Record],
) -> Parsed:
    """Build and check every row; a bad row is an error with its place in the file. `build`
    may add notes (e.g. a code the reference does not know) without rejecting the row."""
    parsed = Parsed()
    for where, row in rows:
        notes: list[str] = []
        try:
            record = build(row, notes)
            check_record(record)
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            parsed.errors.append(f"{where}: {error}")
            continue
        parsed.records.append(record)
        parsed.notes += [f"{where}: {note}" for note in notes]
    return parsed


def row_point(row: dict, *, lat: str, lon: str) -> tuple[float, float]:
    return (
        coordinate(row.get(lat), low=-90, high=90, label="latitude"),
        coordinate(row.get(lon), low=-180, high=180, label="longitude"),
    )


def place_or_zip_centre(
    row: dict, zip_code: str, *, lat: str, lon: str, city: str, state: str
) -> tuple[float, float]:
    """The row's coordinates, or (marked approximate by the caller) its ZIP code's center,
    or its town's when the ZIP code is not one we know (a retired or mistyped code)."""
    if clean(row.get(lat)) and clean(row.get(lon)):
        return row_point(row, lat=lat, lon=lon)
    place = place_for_postal_code(zip_code[:5]) if zip_code else None
    place = place or place_for_city(city=clean(row.get(city)), state=clean(row.get(state)))
    if place is None:
        raise ValueError("no coordinates, and neither the ZIP code nor the town is one we know")
    return place.latitude, place.longitude


def add_codes(record: Record, codes: Iterable[str], notes: list[str]) -> None:
    """Our attributes for each SAMHSA service code, and every code without one kept under
    its official category and name (languages by name). Unknown codes become a note."""
    unknown = []
    # In the source's order (the directory groups codes by category): the page lists them so.
    given = list(dict.fromkeys(code.strip() for code in codes if code.strip()))
    for code in given:
        entry = samhsa_codes.service_code(code)
        if entry is None:
            unknown.append(code)
            continue
        if not entry.shown:
            continue
        record.attributes.update(entry.attributes)
        if entry.is_language:
            record.attributes.add("language:other")
            if entry.name not in record.other_languages:
                record.other_languages.append(entry.name)
        elif not entry.attributes:
            item = [entry.category, entry.name]
            if item not in record.other_services:
                record.other_services.append(item)
    named = set(given)
    if named & samhsa_codes.NALTREXONE_UNSPECIFIED and not named & samhsa_codes.NALTREXONE_FORMS:
        record.attributes.add("medication:naltrexone")
    if unknown:
        notes.append(f"service code(s) {', '.join(unknown)} are not in SAMHSA's reference (kept)")
        record.unknown_codes = unknown


def key_of(record: Record) -> str:
    """A source id for files without one: the place's name, program and address."""
    name = f"{record.name} {record.alternate_name}".strip()
    return match_key(name=name, address=record.address_1, postal_code=record.postal_code)


def named_address(row: dict) -> dict[str, str]:
    """The name and street address every SAMHSA file writes in the same columns (name1/name2,
    street1/street2, city, state, zip), as Record fields."""
    return {
        "organization": clean(row["name1"]),
        "name": clean(row["name1"]),
        "alternate_name": clean(row.get("name2")),
        "address_1": clean(row["street1"]),
        "address_2": clean(row.get("street2")),
        "city": clean(row["city"]),
        "state": clean(row["state"]).upper(),
        "postal_code": clean(row["zip"]),
    }
