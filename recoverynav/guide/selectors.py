"""Reads for the guide pages, the sitemap and the API (`/api/v1/guide/pages`)."""

import datetime
import functools
import logging
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.urls import get_urlconf, reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from recoverynav.guide.content import (
    REFERENCE_LANGUAGE,
    ContentError,
    PageFile,
    Source,
    load_page_file,
    page_path,
    slugs_for,
)
from recoverynav.guide.fit import evaluate, shipped_rules
from recoverynav.guide.rendering import Heading, RenderedBody, render_markdown

logger = logging.getLogger(__name__)

# Pages are grouped on the index by their `section:` front matter field, in this order.
SECTIONS: dict[str, str | Promise] = {
    "start": _("Recognizing the need"),
    "types": _("Kinds of help"),
    "action": _("Taking action"),
    "family": _("For family and friends"),
    "safety": _("Staying safe"),
}
# A page with at least this many h2 sections gets a table of contents.
TOC_MIN_HEADINGS = 3


@dataclass
class GuidePage:
    """A guide page as asked for in `language`; `fell_back` when shown in English instead."""

    key: str
    language: str
    content_language: str
    fell_back: bool
    title: str
    summary: str
    section: str
    order: int
    reviewed: datetime.date
    sources: tuple[Source, ...]
    related: tuple[str, ...]
    url: str
    _file: PageFile = field(repr=False)

    @property
    def slug(self) -> str:
        return self.key

    @property
    def section_title(self) -> str | Promise:
        return SECTIONS.get(self.section, self.section)

    @functools.cached_property
    def _body(self) -> RenderedBody:
        # Rendered once per file version: the page object itself is cached (see get_page).
        with translation.override(self.language):
            return render_markdown(self._file.markdown, resolve_route=route_url)

    @property
    def html(self) -> str:
        return self._body.html

    @property
    def headings(self) -> tuple[Heading, ...]:
        return self._body.headings

    @property
    def table_of_contents(self) -> tuple[Heading, ...]:
        return self.headings if len(self.headings) >= TOC_MIN_HEADINGS else ()


def _load(slug: str, language: str) -> tuple[Path, PageFile] | None:
    path = page_path(slug=slug, language=language)
    if path is None:
        return None
    try:
        return path, load_page_file(path, language=language)
    except ContentError as error:
        # Shown by `manage.py check` too; readers get the English page or a 404, never a 500.
        logger.warning("Guide page skipped: %s", error)
        return None


def route_url(spec: str) -> str:
    """A Markdown `route:name?query` link's URL in the active language. A name the site does
    not have raises NoReverseMatch (`manage.py check` names the file first: guide.E003)."""
    name, _, query = spec.partition("?")
    url = reverse(name)
    return f"{url}?{query}" if query else url


_pages: dict[tuple[Path, str, str], GuidePage] = {}


def get_page(slug: str, language: str) -> GuidePage | None:
    """The page in `language`, else the English page marked `fell_back`, else None."""
    found = _load(slug, language)
    fell_back = False
    if found is None and language != REFERENCE_LANGUAGE:
        found, fell_back = _load(slug, REFERENCE_LANGUAGE), True
    if found is None:
        return None
    path, page_file = found
    # Links depend on the language and on which apps are installed (the URLconf).
    cache_key = (path, language, str(get_urlconf() or settings.ROOT_URLCONF))
    cached = _pages.get(cache_key)
    if cached is not None and cached._file is page_file:
        return cached
    with translation.override(language):
        url = reverse("guide:page", kwargs={"slug": slug})
    page = GuidePage(
        key=slug,
        language=language,
        content_language=page_file.language,
        fell_back=fell_back,
        title=page_file.title,
        summary=page_file.summary,
        section=page_file.section,
        order=page_file.order,
        reviewed=page_file.reviewed,
        sources=page_file.sources,
        related=page_file.related,
        url=url,
        _file=page_file,
    )
    _pages[cache_key] = page
    return page


