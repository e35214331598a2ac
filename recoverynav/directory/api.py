"""Treatment facilities for the JSON API: search and detail at /api/v1/facilities (the same
place lookup, filters, radius search and order as the locator page) and the Open Referral
HSDS 3.0 export at /api/v1/hsds (the directory's own HSDS mapping)."""

import uuid
from typing import Annotated

from django.http import HttpRequest
from django.utils.translation import gettext
from ninja import Path, Query, Router

from recoverynav.api.conditional import DataVersion, data_versioned
from recoverynav.api.errors import ERROR_RESPONSES, ERROR_RESPONSES_404, NotFound, charge
from recoverynav.api.params import (
    LanguageQuery,
    LatitudeQuery,
    LongitudeQuery,
    PageQuery,
    query_integer,
    use_language,
)
from recoverynav.directory import vocabulary
from recoverynav.directory.exports import (
    HSDS_PAGE_SIZE,
    TAXONOMY_ID,
    export_organizations,
    export_services,
    find_taxonomy_term,
    find_taxonomy_terms,
    hsds_page,
    organization_to_hsds,
    services_page,
    taxonomy,
)
from recoverynav.directory.forms import PAGE_GROUPS
from recoverynav.directory.models import Facility
from recoverynav.directory.schemas import (
    FacilityDetailOut,
    FacilityFilters,
    FacilitySearchOut,
    HsdsInfoOut,
    HsdsPageOut,
)
from recoverynav.directory.selectors import (
    facility_detail,
    hsds_data_version,
    hsds_organization,
    hsds_organizations_page,
    hsds_service,
    search_facilities,
)
from recoverynav.geo.selectors import PlaceLookup, coordinates_text, lookup_place

router = Router(tags=["facilities"])
hsds_router = Router(tags=["hsds"])
LINKS = {
    "facilities": "/api/v1/facilities/?place=22903",
    "hsds": "/api/v1/hsds/",
    "hsds_services": "/api/v1/hsds/services",
    "hsds_organizations": "/api/v1/hsds/organizations",
    "hsds_taxonomies": "/api/v1/hsds/taxonomies",
    "hsds_taxonomy_terms": "/api/v1/hsds/taxonomy_terms",
}
HSDS_VERSION = "3.0"
HsdsPage = PageQuery
HsdsPerPage = query_integer(
    ge=1, le=HSDS_PAGE_SIZE, description=f"Items per page, at most {HSDS_PAGE_SIZE}."
)


def _filters(chosen: dict[str, list[str]], otp: bool) -> dict[str, list[str]]:
    """The page's filter groups (unknown values were already refused with a 400)."""
    filters = {name: values for name, values in chosen.items() if values}
    if otp:
        filters[vocabulary.OTP] = ["yes"]
    return filters


@router.get("/", response={200: FacilitySearchOut, **ERROR_RESPONSES}, summary="Search facilities")
def facility_search(
    request: HttpRequest,
    place: Annotated[str, Query(min_length=1, max_length=200, description="ZIP, town, county.")],
    filters: Query[FacilityFilters],
) -> dict:
    """Nearest first within `radius` miles of `place`, with the locator's filters; several
    values of one filter mean any of them. An unclear place gives no results but
    `candidates` to choose from (and one not found, a `message`), as the page does."""
    use_language(request, filters.lang)
    return _search(lookup_place(place), filters)


@router.get(
    "/near/",
    response={200: FacilitySearchOut, **ERROR_RESPONSES},
    summary="Search facilities near a point",
)
def facility_search_near(
    request: HttpRequest,
    lat: LatitudeQuery,
    lon: LongitudeQuery,
    filters: Query[FacilityFilters],
) -> dict:
    """The same search around a point (e.g. a phone's location) instead of a place name."""
    use_language(request, filters.lang)
    return _search(lookup_place(coordinates_text(lat, lon)), filters)


def _search(lookup: PlaceLookup, filters: FacilityFilters) -> dict:
    chosen = {name: list(getattr(filters, name) or []) for name in PAGE_GROUPS}
    centre = lookup.place
    found = None
    if centre is not None:
        found = search_facilities(
            latitude=centre.latitude,
            longitude=centre.longitude,
            radius_miles=filters.radius,
            filters=_filters(chosen, filters.otp),
            page=filters.page,
            per_page=filters.page_size,
        )
    return {
        "place": centre,
        "candidates": lookup.alternatives if centre else lookup.places,
        "message": lookup.error,
        "radius_miles": filters.radius,
        "total": found.total if found else 0,
        "page": found.page if found else 1,
        "page_size": filters.page_size,
        "pages": found.num_pages if found else 1,
        "results": found.facilities if found else [],
    }


@router.get(
    "/{facility_id}",
    response={200: FacilityDetailOut, **ERROR_RESPONSES_404},
    summary="One facility",
)
def facility_get(
    request: HttpRequest,
    facility_id: int = Path(..., ge=1, le=2**53),
    lang: LanguageQuery = None,
) -> Facility:
    use_language(request, lang)
    found = facility_detail(facility_id)
    if found is None:
        raise NotFound(gettext("There is no facility %(id)s.") % {"id": facility_id})
    return found


def _hsds_version() -> DataVersion:
    return DataVersion(*hsds_data_version())


