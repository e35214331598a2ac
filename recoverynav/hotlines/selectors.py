"""Reads for the help-now page, the help bar and the API."""

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpRequest

from recoverynav.hotlines.models import Country, Hotline


def countries_with_hotlines() -> list[Country]:
    return list(Country.objects.all())


def country_with_hotlines(code: str) -> Country | None:
    """The country and its shown hotlines in two queries, or None if we have no data for it."""
    return (
        Country.objects.filter(code=code.upper())
        .prefetch_related(Prefetch("hotlines", queryset=Hotline.objects.shown(), to_attr="shown"))
        .first()
    )


def country_code_for_request(request: HttpRequest, known_codes: set[str]) -> str:
    """An explicit ?country= wins; else the region of the browser's languages; else the default."""
    asked = request.GET.get("country", "").upper()
    if asked in known_codes:
        return asked
    for part in request.headers.get("Accept-Language", "").split(","):
        tag = part.split(";")[0].strip()
        if "-" in tag:
            region = tag.split("-")[-1].upper()
            if region in known_codes:
                return region
    return settings.DEFAULT_COUNTRY
