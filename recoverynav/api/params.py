"""Parameters several operations share."""

from typing import Annotated, Literal

from django.http import HttpRequest
from django.utils import translation
from ninja import Field, Query
from pydantic import BeforeValidator

from recoverynav.core.params import MAX_PAGE, digits_only

Language = Literal["en", "es"]
LANGUAGE_HELP = "Language of the text: en or es (default: from Accept-Language, else en)."
# Use as `lang: LanguageQuery = None`.
LanguageQuery = Annotated[Language | None, Query(description=LANGUAGE_HELP)]
# A point for the …/near/ searches: `lat: LatitudeQuery, lon: LongitudeQuery`.
LatitudeQuery = Annotated[float, Query(ge=-90, le=90, allow_inf_nan=False)]
LongitudeQuery = Annotated[float, Query(ge=-180, le=180, allow_inf_nan=False)]


def use_language(request: HttpRequest, lang: Language | None) -> None:
    """An explicit ?lang= wins; else Accept-Language. (LocaleMiddleware gives English to every
    path without a language prefix, which suits pages but not an API.)"""
    chosen = lang or translation.get_language_from_request(request)
    translation.activate(chosen)
    request.LANGUAGE_CODE = chosen


def _json_integer(value: object) -> object:
    if isinstance(value, bool | str):
        raise ValueError("Input should be a whole number")
    return value


def json_integer(*, ge: int, le: int) -> object:
    """A whole number in a JSON body as JSON Schema means it: 3 and 3.0, but not "3" or true
    (pydantic's own int takes those, so the API would take bodies its schema calls invalid).
    The bounds come first, or pydantic leaves them out of the schema."""
    return Annotated[int, Field(ge=ge, le=le), BeforeValidator(_json_integer)]


def query_integer(*, ge: int, le: int, description: str | None = None) -> object:
    """A whole-number query parameter read as the pages read one (`core.params`): ASCII
    digits only, so "²", full-width digits or "1_000" are a 400 here as they are never a
    number there, and one too long to read is refused by `le`, never reaches the database."""
    bounds = Query(ge=ge, le=le, description=description)
    return Annotated[int, bounds, BeforeValidator(digits_only)]


def field_integer(*, ge: int, le: int, description: str | None = None) -> object:
    """The same, for a field of a schema used as `Query[Schema]`."""
    bounds = Field(ge=ge, le=le, description=description)
    return Annotated[int, bounds, BeforeValidator(digits_only)]


# `page: PageQuery = 1` / in a query schema, `page: PageField = 1`.
PageQuery = query_integer(ge=1, le=MAX_PAGE, description="Page number, from 1.")
PageField = field_integer(ge=1, le=MAX_PAGE, description="Page number, from 1.")
