"""Template context every page needs: the site name and the language switch."""

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

from recoverynav.core.page_cache import fragment


def site(request: HttpRequest) -> dict:
    current = get_language() or settings.LANGUAGE_CODE
    path = request.get_full_path()
    alternates = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        alternates.append(
            {
                "code": code,
                "name_local": info["name_local"],
                "url": translate_url(path, code),
                "current": code == current,
            }
        )
    return {
        "site_name": settings.SITE_NAME,
        "language_alternates": alternates,
        # The help bar and footer are the same on every page of a language: rendered once.
        "layout": fragment("layout"),
    }
