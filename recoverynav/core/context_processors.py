"""Template context every page needs: the site name and the language switch (the constants
are `core.fragments.site_constants`, which cached frames are rendered with too)."""

from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest
from django.urls import get_urlconf, translate_url
from django.utils.translation import get_language, get_language_info

from recoverynav.core.fragments import site_constants


def site(request: HttpRequest) -> dict:
    return {**site_constants(), "language_alternates": language_alternates(request)}


def language_alternates(request: HttpRequest) -> list[dict]:
    """This page in each language, keeping the query string (a search stays a search)."""
    current = get_language() or settings.LANGUAGE_CODE
    path, mark, query = request.get_full_path().partition("?")
    urlconf = str(get_urlconf() or settings.ROOT_URLCONF)
    return [
        {
            "code": code,
            "name_local": get_language_info(code)["name_local"],
            "url": translated + mark + query,
            "current": code == current,
        }
        for code, translated in _translated_paths(path, current, urlconf)
    ]


@lru_cache(maxsize=4096)
def _translated_paths(path: str, current: str, urlconf: str) -> tuple[tuple[str, str], ...]:
    """Resolving a path and reversing it in each language costs ~0.1 ms; paths repeat. The
    active language and URLconf are part of the key because both change how a path resolves."""
    return tuple((code, translate_url(path, code)) for code, _name in settings.LANGUAGES)
