"""SAMHSA's formats: locator API pages, the National Directory service keys, the national
facility list and the MOUD provider list."""

import csv
import datetime as dt
import re
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

from recoverynav.directory.importers.base import (
    ImportFileError,
    Parsed,
    Record,
    check_record,
    clean,
    coordinate,
    read_csv,
    read_json,
    require_columns,
    website,
)

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
KEYS_FILE = DATA_DIR / "samhsa_service_keys.csv"

# The date each bundled file describes (its own "last verified"): see data/README.md.
LOCATOR_DATE = dt.date(2019, 6, 18)
DIRECTORY_2017_DATE = dt.date(2017, 3, 31)
FACILITY_LIST_DATE = dt.date(2021, 7, 1)
MOUD_DATE = dt.date(2020, 9, 30)


def _collect(rows: Iterable[tuple[str, object]], build: Callable[[object], Record]) -> Parsed:
    parsed = Parsed()
    for where, row in rows:
        try:
            record = build(row)
            check_record(record)
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            parsed.errors.append(f"{where}: {error}")
            continue
        parsed.records.append(record)
    return parsed


def _place(row: dict, *, lat: str, lon: str) -> tuple[float, float]:
    return (
        coordinate(row.get(lat), low=-90, high=90, label="latitude"),
        coordinate(row.get(lon), low=-180, high=180, label="longitude"),
    )


# --- Locator API pages (findtreatment.samhsa.gov) ---------------------------------------

_LOCATOR_EXACT = {
    ("TC", "substance use treatment"): ["care:substance_use"],
    ("TC", "mental health treatment"): ["care:mental_health"],
    ("SET", "outpatient"): ["setting:outpatient"],
    ("SET", "regular outpatient treatment"): ["setting:outpatient"],
    ("SET", "outpatient methadone/buprenorphine or naltrexone treatment"): ["setting:outpatient"],
    ("SET", "intensive outpatient treatment"): ["setting:intensive_outpatient"],
    ("SET", "outpatient day treatment or partial hospitalization"): ["setting:partial_hospital"],
    ("SET", "partial hospitalization/day treatment"): ["setting:partial_hospital"],
    ("SET", "residential"): ["setting:residential"],
    ("SET", "short-term residential"): ["setting:residential", "setting:residential_short"],
    ("SET", "long-term residential"): ["setting:residential", "setting:residential_long"],
    ("SET", "hospital inpatient"): ["setting:hospital_inpatient"],
    ("SET", "computerized treatment/telemedicine"): ["setting:telehealth"],
    ("SET", "telemedicine/telehealth"): ["setting:telehealth"],
    ("OT", "samhsa-certified opioid treatment program"): ["otp"],
    ("OM", "methadone used in treatment"): ["medication:methadone"],
    ("PHR", "methadone"): ["medication:methadone"],
    ("PHR", "naltrexone (oral)"): ["medication:naltrexone"],
    ("PHR", "extended-release, injectable naltrexone (vivitrol®)"): ["medication:naltrexone_er"],
    ("PAY", "medicaid"): ["payment:medicaid"],
    ("PAY", "medicare"): ["payment:medicare"],
    ("PAY", "private health insurance"): ["payment:private_insurance"],
    ("PAY", "cash or self-payment"): ["payment:self_pay"],
    ("PAY", "military insurance (e.g., tricare)"): ["payment:military"],
    ("PAY", "state-financed health insurance plan other than medicaid"): ["payment:state_financed"],
    ("PAY", "ihs/tribal/urban (itu) funds"): ["payment:ihs_tribal"],
    ("PYAS", "sliding fee scale (fee is based on income and other factors)"): [
        "payment:sliding_fee"
    ],
    ("PYAS", "treatment at no charge or minimal payment for clients who cannot pay"): [
        "payment:free"
    ],
    ("AGE", "adults"): ["age:adults"],
    ("AGE", "children/adolescents"): ["age:children"],
    ("AGE", "young adults"): ["age:young_adults"],
    ("AGE", "seniors (65 or older)"): ["age:seniors"],
    ("SG", "veterans"): ["program:veterans"],
    ("SG", "active duty military"): ["program:military"],
    ("SG", "military families"): ["program:military"],
    ("SG", "pregnant/postpartum women"): ["program:pregnant"],
    ("SG", "adult women"): ["program:women"],
    ("SG", "adult men"): ["program:men"],
    ("SG", "adolescents"): ["program:teens"],
    ("SG", "transitional age young adults"): ["program:young_adults"],
    ("SG", "seniors or older adults"): ["program:seniors"],
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
    ("EXCL", "dui/dwi clients"): ["program:dui"],
    ("OL", "spanish"): ["language:spanish"],
    ("SL", "services for the deaf and hard of hearing"): ["language:asl"],
}
# Families of values that name a medication or detox in several wordings.
_LOCATOR_PREFIX = [
    ("OT", "methadone maintenance", "medication:methadone"),
    ("OT", "buprenorphine", "medication:buprenorphine"),
    ("OT", "prescribes/administers buprenorphine", "medication:buprenorphine"),
    ("OT", "naltrexone", "medication:naltrexone"),
    ("OT", "prescribes/administers naltrexone", "medication:naltrexone"),
    ("OT", "relapse prevention from naltrexone", "medication:naltrexone"),
    ("PHR", "buprenorphine", "medication:buprenorphine"),
    ("PHR", "acamprosate", "medication:acamprosate"),
    ("PHR", "disulfiram", "medication:disulfiram"),
]


def locator_tokens(code: str, value: str) -> list[str]:
    """Our attributes for one locator (category code, value); [] when we have no column."""
    key = (code, value.strip().lower())
    if key in _LOCATOR_EXACT:
        return _LOCATOR_EXACT[key]
    if code == "SET" and "detox" in key[1]:
        return ["setting:detox"]
    return [
        token for c, prefix, token in _LOCATOR_PREFIX if c == code and key[1].startswith(prefix)
    ]


