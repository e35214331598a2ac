"""Any spreadsheet saved as CSV, with a column mapping: {our field: their column header}.

Attribute columns hold values separated by ";" — our codes ("outpatient") or their English
labels ("Intensive outpatient"). A field can also be one value for every row (`--set
otp=yes`): for a list field (attributes, otp, other services) that value is added to what
the row and other sources say, unless `--set-full` says it is the whole list. Rows without
coordinates are placed at their ZIP code's center from the bundled gazetteer, marked
approximate. Every row needs its own id: a repeated id is reported, not folded in silently
(`--id-from` builds ids from several columns)."""

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from recoverynav.directory import vocabulary
from recoverynav.directory.importers.base import (
    OTHER,
    ImportFileError,
    Parsed,
    Record,
    check_record,
    clean,
    coordinate,
    website,
)
from recoverynav.directory.importers.files import read_csv
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
# Fields holding a list of what a place offers: a constant adds to them (see Columns).
LIST_FIELDS = [*ATTRIBUTE_FIELDS, "otp", "other_services"]
YES = {"1", "yes", "y", "true", "x", "sí", "si"}
ID_JOINER = " / "


@dataclass
class Columns:
    """How to read a row: our field → their column, fields set to one value for every row,
    the list fields whose constant is their whole list, and the columns an id is built
    from when the sheet has no id column.

    A constant for a list field only adds: `--set medications=methadone` on a list of
    methadone clinics must not take buprenorphine away from a place another source (or
    the sheet's own column) says offers it. `--set-full` makes the constant the field's
    whole list: a value it leaves out is not offered."""

    mapping: dict[str, str]
    constants: dict[str, str] = field(default_factory=dict)
    id_from: list[str] = field(default_factory=list)
    full_lists: set[str] = field(default_factory=set)

    def get(self, row: dict[str, str], name: str) -> str:
        column = clean(row.get(self.mapping[name], "")) if name in self.mapping else ""
        if name in self.constants:
            if name in LIST_FIELDS and name not in self.full_lists:
                return ";".join(v for v in (column, self.constants[name]) if v)
            return self.constants[name]
        if name == "source_id" and self.id_from:
            return ID_JOINER.join(clean(row.get(c, "")) for c in self.id_from if clean(row.get(c)))
        return column

    def lists_in_full(self, name: str) -> bool:
        """A mapped column, or a constant given with --set-full, is the field's whole list."""
        return name in self.mapping or name in self.full_lists

    def headers(self) -> set[str]:
        return set(self.mapping.values()) | set(self.id_from)


def _pairs(pairs: list[str], what: str) -> dict[str, str]:
    """["name=Facility Name", ...] -> {"name": "Facility Name"}; unknown fields are an error."""
    found = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not value.strip():
            raise ImportFileError(f"{what} {pair!r} should look like field=value.")
        found[name.strip()] = value.strip()
    unknown = set(found) - set(FIELDS)
    if unknown:
        raise ImportFileError(
            f"Unknown field(s) {', '.join(sorted(unknown))}. Known: {', '.join(FIELDS)}."
        )
    return found


def parse_columns(
    mapping: list[str],
    *,
    constants: list[str] = (),
    full_constants: list[str] = (),
    id_from: list[str] = (),
) -> Columns:
    """The command's --map, --set, --set-full and --id-from options, checked."""
    added, full = _pairs(list(constants), "--set"), _pairs(list(full_constants), "--set-full")
    both = set(added) & set(full)
    if both:
        raise ImportFileError(
            f"{', '.join(sorted(both))}: give a field either --set (adds to its list) or "
            "--set-full (is its whole list), not both."
        )
    not_lists = set(full) - set(LIST_FIELDS)
    if not_lists:
        raise ImportFileError(
            f"--set-full is for fields that list what a place offers ({', '.join(LIST_FIELDS)}); "
            f"use --set for {', '.join(sorted(not_lists))}."
        )
    columns = Columns(
        mapping=_pairs(mapping, "Mapping"),
        constants={**added, **full},
        id_from=[c.strip() for c in id_from if c.strip()],
        full_lists=set(full),
    )
    if "name" not in columns.mapping:
        raise ImportFileError("The mapping needs name (--map name=Column).")
    if "source_id" not in columns.mapping and not columns.id_from:
        raise ImportFileError(
            "The mapping needs source_id (--map source_id=Column), or --id-from with the "
            "columns that together tell rows apart."
        )
    return columns


