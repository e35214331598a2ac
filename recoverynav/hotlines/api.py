"""Hotlines and emergency numbers by country, for the JSON API (mounted at /api/v1/hotlines)."""

import datetime as dt

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext
from ninja import Path, Router, Schema

from recoverynav.api.errors import ERROR_RESPONSES, ERROR_RESPONSES_404, NotFound
from recoverynav.api.links import AbsoluteUrl
from recoverynav.api.params import LanguageQuery, use_language
from recoverynav.hotlines.models import Country, Hotline
from recoverynav.hotlines.selectors import countries_with_hotlines, country_with_hotlines

router = Router(tags=["hotlines"])
LINKS = {"hotlines": "/api/v1/hotlines/"}


class HotlineOut(Schema):
    """`hours`, `languages`, `who_for` and `notes` are in the language asked for; `text_uri`
    uses `text_keyword_es` in Spanish when the service has one, and no keyword when
    `text_keyword_status` is `needs-verification`; `spanish_help_es` says (in Spanish) how
    to reach someone who speaks Spanish."""

    name: str
    purposes: list[str]
    purpose_labels: list[str]
    phone: str
    phone_uri: str
    text_number: str
    text_keyword: str
    text_keyword_es: str
    text_keyword_status: str
    text_uri: str
    chat_url: str
    tty: str
    tty_uri: str
    email: str
    hours: str
    languages: str
    spanish_help_es: str
    who_for: str
    notes: str
    source_url: str
    status: str
    last_verified: dt.date

    @staticmethod
    def resolve_purpose_labels(obj: Hotline) -> list[str]:
        return [str(label) for label in obj.purpose_labels]


class CountrySummaryOut(Schema):
    code: str
    name: str
    emergency_number: str
    url: AbsoluteUrl
    page_url: AbsoluteUrl

    @staticmethod
    def resolve_url(obj: Country) -> str:
        return f"/api/v1/hotlines/{obj.code}"

    @staticmethod
    def resolve_page_url(obj: Country) -> str:
        return f"{reverse('hotlines:help_now')}?country={obj.code}"


class CountryOut(CountrySummaryOut):
    emergency_note: str
    emergency_source_url: str
    last_verified: dt.date
    hotlines: list[HotlineOut]

    @staticmethod
    def resolve_hotlines(obj: Country) -> list[Hotline]:
        return obj.shown


class CountryListOut(Schema):
    default_country: str
    countries: list[CountrySummaryOut]


@router.get("/", response={200: CountryListOut, **ERROR_RESPONSES}, summary="Countries")
def country_list(request: HttpRequest, lang: LanguageQuery = None) -> dict:
    """Every country we have numbers for, with its emergency number."""
    use_language(request, lang)
    return {"default_country": settings.DEFAULT_COUNTRY, "countries": countries_with_hotlines()}


@router.get(
    "/{code}", response={200: CountryOut, **ERROR_RESPONSES_404}, summary="Hotlines of a country"
)
def country_detail(
    request: HttpRequest,
    code: str = Path(..., pattern=r"^[A-Za-z]{2}$", description="ISO 3166 code, e.g. US"),
    lang: LanguageQuery = None,
) -> Country:
    """The emergency number and the hotlines shown on the help-now page, in the same order:
    crisis lines first, then drug and alcohol information and referral lines, then the rest."""
    use_language(request, lang)
    country = country_with_hotlines(code)
    if country is None:
        raise NotFound(
            gettext("We have no hotlines for the country %(code)s.") % {"code": code.upper()}
        )
    return country
