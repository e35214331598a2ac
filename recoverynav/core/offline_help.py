"""Emergency numbers and hotlines read from the bundled data file, not the database, so the
"we are having trouble" pages can still show them when the database is down."""

import csv
import functools
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.translation import get_language


@dataclass(frozen=True)
class OfflineLine:
    name: str
    phone: str
    text: str


@dataclass(frozen=True)
class OfflineCountry:
    code: str
    name_en: str
    name_es: str
    emergency_number: str
    lines: list[OfflineLine] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.name_es if (get_language() or "en").startswith("es") else self.name_en


@functools.cache
def _read(path: Path) -> tuple[OfflineCountry, ...]:
    with (path.parent / "countries.csv").open(newline="", encoding="utf-8") as handle:
        names = {row["code"]: row for row in csv.DictReader(handle)}
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    countries = []
    for row in (r for r in rows if r["kind"] == "emergency"):
        lines = [
            OfflineLine(name=r["service"], phone=r["phone"], text=r["text_number"])
            for r in rows
            if r["kind"] == "hotline"
            and r["country"] == row["country"]
            and r["status"] == "confirmed"
        ]
        country_names = names.get(row["country"], {})
        countries.append(
            OfflineCountry(
                code=row["country"],
                name_en=country_names.get("name_en", row["country"]),
                name_es=country_names.get("name_es") or country_names.get("name_en", ""),
                emergency_number=row["phone"],
                lines=lines,
            )
        )
    return tuple(countries)


def offline_countries() -> list[OfflineCountry]:
    """The default country first, then the others; empty if the file cannot be read."""
    try:
        countries = _read(Path(settings.OFFLINE_HELP_FILE))
    except (OSError, csv.Error, KeyError, UnicodeDecodeError):
        return []
    return sorted(countries, key=lambda c: (c.code != settings.DEFAULT_COUNTRY, c.name))


def warm() -> None:
    """Read the file at start-up so a later disk or database problem cannot stop the page."""
    offline_countries()
