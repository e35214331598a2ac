"""The guide's pages for the JSON API (mounted at /api/v1/guide): titles, summaries and
page URLs in each language, and one page's rendered body."""

import datetime as dt

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from ninja import Path, Router, Schema

from recoverynav.api.errors import ERROR_RESPONSES, ERROR_RESPONSES_404, NotFound
from recoverynav.api.links import AbsoluteUrl
from recoverynav.api.params import LanguageQuery, use_language
from recoverynav.guide.selectors import GuidePage, get_page, list_pages, related_pages

router = Router(tags=["guide"])
LINKS = {"guide_pages": "/api/v1/guide/pages"}
SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]{0,99}$"


class SourceOut(Schema):
    name: str
    url: str


class HeadingOut(Schema):
    anchor: str
    text: str


class GuidePageSummaryOut(Schema):
    slug: str
    title: str
    summary: str
    section: str
    section_title: str
    language: str
    fell_back: bool
    reviewed: dt.date
    url: AbsoluteUrl
    urls: dict[str, AbsoluteUrl]
    api_url: AbsoluteUrl

    @staticmethod
    def resolve_section_title(obj: GuidePage) -> str:
        return str(obj.section_title)

    @staticmethod
    def resolve_language(obj: GuidePage) -> str:
        return obj.content_language

    @staticmethod
    def resolve_urls(obj: GuidePage) -> dict[str, str]:
        """The page's address in every language of the site (English shows when a
        translation is missing)."""
        urls = {}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                path = reverse("guide:page", kwargs={"slug": obj.key})
            urls[code] = path
        return urls

    @staticmethod
    def resolve_api_url(obj: GuidePage) -> str:
        return f"/api/v1/guide/pages/{obj.key}"


class GuidePageOut(GuidePageSummaryOut):
    html: str
    headings: list[HeadingOut]
    sources: list[SourceOut]
    related: list[GuidePageSummaryOut]

    @staticmethod
    def resolve_related(obj: GuidePage) -> list[GuidePage]:
        return related_pages(page=obj)


class GuidePageListOut(Schema):
    pages: list[GuidePageSummaryOut]


@router.get("/pages", response={200: GuidePageListOut, **ERROR_RESPONSES}, summary="Guide pages")
def page_list(request: HttpRequest, lang: LanguageQuery = None) -> dict:
    """Every page in the order of the guide's index, in the asked language (or English,
    marked `fell_back`, where a translation is missing)."""
    use_language(request, lang)
    return {"pages": list_pages(language=translation.get_language())}


@router.get(
    "/pages/{slug}",
    response={200: GuidePageOut, **ERROR_RESPONSES_404},
    summary="One guide page",
)
def page_detail(
    request: HttpRequest,
    slug: str = Path(..., pattern=SLUG_PATTERN, description="e.g. types-of-help"),
    lang: LanguageQuery = None,
) -> GuidePage:
    """The page as the site shows it: sanitized HTML, its headings, sources and related pages."""
    use_language(request, lang)
    page = get_page(slug, translation.get_language())
    if page is None:
        raise NotFound(gettext("There is no guide page called %(slug)s.") % {"slug": slug})
    return page
