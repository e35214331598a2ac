"""SAMHSA's locator API pages (findtreatment.gov), saved or fetched by `sync_samhsa_locator`:
services come by name, read through the official reference or earlier wordings of it."""

import datetime as dt
import re
from pathlib import Path

from recoverynav.directory.importers import samhsa_codes
from recoverynav.directory.importers.base import (
    ImportFileError,
    Parsed,
    Record,
    clean,
    website,
)
from recoverynav.directory.importers.files import read_json
from recoverynav.directory.importers.samhsa.common import (
    FULL,
    LOCATOR_DATE,
    add_codes,
    collect,
    key_of,
    row_point,
)

# --- Locator API pages (findtreatment.gov) -----------------------------------------------

# The locator sends names, not codes. Names in the official reference are read through it;
# these are earlier wordings of the same services that the reference no longer uses.
_LOCATOR_WORDING = {
    ("TC", "mental health treatment"): ["care:mental_health"],
    ("SET", "outpatient"): ["setting:outpatient"],
    ("SET", "partial hospitalization/day treatment"): ["setting:partial_hospital"],
    ("SET", "residential"): ["setting:residential"],
    ("SET", "hospital inpatient"): ["setting:hospital_inpatient"],
    ("SET", "computerized treatment/telemedicine"): ["setting:telehealth"],
    ("SET", "telemedicine/telehealth"): ["setting:telehealth"],
    ("OT", "samhsa-certified opioid treatment program"): ["otp"],
    ("OT", "methadone maintenance for predetermined time"): ["medication:methadone"],
    ("OT", "buprenorphine maintenance for predetermined time"): ["medication:buprenorphine"],
    ("OT", "prescribes/administers buprenorphine"): ["medication:buprenorphine"],
    ("OT", "prescribes/administers naltrexone"): ["medication:naltrexone"],
    ("OT", "relapse prevention from naltrexone"): ["medication:naltrexone"],
    ("PHR", "extended-release, injectable naltrexone (vivitrol®)"): ["medication:naltrexone_er"],
    ("PHR", "disulfiram (antabuse®)"): ["medication:disulfiram"],
    ("PAY", "military insurance (e.g., tricare)"): ["payment:military"],
    ("AGE", "seniors (65 or older)"): ["age:seniors"],
    ("SG", "military families"): ["program:military"],
    ("SG", "lesbian, gay, bisexual, or transgender (lgbt) clients"): ["program:lgbtq"],
    ("SG", "clients referred from the court/judicial system"): ["program:criminal_justice"],
    ("SG", "persons with co-occurring mental and substance use disorders"): [
        "program:co_occurring",
        "care:co_occurring",
    ],
    ("SG", "persons who have experienced trauma"): ["program:trauma"],
    ("SG", "persons who have experienced sexual abuse"): ["program:trauma"],
    ("SG", "persons who have experienced intimate partner violence, domestic violence"): [
        "program:trauma"
    ],
    ("SG", "transitional age young adults"): ["program:young_adults"],
    ("EXCL", "dui/dwi clients"): ["program:dui"],
    ("SL", "services for the deaf and hard of hearing"): ["language:asl"],
}
_LOCATOR_PREFIX = [
    ("PHR", "buprenorphine", "medication:buprenorphine"),
    ("SET", "detox", "setting:detox"),
]


def locator_tokens(code: str, value: str) -> list[str]:
    """Our attributes for a locator value the official reference does not name."""
    key = (code, value.strip().lower())
    if key in _LOCATOR_WORDING:
        return _LOCATOR_WORDING[key]
    return [token for c, prefix, token in _LOCATOR_PREFIX if c == code and prefix in key[1]]


def _locator_service(record: Record, code: str, category: str, value: str) -> None:
    entry = samhsa_codes.codes_by_name().get(value.lower())
    if entry is not None and entry.shown:
        add_codes(record, [entry.code], [])
        return
    tokens = locator_tokens(code, value)
    record.attributes.update(tokens)
    if code == "OL" and not tokens:
        record.attributes.add("language:other")
        record.other_languages.append(value)
    elif not tokens:
        record.other_services.append([category or code, value])


def _locator_record(row: dict, verified: dt.date, notes: list[str]) -> Record:
    zip_code = clean(row.get("zip"))
    latitude, longitude = row_point(row, lat="latitude", lon="longitude")
    record = Record(
        source_id=clean(row.get("frid")),
        organization=clean(row.get("name1")),
        name=clean(row.get("name1")),
        alternate_name=clean(row.get("name2")),
        address_1=clean(row.get("street1")),
        address_2=clean(row.get("street2")),
        city=clean(row.get("city")),
        state=clean(row.get("state")).upper(),
        postal_code=zip_code,
        phone=clean(row.get("phone")),
        intake_phone=clean(row.get("intake1")),
        website=website(row.get("website")),
        latitude=latitude,
        longitude=longitude,
        last_verified=verified,
        describes=set(FULL),
    )
    # `_irow` is the row's place in one answer, not an id: rows without `frid` are keyed
    # by name, program and address, which stay the same from one download to the next.
    record.source_id = record.source_id or key_of(record)
    for service in row.get("services") or []:
        code, category = clean(service.get("f2")), clean(service.get("f1"))
        for value in (v.strip() for v in re.split(r";", clean(service.get("f3")))):
            if value:
                _locator_service(record, code, category, value)
    return record


def locator_rows(document: object, name: str) -> list[tuple[str, dict]]:
    """(where, row) of one locator answer or a list of them: {"page", "rows": [...]}."""
    pages = document if isinstance(document, list) else [document]
    if not all(isinstance(p, dict) and isinstance(p.get("rows"), list) for p in pages):
        raise ImportFileError(f"{name} is not a locator API page (no 'rows' list).")
    return [
        (f"page {page.get('page', n)} row {i}", row)
        for n, page in enumerate(pages, start=1)
        for i, row in enumerate(page["rows"], start=1)
    ]


def parse_locator_rows(rows: list[tuple[str, dict]], *, verified: dt.date) -> Parsed:
    return collect(rows, lambda row, notes: _locator_record(row, verified, notes))


def parse_locator(path: Path, *, verified: dt.date = LOCATOR_DATE) -> Parsed:
    """One or more pages of the locator API saved as JSON."""
    return parse_locator_rows(locator_rows(read_json(path), path.name), verified=verified)
