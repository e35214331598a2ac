"""Reads shared by the locator page, the API, the HSDS export and the benchmark."""

import datetime as dt
import json
import math
import uuid
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field, fields

from django.db.models import Count, Max, QuerySet
from django.http import QueryDict
from django.urls import reverse

from recoverynav.core import sql
from recoverynav.directory import vocabulary
from recoverynav.directory.models import (
    Facility,
    FacilityFacts,
    ImportRun,
    Organization,
    current_since,
)
from recoverynav.geo.selectors import nearby_by_sql

MIN_RADIUS, MAX_RADIUS, DEFAULT_RADIUS = 5, 100, 25
MAX_PER_PAGE = 50


@dataclass(slots=True)
class FacilityListing(FacilityFacts):
    """A shown facility as a search lists it: its values only, read from the table in one
    query. The page and the API read the same attributes of it as of a `Facility`; building
    a model instance per result cost a fifth of the search."""

    id: int
    name: str
    alternate_name: str
    address_1: str
    address_2: str
    city: str
    state: str
    postal_code: str
    latitude: float
    longitude: float
    location_approximate: bool
    phone: str
    intake_phone: str
    website: str
    care_types: int
    care_settings: int
    medications: int
    payments: int
    languages: int
    ages: int
    programs: int
    is_otp: bool
    other_languages: list[str]
    last_verified: dt.date
    as_of_year_only: bool
    distance: float | None = None  # miles from the searched place

    @property
    def pk(self) -> int:
        return self.id


# The columns a listing reads, in its order (every one a Facility field; tested).
LIST_FIELDS = [column.name for column in fields(FacilityListing) if column.name != "distance"]


@dataclass
class SearchPage:
    facilities: list[FacilityListing]
    total: int
    page: int
    per_page: int
    radius_miles: float
    num_pages: int = field(init=False)

    def __post_init__(self) -> None:
        self.num_pages = max(1, math.ceil(self.total / self.per_page))

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages


def _filter_conditions(
    filters: Mapping[str, Collection[str]] | None,
) -> tuple[list[str], list[object]]:
    """SQL conditions (and their parameters) for shown facilities that a current source
    confirms (see models.current_since), offering any chosen value of every chosen group.

    `filters` maps a vocabulary group name ("setting", "payment", …) to the chosen values;
    "otp" with any truthy value keeps certified opioid treatment programs only."""
    conditions = ["{is_active} = %s"]
    params: list[object] = [True]
    since = current_since()
    if since is not None:
        conditions.append("{last_verified} >= %s")
        params.append(since)
    for name, values in (filters or {}).items():
        if name == vocabulary.OTP:
            if values:
                conditions.append("{is_otp} = %s")
                params.append(True)
            continue
        group = vocabulary.GROUPS[name]
        mask = group.mask(values)
        if mask:
            conditions.append("({" + group.column + "} & %s) > 0")
            params.append(mask)
    return conditions, params


def search_facilities(
    *,
    latitude: float,
    longitude: float,
    radius_miles: float = DEFAULT_RADIUS,
    filters: Mapping[str, Collection[str]] | None = None,
    page: int = 1,
    per_page: int = 20,
) -> SearchPage:
    """Facilities within the radius, nearest first, one page of them: two queries in all
    (the indexed bounding box over the filtered rows, then the page's rows), written in SQL
    because every locator search runs them (see core.sql)."""
    radius_miles = min(max(float(radius_miles), MIN_RADIUS), MAX_RADIUS)
    per_page = min(max(per_page, 1), MAX_PER_PAGE)
    conditions, params = _filter_conditions(filters)
    found = nearby_by_sql(
        Facility,
        where=conditions,
        params=params,
        latitude=latitude,
        longitude=longitude,
        radius_miles=radius_miles,
    )
    num_pages = max(1, math.ceil(len(found) / per_page))
    page = min(max(page, 1), num_pages)
    window = found[(page - 1) * per_page : page * per_page]
    listings = _listings([pk for pk, _miles in window])
    facilities = []
    for pk, miles in window:
        listing = listings[pk]
        listing.distance = miles
        facilities.append(listing)
    return SearchPage(facilities, len(found), page, per_page, radius_miles)


