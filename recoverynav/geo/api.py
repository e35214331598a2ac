"""Place lookup for the JSON API (mounted at /api/v1/places): text in, candidate places out."""

from django.http import HttpRequest
from ninja import Query, Router, Schema

from recoverynav.api.errors import ERROR_RESPONSES
from recoverynav.api.params import LanguageQuery, query_integer, use_language
from recoverynav.geo.selectors import MAX_QUERY_LENGTH, lookup_place

router = Router(tags=["places"])
LINKS = {"places": "/api/v1/places/?q=Austin%2C%20TX"}
MAX_LIMIT = 20


class PlaceOut(Schema):
    label: str
    latitude: float
    longitude: float
    kind: str
    state: str
    postal_code: str
    timezone: str
    query: str


class PlaceLookupOut(Schema):
    query: str
    clear: bool
    place: PlaceOut | None
    places: list[PlaceOut]
    message: str


@router.get("/", response={200: PlaceLookupOut, **ERROR_RESPONSES}, summary="Look up a place")
def place_lookup(
    request: HttpRequest,
    q: str = Query(
        ...,
        min_length=1,
        max_length=MAX_QUERY_LENGTH,
        description="A ZIP code, a town (and state), a county, or 'latitude,longitude'.",
    ),
    limit: query_integer(  # type: ignore[valid-type]
        ge=1, le=MAX_LIMIT, description="At most this many candidates."
    ) = 8,
    lang: LanguageQuery = None,
) -> dict:
    """Candidates best first. `place` is set when one match is clear; otherwise the person
    should choose from `places`. No match is not an error: `places` is empty and `message`
    says what to try."""
    use_language(request, lang)
    lookup = lookup_place(q, limit=limit)
    return {
        "query": lookup.query,
        "clear": lookup.place is not None,
        "place": lookup.place,
        "places": lookup.places,
        "message": lookup.error,
    }