def _locator_record(row: dict, verified: dt.date) -> Record:
    latitude, longitude = _place(row, lat="latitude", lon="longitude")
    record = Record(
        source_id=clean(row["frid"]) or clean(row.get("_irow")),
        organization=clean(row.get("name1")),
        name=clean(row.get("name1")),
        alternate_name=clean(row.get("name2")),
        address_1=clean(row.get("street1")),
        address_2=clean(row.get("street2")),
        city=clean(row.get("city")),
        state=clean(row.get("state")).upper(),
        postal_code=clean(row.get("zip"))[:10],
        phone=clean(row.get("phone")),
        intake_phone=clean(row.get("intake1")),
        website=website(row.get("website")),
        latitude=latitude,
        longitude=longitude,
        last_verified=verified,
    )
    if not record.source_id:
        raise ValueError("the row has no frid")
    for service in row.get("services") or []:
        code, category = clean(service.get("f2")), clean(service.get("f1"))
        for value in (v.strip() for v in clean(service.get("f3")).split(";")):
            if not value:
                continue
            tokens = locator_tokens(code, value)
            record.attributes.update(tokens)
            if code == "OL" and not tokens:
                record.attributes.add("language:other")
                record.other_languages.append(value)
            elif not tokens:
                record.other_services.append([category or code, value])
    return record


def parse_locator(path: Path, *, verified: dt.date = LOCATOR_DATE) -> Parsed:
    """One or more pages of the locator API: {"page", "rows": [...]} or a list of such pages."""
    document = read_json(path)
    pages = document if isinstance(document, list) else [document]
    if not all(isinstance(p, dict) and isinstance(p.get("rows"), list) for p in pages):
        raise ImportFileError(f"{path.name} is not a locator API page (no 'rows' list).")
    rows = [
        (f"page {page.get('page', n)} row {i}", row)
        for n, page in enumerate(pages, start=1)
        for i, row in enumerate(page["rows"], start=1)
    ]
    return _collect(rows, lambda row: _locator_record(row, verified))


# --- National Directory service keys ----------------------------------------------------


@cache
def service_keys() -> dict[str, tuple[str, list[str]]]:
    """code -> (label, our attributes), from the bundled code table."""
    with KEYS_FILE.open(newline="", encoding="utf-8") as handle:
        return {
            row["code"]: (row["label"], row["attributes"].split()) for row in csv.DictReader(handle)
        }


INTAKE = re.compile(r"\s*Intakes?:\s*", re.I)


def split_contact(contact: str) -> tuple[str, str]:
    """'(602)258-6797 Intakes: (602)523-9312 (602)…' -> main number, first intake number."""
    parts = INTAKE.split(contact, maxsplit=1)
    intake = parts[1].split(" (")[0].strip() if len(parts) > 1 else ""
    return parts[0].strip(), intake


def _keys_record(row: dict, verified: dt.date) -> Record:
    latitude, longitude = _place(row, lat="Latitude", lon="Longitude")
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
        postal_code=clean(row["ZIP_Code"])[:10],
        phone=phone,
        intake_phone=intake_phone,
        latitude=latitude,
        longitude=longitude,
        last_verified=verified,
    )
    if not record.source_id:
        raise ValueError("the row has no ID")
    table = service_keys()
    for code in (c.strip() for c in clean(row["Keys"]).split("/")):
        if not code:
            continue
        label, tokens = table.get(code, (code, []))
        record.attributes.update(t for t in tokens if t != "language:other")
        if "language:other" in tokens:
            record.attributes.add("language:other")
            record.other_languages.append(label)
        elif not tokens:
            record.other_services.append(["SAMHSA service key", f"{label} ({code})"])
    return record


def parse_service_keys(path: Path, *, verified: dt.date = DIRECTORY_2017_DATE) -> Parsed:
    rows = list(read_csv(path))
    if rows:
        require_columns(path, rows[0][1], {"Name1", "Address1", "City", "State", "Keys", "ID"})
    return _collect(((f"line {n}", r) for n, r in rows), lambda r: _keys_record(r, verified))


# --- National facility list and MOUD providers -------------------------------------------


def _list_record(row: dict, verified: dt.date, *, lat: str, lon: str) -> Record:
    latitude, longitude = _place(row, lat=lat, lon=lon)
    postal = clean(row["zip"]).zfill(5) if clean(row["zip"]) else ""
    record = Record(
        source_id="",
        organization=clean(row["name1"]),
        name=clean(row["name1"]),
        alternate_name=clean(row.get("name2")),
        address_1=clean(row["street1"]),
        address_2=clean(row.get("street2")),
        city=clean(row["city"]),
        state=clean(row["state"]).upper(),
        postal_code=postal,
        county=clean(row.get("county") or row.get("countyName")),
        latitude=latitude,
        longitude=longitude,
        last_verified=verified,
        attributes={"care:substance_use"},
    )
    record.source_id = record.match_key
    return record


def parse_facility_list(path: Path, *, verified: dt.date = FACILITY_LIST_DATE) -> Parsed:
    """The national substance-use treatment facility list (no ids: name + address + ZIP is
    the key)."""
    rows = list(read_csv(path))
    if rows:
        require_columns(path, rows[0][1], {"name1", "street1", "city", "state", "zip", "latitude"})
    return _collect(
        ((f"line {n}", r) for n, r in rows),
        lambda r: _list_record(r, verified, lat="latitude", lon="longitude"),
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
    return _collect(((f"line {n}", r) for n, r in rows), lambda r: _moud_record(r, verified))