# The listing's columns that need converting from what the driver returns (SQLite gives
# 0/1, ISO text and JSON text; PostgreSQL the Python values already).
_BOOLEANS = [i for i, f in enumerate(fields(FacilityListing)) if f.type in (bool, "bool")]
_DAY = LIST_FIELDS.index("last_verified")
_JSON = LIST_FIELDS.index("other_languages")


def _listings(pks: list[int]) -> dict[int, FacilityListing]:
    """The facilities' listings by pk. The few columns that need it are converted here:
    the ORM's converters, run per value, were a tenth of a search."""
    if not pks:
        return {}
    rows = sql.fetch_all(
        sql.select(Facility, LIST_FIELDS, where=[sql.in_list("id", len(pks))]), pks
    )
    listings = {}
    for row in rows:
        values = list(row)
        for index in _BOOLEANS:
            values[index] = bool(values[index])
        day = values[_DAY]
        values[_DAY] = day if isinstance(day, dt.date) else dt.date.fromisoformat(day)
        other = values[_JSON]
        values[_JSON] = json.loads(other) if isinstance(other, str) else list(other or [])
        listings[values[0]] = FacilityListing(*values)
    return listings


def listed_facilities() -> QuerySet:
    """The facilities searches and exports list: shown, and confirmed by a current source."""
    queryset = Facility.objects.filter(is_active=True)
    since = current_since()
    return queryset.filter(last_verified__gte=since) if since else queryset


def facility_detail(pk: int) -> Facility | None:
    """A shown facility's page, also when no current source lists it any more: a person
    may have saved the link; the page says plainly that it may have closed."""
    return Facility.objects.filter(pk=pk, is_active=True).select_related("organization").first()


def facilities_for_export() -> Iterator[Facility]:
    """Every shown facility with its organization, in a stable order, streamed in chunks."""
    return (
        listed_facilities().select_related("organization").order_by("pk").iterator(chunk_size=2000)
    )


def hsds_service(service_id: uuid.UUID) -> Facility | None:
    """A shown facility by its HSDS service id (the id the HSDS export gives it)."""
    return listed_facilities().filter(uuid=service_id).select_related("organization").first()


def hsds_data_version() -> tuple[str, dt.datetime | None]:
    """A tag that changes when an import runs or a facility is shown or hidden, and when."""
    latest = ImportRun.objects.filter(succeeded=True, dry_run=False).aggregate(
        finished=Max("finished"), runs=Count("pk")
    )
    shown = listed_facilities().aggregate(count=Count("pk"), top=Max("pk"))
    tag = f"{latest['runs']}:{latest['finished']}:{shown['count']}:{shown['top']}"
    return tag, latest["finished"]


def export_page(*, page: int, per_page: int = 100) -> tuple[list[Facility], int]:
    """One page of shown facilities for the HSDS JSON endpoint, and the total count."""
    queryset = listed_facilities().select_related("organization")
    total = queryset.count()
    start = (max(page, 1) - 1) * per_page
    return list(queryset.order_by("pk")[start : start + per_page]), total


def _shown_organizations() -> QuerySet:
    """Organizations with at least one shown facility: the others have nothing to export."""
    return Organization.objects.filter(pk__in=listed_facilities().values("organization_id"))


def hsds_organizations_page(*, page: int, per_page: int = 100) -> tuple[list[Organization], int]:
    """One page of organizations for the HSDS organizations list (in a stable order), and
    the total count."""
    queryset = _shown_organizations()
    total = queryset.count()
    start = (max(page, 1) - 1) * per_page
    return list(queryset.order_by("pk")[start : start + per_page]), total


