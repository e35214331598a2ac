"""Error pages keep the way to help open."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/no-such-page/", "We can't find that page"),
        ("/es/no-such-page/", "No encontramos esa página"),
    ],
)
def test_a_missing_page_is_a_kind_404_with_the_help_bar(
    visitor: Client, path: str, text: str
) -> None:
    response = visitor.get(path)

    assert response.status_code == 404
    html = response.content.decode()
    assert text in html
    assert 'class="help-bar"' in html


@pytest.mark.urls("recoverynav.core.tests.urls_raising")
@pytest.mark.parametrize(
    ("path", "text", "help_now"),
    [
        ("/broken/", "Something went wrong", 'href="/help-now/"'),
        ("/es/broken/", "Algo salió mal", 'href="/es/help-now/"'),
    ],
)
def test_a_server_error_is_a_kind_500_with_the_emergency_number_and_help_now(
    path: str, text: str, help_now: str
) -> None:
    response = Client(raise_request_exception=False).get(path)

    assert response.status_code == 500
    html = response.content.decode()
    assert text in html
    assert help_now in html
    assert 'href="tel:911"' in html  # the default country's emergency number
    assert 'href="tel:988"' in html  # and its national helplines
    assert 'href="tel:1-800-662-4357"' in html
    assert response["Cache-Control"] == "no-store"


@pytest.mark.urls("recoverynav.core.tests.urls_raising")
def test_the_500_page_needs_neither_the_database_nor_the_template_engine(
    monkeypatch: pytest.MonkeyPatch, django_assert_num_queries
) -> None:
    """The page is built when the site starts; a failure later cannot stop it."""
    from django.template.backends.django import Template

    from recoverynav.core import server_error

    server_error.warm()

    def broken_render(*args, **kwargs):
        raise RuntimeError("the template engine is broken too")

    monkeypatch.setattr(Template, "render", broken_render)
    with django_assert_num_queries(0):
        response = Client(raise_request_exception=False).get("/es/broken/")

    assert response.status_code == 500
    assert 'href="tel:911"' in response.content.decode()


@pytest.mark.urls("recoverynav.core.tests.urls_raising")
def test_an_api_server_error_is_json_in_the_api_error_shape() -> None:
    response = Client(raise_request_exception=False).get("/api/v1/broken")

    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "server_error"
