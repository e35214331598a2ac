"""Pages that are the same for everyone are rendered once and served again from the cache."""

import pytest
from django.test import Client

from recoverynav.core import views

pytestmark = pytest.mark.django_db


@pytest.fixture
def home_renders(monkeypatch) -> list[int]:
    """Counts how often the home page's context is built, i.e. how often it is rendered."""
    calls: list[int] = []
    real = views.home_paths

    def counting() -> list:
        calls.append(1)
        return real()

    monkeypatch.setattr(views, "home_paths", counting)
    return calls


def test_it_renders_the_home_page_once_and_serves_the_same_bytes_again(
    visitor: Client, home_renders: list[int]
) -> None:
    first = visitor.get("/")
    second = visitor.get("/")

    assert len(home_renders) == 1
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_the_cached_page_still_gets_the_security_headers_and_sets_no_cookie(
    visitor: Client,
) -> None:
    visitor.get("/")
    again = visitor.get("/")

    assert "default-src 'none'" in again["Content-Security-Policy"]
    assert again["X-Content-Type-Options"] == "nosniff"
    assert not again.cookies


def test_each_language_has_its_own_copy(visitor: Client, home_renders: list[int]) -> None:
    english = visitor.get("/").content.decode()
    spanish = visitor.get("/es/").content.decode()

    assert len(home_renders) == 2
    assert '<html lang="en"' in english
    assert '<html lang="es"' in spanish


def test_a_query_string_the_page_does_not_use_is_rendered_without_the_cache(
    visitor: Client, home_renders: list[int]
) -> None:
    for number in range(3):
        assert visitor.get("/", {"utm_source": f"poster-{number}"}).status_code == 200

    assert len(home_renders) == 3


def test_operators_can_turn_the_cache_off(
    visitor: Client, home_renders: list[int], settings
) -> None:
    settings.PAGE_CACHE_ENABLED = False

    visitor.get("/")
    visitor.get("/")

    assert len(home_renders) == 2


def test_a_page_from_another_url_configuration_is_not_reused(
    visitor: Client, home_renders: list[int], settings
) -> None:
    visitor.get("/")
    settings.ROOT_URLCONF = "recoverynav.core.tests.urls_share"
    visitor.get("/")

    assert len(home_renders) == 2


def test_the_finders_keep_each_visitors_choices_though_their_markup_is_cached(
    visitor: Client,
) -> None:
    ticked = 'value="medicaid" id="id_payment_0" checked>'
    assert ticked not in visitor.get("/treatment/").content.decode()
    assert ticked in visitor.get("/treatment/", {"payment": "medicaid"}).content.decode()
    assert ticked not in visitor.get("/treatment/").content.decode()

    # A field left out of a sent form is not the same as the unsent form's default.
    assert 'value="America/New_York" selected' in visitor.get("/meetings/").content.decode()
    chosen = visitor.get("/meetings/", {"tz": "America/Chicago"}).content.decode()
    assert 'value="America/Chicago" selected' in chosen
    assert 'value="America/New_York" selected' not in chosen
