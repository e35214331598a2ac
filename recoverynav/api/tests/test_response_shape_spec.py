"""What a client can rely on in every API answer: the error shape for each status, the
language it is written in, and the headers that say how it may be cached and shared."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("method", "url", "status", "code"),
    [
        ("get", "/api/v1/no-such-thing", 404, "not_found"),
        ("delete", "/api/v1/hotlines/", 405, "method_not_allowed"),
        ("put", "/api/v1/screening/score", 405, "method_not_allowed"),
        ("get", "/api/v1/places/?q=Austin&limit=many", 400, "invalid_parameters"),
    ],
)
def test_every_error_has_a_code_and_a_message_and_nothing_else_but_its_details(
    visitor: Client, method: str, url: str, status: int, code: str
) -> None:
    response = getattr(visitor, method)(url)

    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["code"] == code
    assert body["message"].strip()
    assert set(body) <= {"code", "message", "errors"}


def test_the_lang_parameter_wins_over_the_browser_s_languages(visitor: Client) -> None:
    response = visitor.get("/api/v1/no-such-thing?lang=en", HTTP_ACCEPT_LANGUAGE="es")

    assert response["Content-Language"] == "en"
    assert response.json()["message"].startswith("There is nothing at this address")


def test_an_unknown_lang_falls_back_to_the_browser_s_language_for_a_404(visitor: Client) -> None:
    response = visitor.get("/api/v1/no-such-thing?lang=de", HTTP_ACCEPT_LANGUAGE="es")

    assert response["Content-Language"] == "es"
    assert response.json()["code"] == "not_found"


def test_every_answer_varies_by_language_so_caches_keep_each_apart(
    visitor: Client, hotlines: None
) -> None:
    for url in ("/api/v1/", "/api/v1/hotlines/", "/api/v1/no-such-thing"):
        assert "Accept-Language" in visitor.get(url)["Vary"], url


def test_a_posted_self_check_is_never_kept_by_a_cache(visitor: Client) -> None:
    response = visitor.post("/api/v1/screening/score", "{not json", content_type="application/json")

    assert "no-store" in response["Cache-Control"]
    assert "Access-Control-Allow-Origin" not in response


def test_a_read_tells_other_sites_which_headers_they_may_see(visitor: Client) -> None:
    response = visitor.get("/api/v1/")

    assert response["Access-Control-Allow-Origin"] == "*"
    assert {"ETag", "Retry-After"} <= {
        header.strip() for header in response["Access-Control-Expose-Headers"].split(",")
    }


def test_a_head_for_an_unknown_address_is_a_404_without_a_body(visitor: Client) -> None:
    response = visitor.head("/api/v1/no-such-thing")

    assert response.status_code == 404
    assert response.content == b""


def test_a_pages_address_outside_the_api_keeps_its_html_404(visitor: Client) -> None:
    response = visitor.get("/no-such-page/")

    assert response.status_code == 404
    assert not response["Content-Type"].startswith("application/json")


def test_the_root_links_are_absolute_so_a_client_needs_only_that_address(visitor: Client) -> None:
    links = visitor.get("/api/v1/").json()["links"]

    assert links["openapi"] == "http://testserver/api/v1/openapi.json"
    assert all(url.startswith("http://testserver/") for url in links.values())


@pytest.mark.parametrize(
    ("lat", "lon"),
    [("90.5", "0"), ("0", "180.5"), ("inf", "0"), ("0", "-nan")],
)
def test_a_point_off_the_earth_is_refused_by_every_near_search(
    visitor: Client, lat: str, lon: str
) -> None:
    for url in ("/api/v1/facilities/near/", "/api/v1/meetings/near/"):
        response = visitor.get(url, {"lat": lat, "lon": lon})

        assert response.status_code == 400, url
        assert response.json()["code"] == "invalid_parameters"
