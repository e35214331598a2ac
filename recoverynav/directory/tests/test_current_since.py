"""DIRECTORY_CURRENT_SINCE where people and programs see listings: a listing whose newest
information is older than the setting is left out of the search, the API's search and the
HSDS export, and comes back when the setting is empty."""

import datetime as dt
import json
from collections.abc import Callable
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from recoverynav.directory.selectors import search_facilities
from recoverynav.directory.tests.factories import CHARLOTTESVILLE, make_facility, miles_north

pytestmark = pytest.mark.django_db
SINCE = dt.date(2023, 1, 1)


def searched(client: Client) -> set[str]:
    found = search_facilities(latitude=CHARLOTTESVILLE[0], longitude=CHARLOTTESVILLE[1])
    return {listing.name for listing in found.facilities}


def api_searched(client: Client) -> set[str]:
    body = client.get("/api/v1/facilities/", {"place": "22902"}).json()
    return {facility["name"] for facility in body["results"]}


def hsds_api_services(client: Client) -> set[str]:
    return {s["name"] for s in client.get("/api/v1/hsds/services").json()["contents"]}


def hsds_json_page(client: Client) -> set[str]:
    return {s["name"] for s in client.get("/treatment/hsds.json").json()["contents"]}


def hsds_command(client: Client) -> set[str]:
    out = StringIO()
    call_command("export_hsds", "-", stdout=out)
    return {service["name"] for service in json.loads(out.getvalue())}


WHERE: list[Callable[[Client], set[str]]] = [
    searched,
    api_searched,
    hsds_api_services,
    hsds_json_page,
    hsds_command,
]


@pytest.fixture
def a_current_and_an_old_listing(gazetteer: None) -> None:
    make_facility(name="Current Place", last_verified=dt.date(2026, 5, 25))
    make_facility(
        name="Only In The 2021 List",
        latitude=miles_north(1)[0],
        last_verified=dt.date(2021, 7, 1),
    )


@pytest.mark.parametrize("listed", WHERE, ids=lambda where: where.__name__)
def test_a_listing_no_current_source_confirms_is_left_out(
    listed: Callable[[Client], set[str]],
    visitor: Client,
    settings,
    a_current_and_an_old_listing: None,
) -> None:
    settings.DIRECTORY_CURRENT_SINCE = SINCE

    assert listed(visitor) == {"Current Place"}


@pytest.mark.parametrize("listed", WHERE, ids=lambda where: where.__name__)
def test_it_comes_back_when_the_setting_is_empty(
    listed: Callable[[Client], set[str]],
    visitor: Client,
    settings,
    a_current_and_an_old_listing: None,
) -> None:
    settings.DIRECTORY_CURRENT_SINCE = None

    assert listed(visitor) == {"Current Place", "Only In The 2021 List"}


def test_its_hsds_service_is_not_found_until_the_setting_is_empty(
    visitor: Client, settings, a_current_and_an_old_listing: None
) -> None:
    settings.DIRECTORY_CURRENT_SINCE = None
    old = next(
        s
        for s in visitor.get("/api/v1/hsds/services").json()["contents"]
        if s["name"] == "Only In The 2021 List"
    )

    settings.DIRECTORY_CURRENT_SINCE = SINCE
    assert visitor.get(f"/api/v1/hsds/services/{old['id']}").status_code == 404

    settings.DIRECTORY_CURRENT_SINCE = None
    assert visitor.get(f"/api/v1/hsds/services/{old['id']}").status_code == 200
