"""Reads for the help-now page, the help bar and the API."""

from django.conf import settings
from django.db import connection
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


def country_codes() -> set[str]:
    return set(Country.objects.values_list("code", flat=True))


def hotlines_version() -> str:
    """Changes whenever a country or hotline is added, edited or deleted (admin or loader):
    the help-now page is cached under it. Plain SQL, because building this query through the
    ORM takes longer than answering it, and it runs on every help-now request."""
    # Only our own models' table names go into the text; nothing comes from the request.
    tables = [connection.ops.quote_name(model._meta.db_table) for model in (Country, Hotline)]
    figures = ", ".join(
        f"(SELECT COUNT(*) FROM {t}), (SELECT MAX(updated) FROM {t})"  # noqa: S608  # nosec B608
        for t in tables
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + figures)
        return "|".join(str(value) for value in cursor.fetchone())


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
