"""Loading the hotline data file: validate every row, then upsert all of it in one transaction.

Loading is idempotent and keeps edits made in the admin: each row remembers what the file
said when it was last loaded (`file_values`), and a field whose stored value differs from
that was changed here, so the next load leaves it alone and reports it (`kept_edits`).
`keep_edits=False` (`load_hotlines --discard-edits`) puts the file's values back.
"""

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import models, transaction

from recoverynav.hotlines.file_format import row_problems
from recoverynav.hotlines.models import Country, Hotline, VerificationStatus

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_HOTLINES_FILE = DATA_DIR / "hotlines.csv"
COUNTRIES_FILE = DATA_DIR / "countries.csv"

REQUIRED_COLUMNS = [
    "country",
    "kind",
    "service",
    "purposes",
    "phone",
    "text_number",
    "source_url",
    "status",
    "last_verified",
]
# Files written before these columns existed still load: a missing column is empty.
OPTIONAL_COLUMNS = [
    "text_keyword",
    "text_keyword_es",
    "text_keyword_status",
    "chat_url",
    "tty",
    "email",
    "hours_en",
    "hours_es",
    "languages_en",
    "languages_es",
    "who_for_en",
    "who_for_es",
    "notes_en",
    "notes_es",
    "spanish_help_es",
]
# Older files named the English columns without a language.
COLUMN_ALIASES = {"hours": "hours_en", "languages": "languages_en"}
HOTLINE_FIELDS = [
    "phone",
    "text_number",
    *OPTIONAL_COLUMNS,
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
    # "US / SAMHSA National Helpline: phone" for each field kept as edited in the admin.
    kept_edits: list[str] = field(default_factory=list)


def _read_rows(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            return list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise HotlineFileError(f"Cannot read {path}: {error}") from error


def _normalized(rows: list[dict[str, str]], path: Path) -> list[dict[str, str]]:
    """Rows with every known column, old column names renamed; refuses a file missing one of
    the required columns, naming them."""
    header = {COLUMN_ALIASES.get(name, name) for name in rows[0] if name is not None}
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise HotlineFileError(f"{path} has no column {', '.join(missing)}.")
    normalized = []
    for row in rows:
        renamed: dict[str, Any] = {COLUMN_ALIASES.get(k, k): v for k, v in row.items()}
        for name in OPTIONAL_COLUMNS:
            renamed.setdefault(name, "")
        normalized.append(renamed)
    return normalized


def _validate(rows: list[dict[str, str]], country_names: dict[str, dict[str, str]]) -> list[str]:
    """Every problem of every row, with its line; the values are checked by `file_format`."""
    errors = []
    for line, row in enumerate(rows, start=2):
        if None in row or any(value is None for value in row.values()):
            errors.append(f"line {line}: wrong number of columns")
            continue
        damaged = [name for name, value in row.items() if "\x00" in value]
        if damaged:  # never meant, and PostgreSQL cannot store it
            errors.append(f"line {line}: a NUL character in {', '.join(damaged)} (damaged file?)")
        errors += [f"line {line}: {problem}" for problem in row_problems(row, country_names)]
    return errors


def load_hotlines(path: Path = DEFAULT_HOTLINES_FILE, *, keep_edits: bool = True) -> LoadReport:
    """Create or update the countries and hotlines in `path`; rows not in the file are kept,
    and so are fields edited in the admin since the last load (unless `keep_edits` is off)."""
    country_names = {row["code"]: row for row in _read_rows(COUNTRIES_FILE)}
    rows = _read_rows(path)
    if not rows:
        raise HotlineFileError(f"{path} has no rows.")
    rows = _normalized(rows, path)
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
                label=f"{row['country']} / {row['service']}",
                keep_edits=keep_edits,
            )
        for position, row in enumerate(r for r in rows if r["kind"] == "hotline"):
            values: dict[str, Any] = {name: row[name] for name in HOTLINE_FIELDS}
            values["purposes"] = [p for p in row["purposes"].split(";") if p]
            # An empty keyword status (or none, in older files) means the keyword is confirmed.
            values["text_keyword_status"] = (
                row["text_keyword_status"] or VerificationStatus.CONFIRMED.value
            )
            values["last_verified"] = dt.date.fromisoformat(row["last_verified"])
            values["position"] = position
            country = Country.objects.filter(code=row["country"]).first()
            if country is None:
                raise HotlineFileError(f"{row['service']}: its country has no emergency row.")
            _upsert(
                report,
                Hotline,
                {"country": country, "name": row["service"]},
                values,
                label=f"{row['country']} / {row['service']}",
                keep_edits=keep_edits,
            )
    return report


def _as_stored(value: Any) -> Any:
    """A value as `file_values` (JSON) keeps it."""
    return value.isoformat() if isinstance(value, dt.date) else value


def _upsert(
    report: LoadReport,
    model: type[models.Model],
    keys: dict,
    values: dict,
    *,
    label: str = "",
    keep_edits: bool = True,
) -> None:
    from_file = {name: _as_stored(value) for name, value in values.items()}
    instance = model.objects.filter(**keys).first()
    if instance is None:
        model.objects.create(**keys, **values, file_values=from_file)
        report.created += 1
        return
    # Rows loaded before file_values existed have no record: the file wins, as it did then.
    last_loaded = instance.file_values or {}
    changed = []
    for name, value in values.items():
        current = getattr(instance, name)
        if current == value:
            continue
        if keep_edits and name in last_loaded and _as_stored(current) != last_loaded[name]:
            report.kept_edits.append(f"{label}: {name}")
            continue
        setattr(instance, name, value)
        changed.append(name)
    if changed:
        instance.file_values = from_file
        instance.save(update_fields=[*changed, "file_values", "updated"])
        report.updated += 1
        return
    if last_loaded != from_file:
        # Only the record of the file changed: nothing shown moved, so `updated` stays.
        model.objects.filter(pk=instance.pk).update(file_values=from_file)
    report.unchanged += 1
