"""The shapes of the directory's API: what /api/v1/facilities and /api/v1/hsds take and
answer (the operations are in api.py)."""

import datetime as dt
from typing import Annotated, Literal

from django.conf import settings
from ninja import Field, Schema

from recoverynav.api.links import AbsoluteUrl
from recoverynav.api.params import LANGUAGE_HELP, Language, PageField, field_integer
from recoverynav.directory import vocabulary
from recoverynav.directory.models import Facility
from recoverynav.directory.selectors import DEFAULT_RADIUS, MAX_PER_PAGE, MAX_RADIUS, MIN_RADIUS
from recoverynav.geo.api import PlaceOut

MAX_RADIUS_MILES = min(MAX_RADIUS, settings.API_MAX_RADIUS_MILES)
MAX_PAGE_SIZE = min(MAX_PER_PAGE, settings.API_MAX_PAGE_SIZE)


def _filter_values(group: str) -> object:
    """A filter parameter whose allowed values (the vocabulary's codes) are in the schema."""
    values = Literal[tuple(vocabulary.GROUPS[group].values)]  # type: ignore[valid-type]
    return Annotated[list[values] | None, Field(description=f"Any of these {group} values.")]


class FacilityFilters(Schema):
    """What both searches take besides the center: the locator's filters, radius, page."""

    radius: Annotated[float, Field(ge=MIN_RADIUS, le=MAX_RADIUS_MILES, allow_inf_nan=False)] = (
        DEFAULT_RADIUS
    )
    setting: _filter_values("setting") = None  # type: ignore[valid-type]
    medication: _filter_values("medication") = None  # type: ignore[valid-type]
    payment: _filter_values("payment") = None  # type: ignore[valid-type]
    language: _filter_values("language") = None  # type: ignore[valid-type]
    age: _filter_values("age") = None  # type: ignore[valid-type]
    program: _filter_values("program") = None  # type: ignore[valid-type]
    otp: bool = False
    page: PageField = 1  # type: ignore[valid-type]
    page_size: field_integer(ge=1, le=MAX_PAGE_SIZE) = 20  # type: ignore[valid-type]
    lang: Language | None = Field(None, description=LANGUAGE_HELP)


class FacilityOut(Schema):
    id: int
    name: str
    alternate_name: str
    address_lines: list[str]
    city: str
    state: str
    postal_code: str
    latitude: float
    longitude: float
    location_approximate: bool = Field(
        description="The coordinates are the ZIP code's center, not the building."
    )
    phone: str
    phone_uri: str
    intake_phone: str
    website: str
    settings: dict[str, list[str]]
    is_otp: bool
    last_verified: dt.date = Field(
        description="The date of the listing's newest information (its source's date)."
    )
    as_of_year_only: bool = Field(description="`last_verified` stands for a survey year.")
    is_current: bool = Field(
        description="A current source confirms the listing (searches list only these)."
    )
    url: AbsoluteUrl
    page_url: AbsoluteUrl
    distance_miles: float | None = None

    @staticmethod
    def resolve_settings(obj: Facility) -> dict[str, list[str]]:
        """Every vocabulary group's values (codes), e.g. {"payment": ["medicaid"]}."""
        return {
            name: group.decode(getattr(obj, group.column))
            for name, group in vocabulary.GROUPS.items()
        }

    @staticmethod
    def resolve_url(obj: Facility) -> str:
        return f"/api/v1/facilities/{obj.pk}"

    @staticmethod
    def resolve_page_url(obj: Facility) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_distance_miles(obj: Facility) -> float | None:
        distance = getattr(obj, "distance", None)
        return round(distance, 2) if distance is not None else None


class OtherServiceOut(Schema):
    """A service the source lists that no filter covers, in the source's own words."""

    category: str = Field(description="The source's heading, e.g. 'Treatment Approaches'.")
    name: str


class FacilityDetailOut(FacilityOut):
    labels: dict[str, list[str]]
    other_languages: list[str]
    other_services: list[OtherServiceOut]

    @staticmethod
    def resolve_labels(obj: Facility) -> dict[str, list[str]]:
        return {name: obj.labels(name) for name in vocabulary.GROUPS}

    @staticmethod
    def resolve_other_services(obj: Facility) -> list[dict[str, str]]:
        """Every importer stores [category, name] pairs."""
        return [{"category": category, "name": name} for category, name in obj.other_services]


class FacilitySearchOut(Schema):
    place: PlaceOut | None
    candidates: list[PlaceOut]
    message: str
    radius_miles: float
    total: int
    page: int
    page_size: int
    pages: int
    results: list[FacilityOut]


class HsdsInfoOut(Schema):
    version: str
    profile: str
    openapi_url: AbsoluteUrl


class HsdsPageOut(Schema):
    total_items: int
    total_pages: int
    page_number: int
    size: int
    first_page: bool
    last_page: bool
    empty: bool
    contents: list[dict]
