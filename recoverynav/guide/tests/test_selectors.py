"""The selectors the API engineer builds /api/v1/guide/pages on."""

from pathlib import Path

import pytest

from recoverynav.guide.selectors import get_page, list_pages
from recoverynav.guide.tests.conftest import write_page

pytestmark = pytest.mark.django_db


def test_it_lists_pages_with_everything_the_api_needs() -> None:
    pages = list_pages("es")

    page = next(p for p in pages if p.key == "overdose")
    assert page.slug == "overdose"
    assert page.title == "Sobredosis: qué hacer"
    assert page.url == "/es/guide/overdose/"
    assert page.language == "es"
    assert page.fell_back is False
    assert page.reviewed.isoformat() == "2026-12-05"
    assert page.sources[0].url.startswith("https://")
    assert page.summary


def test_the_key_is_the_same_in_both_languages() -> None:
    assert [p.key for p in list_pages("en")] == [p.key for p in list_pages("es")]


def test_pages_come_in_section_order() -> None:
    sections = [p.section for p in list_pages("en")]

    assert sections[0] == "start"
    assert sections[-1] == "safety"


def test_a_page_missing_in_spanish_comes_back_in_english(content_dir: Path) -> None:
    write_page(content_dir, "en", "only-english", title="Only in English")

    page = get_page("only-english", "es")

    assert page.fell_back is True
    assert page.content_language == "en"
    assert page.title == "Only in English"
    assert page.url == "/es/guide/only-english/"


def test_a_page_only_in_spanish_is_listed_in_spanish_only(content_dir: Path) -> None:
    write_page(content_dir, "es", "solo-espanol", title="Solo en español")

    assert [p.key for p in list_pages("es")] == ["solo-espanol"]
    assert list_pages("en") == []


@pytest.mark.parametrize("slug", ["../settings", "Overdose", "over dose", ""])
def test_it_refuses_slugs_that_are_not_page_names(slug: str) -> None:
    assert get_page(slug, "en") is None


def test_an_empty_content_folder_gives_an_empty_guide(content_dir: Path) -> None:
    assert list_pages("en") == []
