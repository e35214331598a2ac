"""Rate limits, CORS and conditional requests, shared by every API operation."""

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.http import HttpRequest, JsonResponse
from django.test import Client, RequestFactory
from django.utils.http import http_date

from recoverynav.api.conditional import DataVersion, data_versioned
from recoverynav.api.middleware import api_middleware
from recoverynav.core.models import RateCounter
from recoverynav.core.ratelimit import request_key
from recoverynav.hotlines.models import Hotline

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


@pytest.fixture
def limit_of_two(rate_limits) -> None:
    rate_limits(api="2/60")


def test_it_answers_429_with_retry_after_past_the_rate_limit(
    visitor: Client, limit_of_two: None
) -> None:
    statuses = [visitor.get("/api/v1/").status_code for _ in range(3)]
    response = visitor.get("/api/v1/")

    assert statuses == [200, 200, 429]
    assert response.status_code == 429
    assert response.json()["code"] == "rate_limited"
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response["Access-Control-Allow-Origin"] == "*"


def test_the_rate_limit_message_is_in_the_asked_language(
    visitor: Client, limit_of_two: None
) -> None:
    for _ in range(2):
        visitor.get("/api/v1/")

    response = visitor.get("/api/v1/", HTTP_ACCEPT_LANGUAGE="es")

    assert response.json()["code"] == "rate_limited"
    assert response.json()["message"].startswith("Demasiadas peticiones.")


def test_clients_on_one_small_network_share_a_limit_and_others_do_not(
    visitor: Client, limit_of_two: None
) -> None:
    for address in ("203.0.113.5", "203.0.113.77"):
        visitor.get("/api/v1/", REMOTE_ADDR=address)

    assert visitor.get("/api/v1/", REMOTE_ADDR="203.0.113.200").status_code == 429
    assert visitor.get("/api/v1/", REMOTE_ADDR="198.51.100.5").status_code == 200


def test_behind_trusted_proxies_it_reads_the_address_they_saw(
    visitor: Client, limit_of_two: None, settings
) -> None:
    settings.TRUSTED_PROXY_HOPS = 1
    for forged in ("1.1.1.1", "2.2.2.2"):
        visitor.get("/api/v1/", HTTP_X_FORWARDED_FOR=f"{forged}, 203.0.113.5")

    blocked = visitor.get("/api/v1/", HTTP_X_FORWARDED_FOR="3.3.3.3, 203.0.113.9")
    other = visitor.get("/api/v1/", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.5")

    assert blocked.status_code == 429
    assert other.status_code == 200


def test_the_limit_can_be_turned_off(visitor: Client, rate_limits) -> None:
    rate_limits(api="off")

    assert {visitor.get("/api/v1/").status_code for _ in range(5)} == {200}


def test_pages_are_not_rate_limited_by_the_api(
    visitor: Client, hotlines: None, limit_of_two: None
) -> None:
    assert {visitor.get("/help-now/").status_code for _ in range(4)} == {200}


def test_it_never_keeps_the_raw_address(visitor: Client, limit_of_two: None) -> None:
    visitor.get("/api/v1/", REMOTE_ADDR="203.0.113.77")

    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.77")
    key = request_key(request, "api")
    assert "203.0.113" not in key
    stored = " ".join(RateCounter.objects.values_list("key", flat=True))
    assert key in stored
    assert "203.0.113" not in stored


def test_reads_are_open_to_other_sites(visitor: Client, hotlines: None) -> None:
    response = visitor.get("/api/v1/hotlines/", HTTP_ORIGIN="https://example.org")

    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]


