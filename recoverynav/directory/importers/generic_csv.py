"""Any spreadsheet saved as CSV, with a column mapping: {our field: their column header}.

Attribute columns hold values separated by ";" — our codes ("outpatient") or their English
labels ("Intensive outpatient"). Rows without coordinates are placed at their ZIP code's
centre from the bundled gazetteer."""

import datetime as dt
from pathlib import Path

from recoverynav.directory import vocabulary
from recoverynav.directory.importers.base import (
    ImportFileError,
    Parsed,
    Record,
    check_record,
    clean,
    coordinate,
    read_csv,
    website,
)
from recoverynav.geo.selectors import place_for_postal_code

TEXT_FIELDS = [
    "source_id",
    "organization",
    "name",
    "alternate_name",
    "address_1",
    "address_2",
    "city",
    "state",
    "postal_code",
    "county",
    "phone",
    "intake_phone",
    "website",
    "description",
]
PLACE_FIELDS = ["latitude", "longitude"]
OTHER_FIELDS = ["last_verified", "otp", "other_services"]
ATTRIBUTE_FIELDS = [g.column for g in vocabulary.GROUPS.values()]
FIELDS = TEXT_FIELDS + PLACE_FIELDS + OTHER_FIELDS + ATTRIBUTE_FIELDS
REQUIRED = {"source_id", "name"}
YES = {"1", "yes", "y", "true", "x", "sí", "si"}


def parse_mapping(pairs: list[str]) -> dict[str, str]:
    """["name=Facility Name", ...] -> {"name": "Facility Name"}; unknown fields are an error."""
    mapping = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        if not sep or not column.strip():
            raise ImportFileError(f"Mapping {pair!r} should look like field=Column header.")
        mapping[field.strip()] = column.strip()
    unknown = set(mapping) - set(FIELDS)
    if unknown:
        raise ImportFileError(
            f"Unknown field(s) {', '.join(sorted(unknown))}. Known: {', '.join(FIELDS)}."
        )
    missing = REQUIRED - set(mapping)
    if missing:
        raise ImportFileError(f"The mapping needs {', '.join(sorted(missing))}.")
    return mapping


def _lookup(group: vocabulary.Group) -> dict[str, str]:
    table = {code: code for code in group.values}
    table.update({str(label).lower(): code for code, label in group.values.items()})
    table.update({code.replace("_", " "): code for code in group.values})
    return table


def _record(row: dict[str, str], mapping: dict[str, str], verified: dt.date) -> Record:
    def get(field: str) -> str:
        return clean(row.get(mapping[field], "")) if field in mapping else ""

    values = {field: get(field) for field in TEXT_FIELDS}
    values["state"] = values["state"].upper()
    values["website"] = website(values["website"])
    if get("latitude") and get("longitude"):
        latitude = coordinate(get("latitude"), low=-90, high=90, label="latitude")
        longitude = coordinate(get("longitude"), low=-180, high=180, label="longitude")
    else:
        place = place_for_postal_code(values["postal_code"][:5]) if values["postal_code"] else None
        if place is None:
            raise ValueError("no coordinates, and the ZIP code is not one we know")
        latitude, longitude = place.latitude, place.longitude
    try:
        last_verified = (
            dt.date.fromisoformat(get("last_verified")) if get("last_verified") else verified
        )
    except ValueError:
        raise ValueError(
            f"last_verified {get('last_verified')!r} is not a date like 2026-11-01"
        ) from None
    record = Record(**values, latitude=latitude, longitude=longitude, last_verified=last_verified)
    for group in vocabulary.GROUPS.values():
        table = _lookup(group)
        for value in (v.strip() for v in get(group.column).split(";")):
            if not value:
                continue
            code = table.get(value.lower())
            if code:
                record.attributes.add(f"{group.name}:{code}")
            elif group is vocabulary.LANGUAGE:
                record.attributes.add("language:other")
                record.other_languages.append(value)
            else:
                record.other_services.append([str(group.label), value])
    if get("otp").lower() in YES:
        record.attributes.add(vocabulary.OTP)
    record.other_services += [
        ["Services", v.strip()] for v in get("other_services").split(";") if v.strip()
    ]
    return record


def parse_generic_csv(path: Path, *, mapping: dict[str, str], verified: dt.date) -> Parsed:
    rows = read_csv(path)
    if rows:
        absent = set(mapping.values()) - set(rows[0][1])
        if absent:
            raise ImportFileError(
                f"{path.name} has no column(s) {', '.join(sorted(absent))}; "
                f"its columns are: {', '.join(rows[0][1])}."
            )
    parsed = Parsed()
    for line, row in rows:
        try:
            record = _record(row, mapping, verified)
            if not record.source_id:
                raise ValueError("the row has no id")
            check_record(record)
        except ValueError as error:
            parsed.errors.append(f"line {line}: {error}")
            source_id = clean(row.get(mapping["source_id"], ""))
            if source_id:
                parsed.rejected_ids.add(source_id)
            continue
        parsed.records.append(record)
    return parsed