def _lookup(group: vocabulary.Group) -> dict[str, str]:
    table = {code: code for code in group.values}
    table.update({str(label).lower(): code for code, label in group.values.items()})
    table.update({code.replace("_", " "): code for code in group.values})
    return table


def _location(columns: Columns, row: dict, postal_code: str) -> tuple[float, float, bool]:
    latitude, longitude = columns.get(row, "latitude"), columns.get(row, "longitude")
    if latitude and longitude:
        return (
            coordinate(latitude, low=-90, high=90, label="latitude"),
            coordinate(longitude, low=-180, high=180, label="longitude"),
            False,
        )
    place = place_for_postal_code(postal_code[:5]) if postal_code else None
    if place is None:
        raise ValueError("no coordinates, and the ZIP code is not one we know")
    return place.latitude, place.longitude, True


def _record(row: dict[str, str], columns: Columns, verified: dt.date) -> Record:
    values = {name: columns.get(row, name) for name in TEXT_FIELDS}
    values["state"] = values["state"].upper()
    values["website"] = website(values["website"])
    latitude, longitude, approximate = _location(columns, row, values["postal_code"])
    date_text = columns.get(row, "last_verified")
    try:
        last_verified = dt.date.fromisoformat(date_text) if date_text else verified
    except ValueError:
        raise ValueError(f"last_verified {date_text!r} is not a date like 2026-11-01") from None
    record = Record(
        **values,
        latitude=latitude,
        longitude=longitude,
        last_verified=last_verified,
        approximate=approximate,
        describes=_described(columns),
    )
    for group in vocabulary.GROUPS.values():
        table = _lookup(group)
        for value in (v.strip() for v in columns.get(row, group.column).split(";")):
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
    if any(value.strip().lower() in YES for value in columns.get(row, "otp").split(";")):
        record.attributes.add(vocabulary.OTP)
    record.other_services += [
        ["Services", v.strip()] for v in columns.get(row, "other_services").split(";") if v.strip()
    ]
    return record


def _described(columns: Columns) -> set[str]:
    """A column the sheet has (or a --set-full constant) lists its group in full: what it
    leaves out is not offered. A --set constant alone only adds (see Columns)."""
    described = {g.name for g in vocabulary.GROUPS.values() if columns.lists_in_full(g.column)}
    if columns.lists_in_full("otp"):
        described.add(vocabulary.OTP)
    if columns.lists_in_full("other_services"):
        described.add(OTHER)
    return described


def parse_generic_csv(
    path: Path, *, columns: Columns, verified: dt.date, encoding: str = "utf-8"
) -> Parsed:
    rows = read_csv(path, encoding=encoding)
    if rows:
        absent = columns.headers() - set(rows[0][1])
        if absent:
            raise ImportFileError(
                f"{path.name} has no column(s) {', '.join(sorted(absent))}; "
                f"its columns are: {', '.join(rows[0][1])}."
            )
    parsed = Parsed()
    first_line: dict[str, int] = {}
    stamped = 0
    for line, row in rows:
        source_id = columns.get(row, "source_id")
        try:
            if not source_id:
                raise ValueError("the row has no id")
            if source_id in first_line:
                raise ValueError(
                    f"its id {source_id!r} is already the id of line {first_line[source_id]} "
                    "(each row needs its own id; --id-from can build one from several columns)"
                )
            first_line[source_id] = line
            record = _record(row, columns, verified)
            check_record(record)
        except ValueError as error:
            parsed.errors.append(f"line {line}: {error}")
            if source_id:
                parsed.rejected_ids.add(source_id)
            continue
        stamped += not columns.get(row, "last_verified")
        parsed.records.append(record)
    if stamped:
        parsed.notes.append(
            f"{stamped:,} rows had no date: their information is stamped as of "
            f"{verified.isoformat()}."
        )
    return parsed