def test_a_preflight_for_a_read_is_allowed(visitor: Client) -> None:
    response = visitor.options(
        "/api/v1/hotlines/",
        HTTP_ORIGIN="https://example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )

    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "If-None-Match" in response["Access-Control-Allow-Headers"]
    assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_a_preflight_for_a_write_is_not_allowed(visitor: Client) -> None:
    response = visitor.options(
        "/api/v1/hotlines/",
        HTTP_ORIGIN="https://example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )

    assert "Access-Control-Allow-Origin" not in response


def test_a_preflight_for_an_unknown_address_is_a_404(visitor: Client) -> None:
    response = visitor.options("/api/v1/nothing", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")

    assert response.status_code == 404
    assert "Access-Control-Allow-Origin" not in response


def test_pages_get_no_cors_headers(visitor: Client, hotlines: None) -> None:
    assert "Access-Control-Allow-Origin" not in visitor.get("/help-now/")


def test_it_answers_304_when_the_client_has_the_current_version(
    visitor: Client, hotlines: None
) -> None:
    first = visitor.get("/api/v1/hotlines/US")
    again = visitor.get("/api/v1/hotlines/US", HTTP_IF_NONE_MATCH=first["ETag"])

    assert first.status_code == 200
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]


def test_the_etag_changes_when_the_data_changes(visitor: Client, hotlines: None) -> None:
    before = visitor.get("/api/v1/hotlines/US")["ETag"]
    Hotline.objects.filter(country="US").update(hours_en="Mondays")
    after = visitor.get("/api/v1/hotlines/US", HTTP_IF_NONE_MATCH=before)

    assert after.status_code == 200
    assert after["ETag"] != before


def test_the_etag_differs_between_languages(visitor: Client, hotlines: None) -> None:
    english = visitor.get("/api/v1/hotlines/US")
    spanish = visitor.get("/api/v1/hotlines/US", HTTP_ACCEPT_LANGUAGE="es")

    assert english["ETag"] != spanish["ETag"]
    assert "Accept-Language" in english["Vary"]


IMPORTED_AT = dt.datetime(2026, 11, 1, 12, 0, tzinfo=dt.UTC)


def versioned_view() -> tuple:
    """A view guarded by a data version, run through the API middleware, counting its calls."""
    calls = []

    @data_versioned(lambda: DataVersion("import-7", IMPORTED_AT))
    def view(request: HttpRequest) -> JsonResponse:
        calls.append(request)
        return JsonResponse({"rows": 1})

    return api_middleware(view), calls


def test_a_versioned_operation_sends_etag_and_last_modified() -> None:
    handler, calls = versioned_view()

    response = handler(RequestFactory().get("/api/v1/example"))

    assert response.status_code == 200
    assert response["Last-Modified"] == http_date(IMPORTED_AT.timestamp())
    assert response["ETag"].startswith('"')
    assert len(calls) == 1


@pytest.mark.parametrize("header", ["HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE"])
def test_a_versioned_operation_answers_304_without_running_its_query(header: str) -> None:
    handler, calls = versioned_view()
    first = handler(RequestFactory().get("/api/v1/example"))
    validator = first["ETag"] if header == "HTTP_IF_NONE_MATCH" else first["Last-Modified"]

    again = handler(RequestFactory().get("/api/v1/example", **{header: validator}))

    assert again.status_code == 304
    assert len(calls) == 1


@pytest.mark.parametrize(
    "url", ["/api/v1/places/?q=a%00b", "/api/v1/hotlines/US?lang=e%00s", "/api/v1/%00"]
)
def test_nul_characters_in_a_request_are_refused(visitor: Client, url: str) -> None:
    response = visitor.get(url)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_parameters"


def test_nul_characters_in_a_posted_body_are_refused(visitor: Client) -> None:
    response = visitor.post(
        "/api/v1/screening/score",
        '{"instrument": "audit\\u0000", "answers": {}}',
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_parameters"


def test_every_get_operation_also_answers_head(
    visitor: Client, hotlines: None, gazetteer: None
) -> None:
    from recoverynav.api.api import api

    paths = api.get_openapi_schema(path_prefix="/api/v1")["paths"]
    for path, operations in paths.items():
        if "get" not in operations:
            continue
        url = re.sub(r"\{[^}]+\}", "1", path)
        got, head = visitor.get(url), visitor.head(url)
        assert head.status_code == got.status_code != 405, path
        assert head.content == b"", path


def test_head_has_the_get_headers_and_no_body(visitor: Client, hotlines: None) -> None:
    got = visitor.get("/api/v1/hotlines/US")
    head = visitor.head("/api/v1/hotlines/US")

    assert head.status_code == 200
    assert head.content == b""
    for header in ("ETag", "Content-Type", "Content-Length", "Vary"):
        assert head[header] == got[header], header
    assert int(head["Content-Length"]) == len(got.content)
    assert head["Access-Control-Allow-Origin"] == "*"


def test_head_revalidates_like_get(visitor: Client, hotlines: None) -> None:
    etag = visitor.get("/api/v1/hotlines/US")["ETag"]

    again = visitor.head("/api/v1/hotlines/US", HTTP_IF_NONE_MATCH=etag)

    assert again.status_code == 304
    assert again["ETag"] == etag


def test_head_on_a_versioned_operation_sends_last_modified_without_running_it() -> None:
    handler, calls = versioned_view()
    first = handler(RequestFactory().head("/api/v1/example"))

    again = handler(
        RequestFactory().head("/api/v1/example", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    )

    assert first.status_code == 200
    assert first.content == b""
    assert first["Content-Length"] == str(len(b'{"rows": 1}'))
    assert first["Last-Modified"] == http_date(IMPORTED_AT.timestamp())
    assert first["ETag"].startswith('"')
    assert again.status_code == 304
    assert len(calls) == 1


def test_head_is_refused_where_get_is_not_offered(visitor: Client) -> None:
    response = visitor.head("/api/v1/screening/score")

    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert response.content == b""


def test_a_preflight_for_head_is_allowed(visitor: Client) -> None:
    response = visitor.options(
        "/api/v1/hotlines/",
        HTTP_ORIGIN="https://example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="HEAD",
    )

    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
