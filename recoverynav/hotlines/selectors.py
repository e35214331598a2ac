"""Reads for the help-now page, the help bar, the finders and the API."""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Prefetch
from django.http import HttpRequest

from recoverynav.core.fragments import PAGE_CACHE_SECONDS
from recoverynav.hotlines.models import Country, Hotline, crisis_rank


def countries_with_hotlines() -> list[Country]:
    return list(Country.objects.all())


def country_with_hotlines(code: str) -> Country | None:
    """The country and its shown hotlines in two queries, or None if we have no data for it.
    `shown` puts crisis lines first, whatever the data file's order (see `crisis_first`)."""
    country = (
        Country.objects.filter(code=code.upper())
        .prefetch_related(Prefetch("hotlines", queryset=Hotline.objects.shown(), to_attr="shown"))
        .first()
    )
    if country is not None:
        country.shown = crisis_first(country.shown)
    return country


def crisis_first(lines: list[Hotline]) -> list[Hotline]:
    """Lines chosen by purpose: crisis and suicide lines before drug and alcohol information
    and referral lines, so a person in crisis meets 988, Samaritans or Lifeline first; within
    a group, the data's own order."""
    return sorted(lines, key=lambda line: (crisis_rank(line.purposes), line.position, line.name))


@dataclass(frozen=True)
class CrisisHelp:
    """What every crisis panel shows: the emergency number, then the lines that answer a
    person in crisis, then the drug and alcohol information and referral lines."""

    country: Country | None
    crisis_lines: list[Hotline]
    referral_lines: list[Hotline]


def crisis_help(country: Country | None) -> CrisisHelp:
    lines = country.shown if country is not None else []
    return CrisisHelp(
        country=country,
        crisis_lines=[line for line in lines if crisis_rank(line.purposes) <= 1],
        referral_lines=[line for line in lines if crisis_rank(line.purposes) == 2],
    )


def crisis_help_for_request(request: HttpRequest) -> CrisisHelp:
    """The crisis help for the visitor's country (?country=, else the browser's language
    region, else the site's default), read once per request however many panels it shows."""
    known = getattr(request, "_crisis_help", None)
    if known is None:
        code = country_code_for_request(request, country_codes())
        known = crisis_help(country_with_hotlines(code))
        request._crisis_help = known  # type: ignore[attr-defined]
    return known


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


@dataclass(frozen=True)
class Helpline:
    """A line a finder offers when it finds little: plain values, cheap to read back from
    the cache (a pickled model instance cost a search a tenth of its time)."""

    name: str
    phone: str
    phone_uri: str


def treatment_referral_lines() -> list[Helpline]:
    """The default country's treatment-referral lines (the finders offer them where they
    find little), kept in the cache under the hotlines' version so an edit shows at once."""
    version = f"{settings.DEFAULT_COUNTRY}|{hotlines_version()}"
    key = "hotlines:referral:" + hashlib.blake2b(version.encode(), digest_size=16).hexdigest()
    lines = cache.get(key)
    if lines is None:
        country = country_with_hotlines(settings.DEFAULT_COUNTRY)
        lines = [
            Helpline(name=line.name, phone=line.phone, phone_uri=line.phone_uri)
            for line in (country.shown if country else [])
            if "treatment_referral" in line.purposes
        ]
        cache.set(key, lines, PAGE_CACHE_SECONDS)
    return lines


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
