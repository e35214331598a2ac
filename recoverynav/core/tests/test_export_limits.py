"""Whole-directory exports have their own budgets (RATE_LIMITS): a client that asks too often
gets a 429 with Retry-After and the site stays quick for everyone else (issue 19: two clients
pulling /meetings/feed.json slowed /help-now/ from 0.01 s to 1.3 s). A conditional request
answered 304 costs almost nothing and is not counted."""

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory

from recoverynav.core.ratelimit import limit_view
from recoverynav.directory.tests.factories import make_facility
from recoverynav.meetings.tests.conftest import import_records, meeting_record

pytestmark = pytest.mark.django_db


def statuses(client: Client, url: str, times: int, **headers) -> list[int]:
    return [client.get(url, **headers).status_code for _ in range(times)]


@pytest.mark.parametrize("url", ["/meetings/feed.json", "/meetings.json"])
def test_the_meeting_feed_answers_429_past_its_budget(
    visitor: Client, rate_limits, url: str
) -> None:
    rate_limits(meetings_feed="2/600")
    import_records([meeting_record()])

    assert statuses(visitor, url, 2) == [200, 200]
    refused = visitor.get(url)

    assert refused.status_code == 429
    assert 590 <= int(refused["Retry-After"]) <= 600
    assert refused.json()["code"] == "rate_limited"
    assert visitor.get(url, REMOTE_ADDR="203.0.113.9").status_code == 200  # another network


def test_both_feed_addresses_share_one_budget(visitor: Client, rate_limits) -> None:
    rate_limits(meetings_feed="2/600")

    assert statuses(visitor, "/meetings/feed.json", 2) == [200, 200]
    assert visitor.get("/meetings.json").status_code == 429


def test_the_treatment_export_answers_429_past_its_budget(visitor: Client, rate_limits) -> None:
    rate_limits(hsds_export="2/600")
    make_facility()

    assert statuses(visitor, "/treatment/hsds.json", 3) == [200, 200, 429]


def test_the_api_export_answers_429_but_not_for_a_304(visitor: Client, rate_limits) -> None:
    rate_limits(hsds_export="2/600", api="100/60")
    make_facility()
    url = "/api/v1/hsds/services"
    first = visitor.get(url)
    etag = first["ETag"]

    revalidated = statuses(visitor, url, 5, HTTP_IF_NONE_MATCH=etag)
    second = visitor.get(url)
    refused = visitor.get(url)

    assert (first.status_code, revalidated, second.status_code) == (200, [304] * 5, 200)
    assert refused.status_code == 429
    assert refused.json()["code"] == "rate_limited"
    assert int(refused["Retry-After"]) > 0


def test_a_304_does_not_use_the_apis_own_budget(visitor: Client, rate_limits, hotlines) -> None:
    rate_limits(api="2/60")
    etag = visitor.get("/api/v1/hotlines/")["ETag"]

    assert statuses(visitor, "/api/v1/hotlines/", 5, HTTP_IF_NONE_MATCH=etag) == [304] * 5
    assert statuses(visitor, "/api/v1/hotlines/", 2) == [200, 429]


def test_the_decorator_answers_304_from_the_views_validators_and_does_not_count_it(
    rate_limits,
) -> None:
    rate_limits(meetings_feed="1/600")

    @limit_view("meetings_feed")
    def export(request: HttpRequest) -> HttpResponse:
        response = HttpResponse(b"[]", content_type="application/json")
        response["ETag"] = '"v1"'
        return response

    def get(**headers) -> int:
        return export(RequestFactory().get("/export.json", **headers)).status_code

    assert [get(HTTP_IF_NONE_MATCH='"v1"') for _ in range(3)] == [304, 304, 304]
    assert [get(), get(), get(HTTP_IF_NONE_MATCH='"v1"')] == [200, 429, 429]
