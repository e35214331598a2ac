"""Loading the bundled gazetteer files into the database (all of it, or some states for tests)."""

import csv
import functools
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from recoverynav.geo.models import County, GazetteerPlace, PostalCode
from recoverynav.geo.names import name_key

DATA_DIR = Path(__file__).resolve().parent / "data"
ZIP_FILE = DATA_DIR / "us_zipcodes_zipcodes-pkg-3.0.0.csv"
PLACES_FILE = DATA_DIR / "us_places_geonames_pop500.csv"
COUNTIES_FILE = DATA_DIR / "us_counties_gazetteer_2017.txt"
BATCH_SIZE = 2000


class GazetteerFileError(Exception):
    """A gazetteer file is missing or malformed; nothing was changed."""


@dataclass
class GazetteerReport:
    postal_codes: int
    places: int
    counties: int


@functools.cache
def _read_csv(path: Path, delimiter: str = ",", fieldnames: tuple[str, ...] | None = None):
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            return tuple(csv.DictReader(handle, delimiter=delimiter, fieldnames=fieldnames))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise GazetteerFileError(f"Cannot read {path}: {error}") from error


COUNTY_FIELDS = (
    "USPS", "GEOID", "ANSICODE", "NAME", "ALAND", "AWATER", "ALAND_SQMI", "AWATER_SQMI",
    "INTPTLAT", "INTPTLONG",
)  # fmt: skip


def _postal_codes(states: Collection[str] | None) -> list[PostalCode]:
    return [
        PostalCode(
            code=row["zip_code"],
            kind=row["zip_code_type"],
            is_active=row["active"] == "1",
            city=row["city"],
            city_key=name_key(row["city"]),
            state=row["state"],
            county=row["county"],
            timezone=row["timezone"],
            latitude=float(row["lat"]),
            longitude=float(row["lon"]),
        )
        for row in _read_csv(ZIP_FILE)
        if states is None or row["state"] in states
    ]


def _places(states: Collection[str] | None, zip_timezones: dict[tuple[str, str], str]):
    places = []
    for row in _read_csv(PLACES_FILE):
        if states is not None and row["state"] not in states:
            continue
        key = name_key(row["name"])
        places.append(
            GazetteerPlace(
                geonameid=int(row["geonameid"]),
                name=row["name"],
                name_key=key,
                state=row["state"],
                latitude=float(row["latitude"]),
                longitude=float(row["longitude"]),
                population=int(row["population"] or 0),
                # The ZIP data's zone is more reliable than GeoNames' for US towns.
                timezone=zip_timezones.get((row["state"], key)) or row["timezone"],
            )
        )
    return places


def _counties(states: Collection[str] | None) -> list[County]:
    return [
        County(
            geoid=row["GEOID"],
            name=row["NAME"],
            name_key=name_key(row["NAME"]),
            state=row["USPS"],
            latitude=float(row["INTPTLAT"]),
            longitude=float(row["INTPTLONG"]),
        )
        for row in _read_csv(COUNTIES_FILE, "|", COUNTY_FIELDS)
        if states is None or row["USPS"] in states
    ]


def load_gazetteer(*, states: Collection[str] | None = None) -> GazetteerReport:
    """Replace the gazetteer with the bundled files' rows (optionally only some states)."""
    try:
        postal_codes = _postal_codes(states)
        zip_timezones = {(z.state, z.city_key): z.timezone for z in postal_codes if z.timezone}
        places = _places(states, zip_timezones)
        counties = _counties(states)
    except (KeyError, ValueError, TypeError) as error:
        raise GazetteerFileError(f"A gazetteer file is malformed: {error!r}") from error
    with transaction.atomic():
        for model in (PostalCode, GazetteerPlace, County):
            model.objects.all().delete()
        PostalCode.objects.bulk_create(postal_codes, batch_size=BATCH_SIZE)
        GazetteerPlace.objects.bulk_create(places, batch_size=BATCH_SIZE)
        County.objects.bulk_create(counties, batch_size=BATCH_SIZE)
    return GazetteerReport(len(postal_codes), len(places), len(counties))