def hsds_organization(
    organization_id: uuid.UUID,
) -> tuple[Organization, list[Facility]] | None:
    """An organization by its HSDS id, with its shown facilities (its locations and
    services), or None when it has none shown."""
    organization = _shown_organizations().filter(uuid=organization_id).first()
    if organization is None:
        return None
    facilities = listed_facilities().filter(organization=organization)
    return organization, list(facilities.order_by("pk"))


# A result's link carries its search in this parameter, for the page's "back" link.
SEARCH_PARAM = "search"
# The search's own parameters: what a "back to the search" link may carry.
SEARCH_KEYS = {"place", "radius", "page", "otp", *vocabulary.GROUPS}


def back_to_search(query: str) -> str:
    """The treatment search a facility page was opened from (its query, as the result's link
    carried it), keeping only the search's own parameters; the empty search otherwise."""
    kept = QueryDict(mutable=True)
    for key, values in QueryDict(query[:2000]).lists():
        if key in SEARCH_KEYS:
            kept.setlist(key, [value[:200] for value in values[:20]])
    url = reverse("directory:search")
    return f"{url}?{kept.urlencode()}" if kept else url


@dataclass(frozen=True)
class ListingSource:
    name: str
    as_of: dt.date
    year_only: bool


def facility_sources(facility: Facility) -> list[ListingSource]:
    """The sources that list a facility, newest first, by name (never a slug)."""
    from recoverynav.directory.sources import KNOWN, source_name

    newest: dict[str, dt.date] = {}
    for source, day in facility.records.values_list("source", "last_verified"):
        newest[source] = max(day, newest.get(source, day))
    return [
        ListingSource(
            name=source_name(source),
            as_of=day,
            year_only=bool(KNOWN.get(source) and KNOWN[source].year_only),
        )
        for source, day in sorted(newest.items(), key=lambda item: item[1], reverse=True)
    ]


@dataclass(frozen=True)
class Coverage:
    """How usable the listings a search can show are (the data is the product)."""

    listings_shown: int
    with_phone: int
    with_setting: int
    with_medication: int
    with_payment: int
    approximate: int
    shown_from_older_sources: int
    records: int
    records_folded: int  # records that joined a place another record already described
    # Shown listings with the ZIP code, phone and house number of another shown listing:
    # one building listed twice, however its street is written (goal: 0).
    duplicates_shown: int
    oldest_as_of: dt.date | None
    newest_as_of: dt.date | None

    def share(self, count: int) -> float:
        return round(count / self.listings_shown, 4) if self.listings_shown else 0.0


def directory_coverage() -> Coverage:
    """Counted over the listings searches show (see listed_facilities)."""
    from recoverynav.directory.importers.keys import house_number, phone_key
    from recoverynav.directory.models import SourceRecord

    rows = list(
        listed_facilities().values_list(
            "phone",
            "care_settings",
            "medications",
            "is_otp",
            "payments",
            "location_approximate",
            "last_verified",
            "address_1",
            "postal_code",
        )
    )
    since = current_since()
    doors: dict[tuple[str, str, str], int] = {}
    for phone, *_rest, address, postal in rows:
        zip5, number = postal[:5], phone_key(phone)
        if zip5 and number:
            key = (zip5, number, house_number(address))
            doors[key] = doors.get(key, 0) + 1
    dates = [row[6] for row in rows]
    records = SourceRecord.objects.count()
    return Coverage(
        listings_shown=len(rows),
        with_phone=sum(bool(row[0]) for row in rows),
        with_setting=sum(bool(row[1]) for row in rows),
        with_medication=sum(bool(row[2] or row[3]) for row in rows),
        with_payment=sum(bool(row[4]) for row in rows),
        approximate=sum(row[5] for row in rows),
        shown_from_older_sources=sum(since is not None and day < since for day in dates),
        records=records,
        records_folded=records - Facility.objects.count(),
        duplicates_shown=sum(count - 1 for count in doors.values()),
        oldest_as_of=min(dates, default=None),
        newest_as_of=max(dates, default=None),
    )