def list_pages(language: str) -> list[GuidePage]:
    """Every page, in index order (section, then `order`), each in `language` or English."""
    slugs = sorted(set(slugs_for(REFERENCE_LANGUAGE)) | set(slugs_for(language)))
    pages = [page for slug in slugs if (page := get_page(slug=slug, language=language))]
    section_rank = {key: rank for rank, key in enumerate(SECTIONS)}
    return sorted(pages, key=lambda p: (section_rank.get(p.section, 99), p.order, p.title))


def related_pages(*, page: GuidePage) -> list[GuidePage]:
    """The pages named in `related:` that exist, in the order the author listed them."""
    return [
        related
        for slug in page.related
        if slug != page.key and (related := get_page(slug=slug, language=page.language))
    ]


def pages_by_section(*, language: str) -> list[tuple[str | Promise, list[GuidePage]]]:
    grouped: dict[str, list[GuidePage]] = {}
    for page in list_pages(language=language):
        grouped.setdefault(page.section, []).append(page)
    return [(SECTIONS.get(key, key), pages) for key, pages in grouped.items()]


@dataclass(frozen=True)
class FitOption:
    """One suggestion: its words, its guide page, and the finder pre-filtered for it."""

    key: str
    title: str
    summary: str
    page_url: str | None
    page_title: str | None
    finder_url: str | None
    suggested: bool = False


@dataclass(frozen=True)
class FitSuggestion:
    safety_notes: list[str]
    first_steps: list[FitOption]
    levels: list[FitOption]
    medications: list[FitOption]
    counselling: list[FitOption]
    groups: list[FitOption]
    notes: list[str]
    sources: tuple[Source, ...]
    reviewed: datetime.date


def fit_suggestion(*, answers: dict[str, frozenset[str]], language: str) -> FitSuggestion:
    """Evaluate the shipped rules and turn the keys into words and links for `language`."""
    rules = shipped_rules()
    result = evaluate(rules, answers)
    payment = next(
        (
            rules.payment_filters[p]
            for p in answers.get("payment", ())
            if p in rules.payment_filters
        ),
        None,
    )
    by_id = {rule.id: rule for rule in rules.rules}

    def options(catalogue: str, keys: tuple[str, ...], suggested: str = "") -> list[FitOption]:
        entries = rules.catalogues[catalogue]
        return [_fit_option(key, entries[key], language, payment, key == suggested) for key in keys]

    return FitSuggestion(
        safety_notes=[_words(by_id[rule_id].note, language) for rule_id in result.safety_notes],
        first_steps=options("first_steps", result.first_steps),
        levels=options("levels", rules.level_order, suggested=result.level),
        medications=options("medications", result.medications),
        counselling=options("counselling", result.counselling),
        groups=options("groups", result.groups),
        notes=[_words(by_id[rule_id].note, language) for rule_id in result.notes],
        sources=tuple(Source(name=s["name"], url=s["url"]) for s in rules.sources),
        reviewed=rules.reviewed,
    )


def _words(text: dict, language: str) -> str:
    return str(text.get(language) or text[REFERENCE_LANGUAGE])


def _fit_option(
    key: str, entry: dict, language: str, payment: str | None, suggested: bool
) -> FitOption:
    page = get_page(entry["page"], language) if entry.get("page") else None
    if "fellowship" in entry:
        finder_url = _with_query("meetings:search", {"fellowship": entry["fellowship"]})
    elif "setting" in entry or "filter" in entry:
        query = {"setting": entry.get("setting"), "medication": entry.get("filter")}
        finder_url = _with_query("directory:search", {**query, "payment": payment})
    else:
        finder_url = None
    return FitOption(
        key=key,
        title=_words(entry["title"], language),
        summary=_words(entry.get("summary") or {REFERENCE_LANGUAGE: ""}, language),
        page_url=page.url if page else None,
        page_title=page.title if page else None,
        finder_url=finder_url,
        suggested=suggested,
    )


def _with_query(url_name: str, query: dict[str, str | list[str] | None]) -> str | None:
    """The finder's URL with the filters that have a value; a list repeats its parameter
    (`medication=naltrexone&medication=naltrexone_er`)."""
    url = reverse(url_name)
    filled = {name: value for name, value in query.items() if value}
    return f"{url}?{urlencode(filled, doseq=True)}" if filled else url
