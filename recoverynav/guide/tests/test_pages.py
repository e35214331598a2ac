"""The guide as a reader meets it: pages in both languages, fallback, contents, sitemap."""

import os
import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import formats, translation

from recoverynav.guide.tests.conftest import write_page

pytestmark = pytest.mark.django_db

SHIPPED = Path(__file__).resolve().parents[1] / "content"
SHIPPED_SLUGS = sorted(p.stem for p in (SHIPPED / "en").glob("*.md"))
REVIEWED = {"en": "Last reviewed {date}", "es": "Última revisión: {date}"}


def reviewed_text(slug: str, language: str) -> str:
    """The page's own `reviewed:` date as the page shows it."""
    from recoverynav.guide.selectors import get_page

    page = get_page(slug, language)
    with translation.override(language):
        shown = formats.date_format(page.reviewed, "DATE_FORMAT")
    return REVIEWED[language].format(date=shown)


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("slug", SHIPPED_SLUGS)
def test_every_page_renders_with_its_sources_and_review_date(
    visitor: Client, hotlines: None, slug: str, language: str
) -> None:
    prefix = "/es" if language == "es" else ""
    response = visitor.get(f"{prefix}/guide/{slug}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}"' in html
    assert 'class="page-sources"' in html
    assert re.search(r'<li><a href="https://[^"]+" rel="noopener noreferrer">', html)
    assert reviewed_text(slug, language) in html
    assert "fallback-notice" not in html


def test_the_named_pages_other_sections_link_to_exist(visitor: Client, hotlines: None) -> None:
    with translation.override("es"):
        family = reverse("guide:family")
    with translation.override("en"):
        types_html = visitor.get(reverse("guide:types_of_help")).content.decode()

    assert family == "/es/guide/family-and-friends/"
    assert "<h1>Types of help</h1>" in types_html
    assert "<h1>Para familiares y amistades</h1>" in visitor.get(family).content.decode()


def test_a_page_missing_in_spanish_falls_back_to_english_with_a_notice(
    visitor: Client, hotlines: None, content_dir: Path
) -> None:
    write_page(content_dir, "en", "only-english", title="Only in English", body="## One\n\nHi")

    html = visitor.get("/es/guide/only-english/").content.decode()

    assert "Esta página todavía no está disponible en español" in html
    assert '<article class="guide-page" lang="en">' in html
    assert "<h1>Only in English</h1>" in html
    assert '<html lang="es"' in html


def test_the_index_marks_english_only_pages(
    visitor: Client, hotlines: None, content_dir: Path
) -> None:
    write_page(content_dir, "en", "only-english", title="Only in English")
    write_page(content_dir, "en", "both", title="Both")
    write_page(content_dir, "es", "both", title="Ambas")

    html = visitor.get("/es/guide/").content.decode()

    assert '<a href="/es/guide/only-english/" lang="en">Only in English</a>' in html
    assert "(en inglés)" in html
    assert '<a href="/es/guide/both/">Ambas</a>' in html


def test_an_unknown_page_is_not_found(visitor: Client, hotlines: None) -> None:
    assert visitor.get("/guide/no-such-page/").status_code == 404
    assert visitor.get("/es/guide/no-such-page/").status_code == 404


def test_a_broken_file_is_not_shown_and_does_not_break_the_guide(
    visitor: Client, hotlines: None, content_dir: Path
) -> None:
    write_page(content_dir, "en", "fine", title="Fine")
    (content_dir / "en" / "broken.md").write_text("no front matter", encoding="utf-8")

    assert visitor.get("/guide/broken/").status_code == 404
    assert "Fine" in visitor.get("/guide/").content.decode()


def test_the_index_lists_every_page_by_section(visitor: Client, hotlines: None) -> None:
    html = visitor.get("/guide/").content.decode()

    for slug in SHIPPED_SLUGS:
        assert f'href="/guide/{slug}/"' in html
    assert html.index("Recognizing the need") < html.index("Kinds of help")
    assert 'href="/guide/which-help-fits-me/"' in html


def test_a_long_page_has_a_table_of_contents(visitor: Client, hotlines: None) -> None:
    html = visitor.get("/guide/overdose/").content.decode()

    toc = re.search(r'<nav class="toc".*?</nav>', html, re.S).group(0)
    assert '<a href="#what-to-do">What to do</a>' in toc
    assert '<h2 id="what-to-do">What to do</h2>' in html


def test_a_short_page_has_no_table_of_contents(
    visitor: Client, hotlines: None, content_dir: Path
) -> None:
    write_page(content_dir, "en", "short", body="## Only one section\n\nText.")

    assert 'class="toc"' not in visitor.get("/guide/short/").content.decode()


def test_the_page_ends_with_the_comments_hook(visitor: Client, hotlines: None) -> None:
    response = visitor.get("/guide/overdose/")

    assert "guide/_comments.html" in [t.name for t in response.templates]
    assert response.context["page"].key == "overdose"
    assert response.context["page"].url == "/guide/overdose/"


def test_the_page_links_to_its_related_pages(visitor: Client, hotlines: None) -> None:
    html = visitor.get("/es/guide/overdose/").content.decode()

    related = re.search(r'<nav class="related.*?</nav>', html, re.S).group(0)
    assert '<a href="/es/guide/family-and-friends/">Para familiares y amistades</a>' in related


def test_the_print_stylesheet_is_linked(visitor: Client, hotlines: None) -> None:
    html = visitor.get("/guide/overdose/").content.decode()

    assert 'href="/static/guide/guide.css"' in html


def test_the_sitemap_lists_every_page_in_both_languages(visitor: Client) -> None:
    response = visitor.get("/guide/sitemap.xml")

    assert response.status_code == 200
    locations = set(re.findall(r"<loc>([^<]+)</loc>", response.content.decode()))
    for slug in SHIPPED_SLUGS:
        assert f"http://testserver/guide/{slug}/" in locations
        assert f"http://testserver/es/guide/{slug}/" in locations
    assert "http://testserver/es/guide/which-help-fits-me/" in locations
    assert 'hreflang="es"' in response.content.decode()


def test_tool_links_appear_once_the_tool_is_installed(visitor: Client, hotlines: None) -> None:
    html = visitor.get("/es/guide/what-to-do/").content.decode()

    assert 'href="/es/help-now/"' in html
    assert 'href="/es/treatment/"' in html
    assert 'href="/es/meetings/"' in html
    assert 'href="/es/plan/"' in html


def test_the_family_page_links_to_the_signs_check_for_someone_else(
    visitor: Client, hotlines: None
) -> None:
    html = visitor.get("/guide/family-and-friends/").content.decode()

    assert 'href="/self-check/?for=someone"' in html
    assert 'href="/meetings/?fellowship=AL-ANON"' in html


def test_the_index_offers_the_tools_once_installed(visitor: Client, hotlines: None) -> None:
    html = visitor.get("/es/guide/").content.decode()

    tools = re.search(r'<nav class="guide-tools".*?</nav>', html, re.S).group(0)
    for url in ["/es/self-check/", "/es/treatment/", "/es/meetings/", "/es/plan/"]:
        assert f'href="{url}"' in tools


def test_the_index_follows_pages_edited_added_and_removed_while_the_site_runs(
    visitor: Client, hotlines: None, content_dir: Path
) -> None:
    page = write_page(content_dir, "en", "first", title="First title")
    assert "First title" in visitor.get("/guide/").content.decode()

    write_page(content_dir, "en", "first", title="Better title")
    # A file system with coarse timestamps could keep the old time: make the edit visible.
    stat = page.stat()
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    added = write_page(content_dir, "en", "second", title="Second page")

    html = visitor.get("/guide/").content.decode()
    assert "Better title" in html
    assert "Second page" in html

    added.unlink()
    assert "Second page" not in visitor.get("/guide/").content.decode()
