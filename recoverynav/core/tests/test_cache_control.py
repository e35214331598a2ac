"""A response that carries a visitor's own token is never kept by a shared cache; pages
without one stay cacheable."""

import re

import pytest
from django.test import Client

from recoverynav.directory.tests.factories import make_facility
from recoverynav.guide.selectors import list_pages

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r'name="token" value="([^"]+)"')


def a_guide_page() -> str:
    return list_pages("en")[0].url


def test_a_guide_page_with_the_comment_form_is_private_and_not_stored() -> None:
    response = Client().get(a_guide_page())

    assert response.status_code == 200
    assert TOKEN.search(response.content.decode())
    assert response["Cache-Control"] == "private, no-store"


def test_two_visitors_of_the_same_guide_page_never_get_the_same_token() -> None:
    """The server's page cache is shared: it keeps the page without the token and fills a
    fresh one into each copy, the second served from the cache."""
    url = a_guide_page()

    first = TOKEN.search(Client().get(url).content.decode()).group(1)
    second_response = Client().get(url)
    second = TOKEN.search(second_response.content.decode()).group(1)

    assert first != second
    assert second_response["Cache-Control"] == "private, no-store"


def test_a_form_with_a_csrf_token_is_private_and_not_stored() -> None:
    facility = make_facility()

    response = Client().get(f"/treatment/{facility.pk}/report/")

    assert response.status_code == 200
    assert "csrfmiddlewaretoken" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("path", ["/guide/", "/help-now/", "/privacy/"])
def test_a_page_the_same_for_everyone_is_not_made_private(hotlines: None, path: str) -> None:
    response = Client().get(path)

    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
