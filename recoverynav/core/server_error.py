"""The 500 page: built once per language when the site starts, from the bundled hotline file,
so that showing it needs neither the database nor the template engine (whatever failed may
fail again). It keeps the way to help open: "Get help now", the default country's emergency
number and its national helplines."""

import logging

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from recoverynav.core import offline_help

logger = logging.getLogger(__name__)
_pages: dict[str, str] = {}


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's handler500: the baked page in the language of the path. (The API's
    middleware turns it into the API's JSON error shape.)"""
    response = HttpResponse(page(language_of(request.path_info)), status=500)
    response["Cache-Control"] = "no-store"
    return response


def language_of(path: str) -> str:
    """The page's language from its URL prefix (/es/…), without the translation machinery."""
    for code, _name in settings.LANGUAGES:
        if code != settings.LANGUAGE_CODE and path.startswith(f"/{code}/"):
            return code
    return settings.LANGUAGE_CODE


def page(language: str) -> str:
    if language not in _pages:
        _pages[language] = _build(language)
    return _pages[language]


def warm() -> None:
    """Build every language's page at start-up."""
    for code, _name in settings.LANGUAGES:
        page(code)


def _default_country() -> list[offline_help.OfflineCountry]:
    countries = offline_help.offline_countries()
    return [c for c in countries if c.code == settings.DEFAULT_COUNTRY] or countries


def _build(language: str) -> str:
    try:
        with translation.override(language):
            context = {
                "language": language,
                "site_name": settings.SITE_NAME,
                "help_countries": _default_country(),
                "help_now_url": reverse("hotlines:help_now"),
                "home_url": reverse("core:home"),
                "quick_exit_url": settings.QUICK_EXIT_URL,
                "stylesheet": _stylesheet(),
            }
            return render_to_string("core/server_error.html", context)
    except Exception:
        logger.exception("The 500 page could not be built; a plain one is served instead.")
        return _plain_page(language)


def _stylesheet() -> str:
    """The site's stylesheet, or none when its name cannot be found (no manifest yet)."""
    try:
        return static("core/site.css")
    except ValueError:
        return ""


def _plain_page(language: str) -> str:
    """The last resort: the numbers in plain HTML, with no template and no translation."""
    numbers = "".join(
        f'<li>{escape(country.name_en)}: <a href="tel:{escape(country.emergency_number)}">'
        f"{escape(country.emergency_number)}</a>"
        + "".join(
            f' · <a href="tel:{escape(line.phone)}">{escape(line.name)} {escape(line.phone)}</a>'
            for line in country.lines
            if line.phone
        )
        + "</li>"
        for country in _default_country()
    )
    return (
        f'<!doctype html><html lang="{escape(language)}"><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Something went wrong</title><h1>Something went wrong</h1>"
        "<p>If someone may be in danger, call your emergency number now.</p>"
        f'<ul>{numbers}</ul><p><a href="/help-now/">Get help now</a></p></html>'
    )
