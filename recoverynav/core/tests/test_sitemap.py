"""Search engines can find every entry point and guide page in both languages."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_sitemap_lists_entry_points_and_guide_pages_in_both_languages(visitor: Client) -> None:
    xml = visitor.get("/sitemap.xml").content.decode()

    for path in [
        "/help-now/",
        "/es/help-now/",
        "/treatment/",
        "/guide/overdose/",
        "/es/guide/overdose/",
    ]:
        assert f"<loc>http://testserver{path}</loc>" in xml


def test_robots_txt_points_to_the_sitemap(visitor: Client) -> None:
    response = visitor.get("/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
