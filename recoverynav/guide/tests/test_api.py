"""GET /api/v1/guide/pages: the guide's pages, as the index and the pages show them."""

import re
from pathlib import Path

import pytest
from django.test import Client

from recoverynav.guide.tests.conftest import write_page

pytestmark = pytest.mark.django_db


def test_it_lists_the_pages_in_the_order_of_the_guide_index(
    visitor: Client, hotlines: None
) -> None:
    pages = visitor.get("/api/v1/guide/pages").json()["pages"]
    html = visitor.get("/guide/").content.decode()

    index_order = list(dict.fromkeys(re.findall(r'href="/guide/([a-z0-9-]+)/"', html)))
    slugs = [page["slug"] for page in pages]
    assert len(slugs) >= 12
    assert slugs == [slug for slug in index_order if slug in slugs]


def test_each_page_has_its_title_summary_and_address_in_each_language(
    visitor: Client, hotlines: None
) -> None:
    pages = visitor.get("/api/v1/guide/pages", {"lang": "es"}).json()["pages"]

    family = next(page for page in pages if page["slug"] == "family-and-friends")
    assert family["title"] == "Para familiares y amistades"
    assert family["summary"]
    assert family["language"] == "es"
    assert family["fell_back"] is False
    assert family["url"] == "http://testserver/es/guide/family-and-friends/"
    assert family["urls"] == {
        "en": "http://testserver/guide/family-and-friends/",
        "es": "http://testserver/es/guide/family-and-friends/",
    }
    assert family["api_url"] == "http://testserver/api/v1/guide/pages/family-and-friends"


def test_a_page_missing_in_spanish_is_given_in_english_and_marked(
    visitor: Client, content_dir: Path
) -> None:
    write_page(content_dir, "en", "only-english", title="Only in English")

    page = visitor.get("/api/v1/guide/pages", {"lang": "es"}).json()["pages"][0]

    assert (page["title"], page["language"], page["fell_back"]) == ("Only in English", "en", True)


def test_it_lists_no_pages_when_there_are_none(visitor: Client, content_dir: Path) -> None:
    response = visitor.get("/api/v1/guide/pages")

    assert response.status_code == 200
    assert response.json() == {"pages": []}


def test_one_page_comes_with_its_html_sources_and_related_pages(
    visitor: Client, hotlines: None
) -> None:
    page = visitor.get("/api/v1/guide/pages/overdose").json()
    html = visitor.get("/guide/overdose/").content.decode()

    assert page["title"] in html
    assert page["html"].split("\n")[0] in html
    assert page["sources"]
    assert all(source["url"].startswith("https://") for source in page["sources"])
    anchors = re.findall(r'<h2 id="([^"]+)"', page["html"])
    assert [heading["anchor"] for heading in page["headings"]] == anchors
    for related in page["related"]:
        assert f'href="/guide/{related["slug"]}/"' in html


def test_an_unknown_page_is_a_404(visitor: Client, hotlines: None) -> None:
    response = visitor.get("/api/v1/guide/pages/no-such-page")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/guide/pages/Not_A_Slug",
        "/api/v1/guide/pages/-dash",
        "/api/v1/guide/pages?lang=de",
        "/api/v1/guide/pages/overdose?lang=xx",
    ],
)
def test_a_bad_parameter_is_a_400(visitor: Client, url: str) -> None:
    response = visitor.get(url)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_parameters"