@hsds_router.get("/", response={200: HsdsInfoOut, **ERROR_RESPONSES}, summary="HSDS API info")
def hsds_info(request: HttpRequest) -> dict:
    return {
        "version": HSDS_VERSION,
        "profile": "https://docs.openreferral.org/en/latest/hsds/",
        "openapi_url": "/api/v1/openapi.json",
    }


@hsds_router.get(
    "/services/{service_id}",
    response={200: dict, **ERROR_RESPONSES_404},
    summary="One HSDS service",
)
@data_versioned(_hsds_version)
def hsds_service_get(request: HttpRequest, service_id: uuid.UUID) -> dict:
    """One shown facility as an HSDS 3.0 service, by the id the services list gives it."""
    found = hsds_service(service_id)
    if found is None:
        raise NotFound(gettext("There is no service %(id)s.") % {"id": service_id})
    return export_services([found])[0]


@hsds_router.get(
    "/services", response={200: HsdsPageOut, **ERROR_RESPONSES}, summary="HSDS services"
)
@data_versioned(_hsds_version)
def hsds_services(
    request: HttpRequest, page: HsdsPage = 1, per_page: HsdsPerPage = HSDS_PAGE_SIZE
) -> dict:
    """Every shown facility as an HSDS 3.0 service (organization, location, phones,
    languages, attributes nested), in the HSDS API's page shape."""
    charge(request, "hsds_export")
    return services_page(page=page, per_page=per_page)


@hsds_router.get(
    "/organizations",
    response={200: HsdsPageOut, **ERROR_RESPONSES},
    summary="HSDS organizations",
)
@data_versioned(_hsds_version)
def hsds_organizations(
    request: HttpRequest, page: HsdsPage = 1, per_page: HsdsPerPage = HSDS_PAGE_SIZE
) -> dict:
    """Every organization with a shown facility, its own fields only (HSDS's
    organization_list), in the HSDS API's page shape."""
    charge(request, "hsds_export")
    organizations, total = hsds_organizations_page(page=page, per_page=per_page)
    return hsds_page(export_organizations(organizations), total=total, page=page, per_page=per_page)


@hsds_router.get(
    "/organizations/{organization_id}",
    response={200: dict, **ERROR_RESPONSES_404},
    summary="One HSDS organization",
)
@data_versioned(_hsds_version)
def hsds_organization_get(request: HttpRequest, organization_id: uuid.UUID) -> dict:
    """One organization with its shown facilities as `locations` and `services`."""
    found = hsds_organization(organization_id)
    if found is None:
        raise NotFound(gettext("There is no organization %(id)s.") % {"id": organization_id})
    organization, facilities = found
    return organization_to_hsds(organization, facilities)


@hsds_router.get(
    "/taxonomies", response={200: HsdsPageOut, **ERROR_RESPONSES}, summary="HSDS taxonomies"
)
def hsds_taxonomies(
    request: HttpRequest, page: HsdsPage = 1, per_page: HsdsPerPage = HSDS_PAGE_SIZE
) -> dict:
    """The one taxonomy the services' attributes use: our searchable attributes."""
    return hsds_page([taxonomy()], total=1, page=page, per_page=per_page, paged=False)


@hsds_router.get(
    "/taxonomies/{taxonomy_id}",
    response={200: dict, **ERROR_RESPONSES_404},
    summary="One HSDS taxonomy",
)
def hsds_taxonomy_get(request: HttpRequest, taxonomy_id: uuid.UUID) -> dict:
    if str(taxonomy_id) != TAXONOMY_ID:
        raise NotFound(gettext("There is no taxonomy %(id)s.") % {"id": taxonomy_id})
    return taxonomy()


@hsds_router.get(
    "/taxonomy_terms",
    response={200: HsdsPageOut, **ERROR_RESPONSES},
    summary="HSDS taxonomy terms",
)
def hsds_taxonomy_terms(
    request: HttpRequest,
    page: HsdsPage = 1,
    per_page: HsdsPerPage = HSDS_PAGE_SIZE,
    taxonomy_id: Annotated[uuid.UUID | None, Query(description="Terms of this taxonomy.")] = None,
    parent_id: Annotated[uuid.UUID | None, Query(description="Children of this term.")] = None,
    lang: LanguageQuery = None,
) -> dict:
    """Each attribute group (e.g. `setting`) and, as its children, its values (e.g.
    `setting:outpatient`), and `otp`: the terms the services' attributes name, in the
    asked language."""
    use_language(request, lang)
    terms = find_taxonomy_terms(taxonomy_id=taxonomy_id, parent_id=parent_id)
    return hsds_page(terms, total=len(terms), page=page, per_page=per_page, paged=False)


@hsds_router.get(
    "/taxonomy_terms/{term_id}",
    response={200: dict, **ERROR_RESPONSES_404},
    summary="One HSDS taxonomy term",
)
def hsds_taxonomy_term_get(
    request: HttpRequest, term_id: uuid.UUID, lang: LanguageQuery = None
) -> dict:
    use_language(request, lang)
    found = find_taxonomy_term(term_id)
    if found is None:
        raise NotFound(gettext("There is no taxonomy term %(id)s.") % {"id": term_id})
    return found
