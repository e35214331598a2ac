"""Loading the hotline data file: validate every row, then upsert all of it in one transaction."""

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from recoverynav.hotlines.models import Country, Hotline, Purpose, VerificationStatus

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_HOTLINES_FILE = DATA_DIR / "hotlines.csv"
COUNTRIES_FILE = DATA_DIR / "countries.csv"

HOTLINE_FIELDS = [
    "phone",
    "text_number",
    "text_keyword",
    "chat_url",
    "tty",
    "hours",
    "languages",
    "who_for_en",
    "who_for_es",
    "notes_en",
    "notes_es",
    "source_url",
    "status",
]


class HotlineFileError(Exception):
    """The file cannot be loaded; nothing was changed."""


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)


def _read_rows(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            return list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise HotlineFileError(f"Cannot read {path}: {error}") from error


def _validate(rows: list[dict[str, str]], country_names: dict[str, dict[str, str]]) -> list[str]:
    errors = []
    for line, row in enumerate(rows, start=2):
        if None in row or any(value is None for value in row.values()):
            errors.append(f"line {line}: wrong number of columns")
            continue
        if row["country"] not in country_names:
            errors.append(
                f"line {line}: unknown country {row['country']!r} (add it to countries.csv)"
            )
        if row["kind"] not in {"emergency", "hotline"}:
            errors.append(f"line {line}: kind must be 'emergency' or 'hotline'")
        if row["status"] not in VerificationStatus.values:
            errors.append(f"line {line}: unknown status {row['status']!r}")
        unknown = {p for p in row["purposes"].split(";") if p} - set(Purpose.values) - {"emergency"}
        if unknown:
            errors.append(f"line {line}: unknown purposes {sorted(unknown)}")
        if not (row["phone"] or row["text_number"] or row["chat_url"]):
            errors.append(f"line {line}: needs a phone, text number or website")
        try:
            dt.date.fromisoformat(row["last_verified"])
        except ValueError:
            errors.append(f"line {line}: last_verified must be a date like 2026-11-01")
    return errors


def load_hotlines(path: Path = DEFAULT_HOTLINES_FILE) -> LoadReport:
    """Create or update the countries and hotlines in `path`; rows not in the file are kept."""
    country_names = {row["code"]: row for row in _read_rows(COUNTRIES_FILE)}
    rows = _read_rows(path)
    if not rows:
        raise HotlineFileError(f"{path} has no rows.")
    errors = _validate(rows, country_names)
    if errors:
        raise HotlineFileError("; ".join(errors))

    report = LoadReport()
    with transaction.atomic():
        for row in (r for r in rows if r["kind"] == "emergency"):
            names = country_names[row["country"]]
            _upsert(
                report,
                Country,
                {"code": row["country"]},
                {
                    "name_en": names["name_en"],
                    "name_es": names["name_es"],
                    "emergency_number": row["phone"],
                    "emergency_note_en": row["notes_en"],
                    "emergency_note_es": row["notes_es"],
                    "emergency_source_url": row["source_url"],
                    "last_verified": dt.date.fromisoformat(row["last_verified"]),
                },
            )
        for position, row in enumerate(r for r in rows if r["kind"] == "hotline"):
            values = {name: row[name] for name in HOTLINE_FIELDS}
            values["purposes"] = [p for p in row["purposes"].split(";") if p]
            values["last_verified"] = dt.date.fromisoformat(row["last_verified"])
            values["position"] = position
            country = Country.objects.filter(code=row["country"]).first()
            if country is None:
                raise HotlineFileError(f"{row['service']}: its country has no emergency row.")
            _upsert(report, Hotline, {"country": country, "name": row["service"]}, values)
    return report


def _upsert(report: LoadReport, model: type, keys: dict, values: dict) -> None:
    instance = model.objects.filter(**keys).first()
    if instance is None:
        model.objects.create(**keys, **values)
        report.created += 1
        return
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if changed:
        for name in changed:
            setattr(instance, name, values[name])
        instance.save(update_fields=[*changed, "updated"])
        report.updated += 1
    else:
        report.unchanged += 1
