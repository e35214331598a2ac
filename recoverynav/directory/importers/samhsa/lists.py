"""SAMHSA's shorter lists: the Opioid Treatment Program directory, the national facility list
and the providers of medications for opioid use disorder (MOUD)."""

import datetime as dt
from pathlib import Path

from recoverynav.directory import vocabulary
from recoverynav.directory.importers.base import (
    Parsed,
    Record,
    clean,
)
from recoverynav.directory.importers.files import read_csv, require_columns
from recoverynav.directory.importers.samhsa.common import (
    FACILITY_LIST_DATE,
    MOUD_DATE,
    OTP_DIRECTORY_DATE,
    ZIP_CENTRE,
    collect,
    key_of,
    named_address,
    place_or_zip_centre,
    row_point,
)

CERTIFICATION = "Opioid treatment program certification"
PROVISIONAL = "Provisionally certified"


# --- Opioid Treatment Program directory ------------------------------------------------

OTP_COLUMNS = {"Program Name", "Street", "City", "State", "Zip Code", "Phone", "Certification"}


def _otp_record(row: dict, verified: dt.date, notes: list[str]) -> Record:
    zip_code = clean(row["Zip Code"])
    latitude, longitude = place_or_zip_centre(
        row, zip_code, lat="latitude", lon="longitude", city="City", state="State"
    )
    certification = clean(row["Certification"]).lower()
    if certification not in {"certified", "provisional"}:
        raise ValueError(f"certification {row['Certification']!r} is not Certified/Provisional")
    record = Record(
        source_id="",
        organization=clean(row["Program Name"]),
        name=clean(row["Program Name"]),
        address_1=clean(row["Street"]),
        city=clean(row["City"]),
        state=clean(row["State"]).upper(),
        postal_code=zip_code,
        phone=clean(row["Phone"]),
        latitude=latitude,
        longitude=longitude,
        last_verified=verified,
        # A certified program dispenses methadone; what else it offers the list does not say.
        attributes={vocabulary.OTP, "medication:methadone"},
        describes={vocabulary.OTP},
        approximate=clean(row.get("geo_source")) in {ZIP_CENTRE, ""},
    )
    if certification == "provisional":
        record.other_services.append([CERTIFICATION, PROVISIONAL])
    record.source_id = key_of(record)
    return record


def parse_otp_directory(path: Path, *, verified: dt.date = OTP_DIRECTORY_DATE) -> Parsed:
    """SAMHSA's Opioid Treatment Program directory as exported (CSV)."""
    rows = read_csv(path)
    if rows:
        require_columns(path, rows[0][1], OTP_COLUMNS)
    return collect(
        ((f"line {n}", r) for n, r in rows),
        lambda row, notes: _otp_record(row, verified, notes),
    )


# --- National facility list and MOUD providers -------------------------------------------


def _list_record(row: dict, verified: dt.date, *, lat: str, lon: str) -> Record:
    latitude, longitude = row_point(row, lat=lat, lon=lon)
    record = Record(
        source_id="",
        **named_address(row),
        county=clean(row.get("county") or row.get("countyName")),
        latitude=latitude,
        longitude=longitude,
        last_verified=verified,
        attributes={"care:substance_use"},
    )
    record.postal_code = record.postal_code and record.postal_code.zfill(5)
    record.source_id = record.match_key
    return record


def parse_facility_list(path: Path, *, verified: dt.date = FACILITY_LIST_DATE) -> Parsed:
    """The national substance-use treatment facility list (no ids: name + address + ZIP is
    the key)."""
    rows = list(read_csv(path))
    if rows:
        require_columns(path, rows[0][1], {"name1", "street1", "city", "state", "zip", "latitude"})
    return collect(
        ((f"line {n}", r) for n, r in rows),
        lambda row, notes: _list_record(row, verified, lat="latitude", lon="longitude"),
    )


MOUD_CATEGORIES = {
    "buprenorphine": "medication:buprenorphine",
    "methadone": "medication:methadone",
    "naltrexone/vivitrol": "medication:naltrexone",
}


def _moud_record(row: dict, verified: dt.date) -> Record:
    category = clean(row["category"]).lower()
    if category not in MOUD_CATEGORIES:
        raise ValueError(f"unknown medication category {row['category']!r}")
    record = _list_record(row, verified, lat="Latitude", lon="Longitude")
    record.attributes = {MOUD_CATEGORIES[category]}
    return record


def parse_moud(path: Path, *, verified: dt.date = MOUD_DATE) -> Parsed:
    """Providers of medications for opioid use disorder, one row per provider and medication:
    the rows of one place become one record with every medication."""
    rows = list(read_csv(path))
    if rows:
        require_columns(path, rows[0][1], {"name1", "street1", "zip", "category", "Latitude"})
    return collect(
        ((f"line {n}", r) for n, r in rows), lambda row, notes: _moud_record(row, verified)
    )
