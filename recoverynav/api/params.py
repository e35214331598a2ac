"""Parameters several operations share."""

from typing import Literal

from django.http import HttpRequest
from django.utils import translation

Language = Literal["en", "es"]
LANGUAGE_HELP = "Language of the text: en or es (default: from Accept-Language, else en)."


def use_language(request: HttpRequest, lang: Language | None) -> None:
    """An explicit ?lang= wins over Accept-Language (already applied by LocaleMiddleware)."""
    if lang:
        translation.activate(lang)
        request.LANGUAGE_CODE = lang
