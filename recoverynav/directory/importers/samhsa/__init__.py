"""SAMHSA's formats: the National Directory (2024 edition, and the 2017 one's `/`-separated
keys), the Opioid Treatment Program directory, locator API pages, the national facility list
and the MOUD provider list.

Every service code is read through `samhsa_codes` (SAMHSA's official code reference), so a
code means the same whichever file it came from, and no raw code reaches a page.
"""

import datetime as dt
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from recoverynav.directory import vocabulary
from recoverynav.directory.importers import samhsa_codes
from recoverynav.directory.importers.base import (
    DESCRIBABLE,
    ImportFileError,
    Parsed,
    Record,
    check_record,
    clean,
    coordinate,
    match_key,
    phone_key,
    read_csv,
    read_json,
    require_columns,
    website,
)
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
CERTIFICATION = "Opioid treatment program certification"
PROVISIONAL = "Provisionally certified"


def _collect(
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


def _place(row: dict, *, lat: str, lon: str) -> tuple[float, float]:
    return (
        coordinate(row.get(lat), low=-90, high=90, label="latitude"),
        coordinate(row.get(lon), low=-180, high=180, label="longitude"),
    )


def _place_or_zip_centre(
    row: dict, zip_code: str, *, lat: str, lon: str, city: str, state: str
) -> tuple[float, float]:
    """The row's coordinates, or (marked approximate by the caller) its ZIP code's center,
    or its town's when the ZIP code is not one we know (a retired or mistyped code)."""
    if clean(row.get(lat)) and clean(row.get(lon)):
        return _place(row, lat=lat, lon=lon)
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


# --- National Directory 2024 (N-SUMHSS 2023) --------------------------------------------

DIRECTORY_2024_COLUMNS = {"name1", "street1", "city", "state", "zip", "phone", "service_code_info"}


def _directory_2024_record(row: dict, verified: dt.date, notes: list[str]) -> Record:
    zip_code = clean(row["zip"])
    latitude, longitude = _place_or_zip_centre(
        row, zip_code, lat="latitude", lon="longitude", city="city", state="state"
    )
    record = Record(
        source_id="",
        organization=clean(row["name1"]),
        name=clean(row["name1"]),
        alternate_name=clean(row.get("name2")),
        address_1=clean(row["street1"]),
        address_2=clean(row.get("street2")),
        city=clean(row["city"]),
        state=clean(row["state"]).upper(),
        postal_code=zip_code,
        phone=clean(row["phone"]),
        intake_phone=clean(row.get("intake1")) or clean(row.get("intake1a")),
        latitude=latitude,
        longitude=longitude,
        last_verified=verified,
        describes=set(FULL),
        approximate=clean(row.get("geo_source")) in {ZIP_CENTRE, ""},
        year_only=True,
    )
    record.source_id = _key_of(record)
    add_codes(record, clean(row["service_code_info"]).replace("*", " ").split(), notes)
    return record


def _key_of(record: Record) -> str:
    """A source id for files without one: the place's name, program and address."""
    name = f"{record.name} {record.alternate_name}".strip()
    return match_key(name=name, address=record.address_1, postal_code=record.postal_code)


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

    parsed = _collect(((f"line {n}", (n, r)) for n, r in rows), build)
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


# --- Opioid Treatment Program directory ------------------------------------------------

OTP_COLUMNS = {"Program Name", "Street", "City", "State", "Zip Code", "Phone", "Certification"}


def _otp_record(row: dict, verified: dt.date, notes: list[str]) -> Record:
    zip_code = clean(row["Zip Code"])
    latitude, longitude = _place_or_zip_centre(
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
    record.source_id = _key_of(record)
    return record


def parse_otp_directory(path: Path, *, verified: dt.date = OTP_DIRECTORY_DATE) -> Parsed:
    """SAMHSA's Opioid Treatment Program directory as exported (CSV)."""
    rows = read_csv(path)
    if rows:
        require_columns(path, rows[0][1], OTP_COLUMNS)
    return _collect(
        ((f"line {n}", r) for n, r in rows),
        lambda row, notes: _otp_record(row, verified, notes),
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
    latitude, longitude = _place(row, lat="latitude", lon="longitude")
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
    record.source_id = record.source_id or _key_of(record)
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
    return _collect(rows, lambda row, notes: _locator_record(row, verified, notes))


def parse_locator(path: Path, *, verified: dt.date = LOCATOR_DATE) -> Parsed:
    """One or more pages of the locator API saved as JSON."""
    return parse_locator_rows(locator_rows(read_json(path), path.name), verified=verified)


# --- National Directory 2017: "/"-separated service keys ------------------------------

INTAKE = re.compile(r"\s*Intakes?:\s*", re.I)


def split_contact(contact: str) -> tuple[str, str]:
    """'(602)258-6797 Intakes: (602)523-9312 (602)…' -> main number, first intake number."""
    parts = INTAKE.split(contact, maxsplit=1)
    intake = parts[1].split(" (")[0].strip() if len(parts) > 1 else ""
    return parts[0].strip(), intake


def _keys_record(row: dict, verified: dt.date, notes: list[str]) -> Record:
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
    return _collect(
        ((f"line {n}", r) for n, r in rows),
        lambda row, notes: _keys_record(row, verified, notes),
    )


# --- National facility list and MOUD providers -------------------------------------------


def _list_record(row: dict, verified: dt.date, *, lat: str, lon: str) -> Record:
    latitude, longitude = _place(row, lat=lat, lon=lon)
    record = Record(
        source_id="",
        organization=clean(row["name1"]),
        name=clean(row["name1"]),
        alternate_name=clean(row.get("name2")),
        address_1=clean(row["street1"]),
        address_2=clean(row.get("street2")),
        city=clean(row["city"]),
        state=clean(row["state"]).upper(),
        postal_code=clean(row["zip"]),
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
    return _collect(
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
    return _collect(
        ((f"line {n}", r) for n, r in rows), lambda row, notes: _moud_record(row, verified)
    )
