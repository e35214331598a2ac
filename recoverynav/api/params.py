"""Parameters several operations share."""

from typing import Annotated, Literal

from django.http import HttpRequest
from django.utils import translation
from ninja import Query

Language = Literal["en", "es"]
LANGUAGE_HELP = "Language of the text: en or es (default: from Accept-Language, else en)."
# Use as `lang: LanguageQuery = None`.
LanguageQuery = Annotated[Language | None, Query(description=LANGUAGE_HELP)]


def use_language(request: HttpRequest, lang: Language | None) -> None:
    """An explicit ?lang= wins; else Accept-Language. (LocaleMiddleware gives English to every
    path without a language prefix, which suits pages but not an API.)"""
    chosen = lang or translation.get_language_from_request(request)
    translation.activate(chosen)
    request.LANGUAGE_CODE = chosen
