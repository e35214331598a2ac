"""GET /api/v1/places/ at its edges: what a client reads back for each kind of place and
for each kind of bad request."""

import pytest
from django.test import Client

pytestmark = pytest.mark.usefixtures("gazetteer")


def places(visitor: Client, **params) -> dict:
    response = visitor.get("/api/v1/places/", params)
    assert response.status_code == 200, response.content
    return response.json()


def test_a_county_comes_back_with_its_kind_and_the_query_that_finds_it_again(
    visitor: Client,
) -> None:
    place = places(visitor, q="Travis County")["place"]

    assert (place["kind"], place["label"], place["state"]) == ("county", "Travis County, TX", "TX")
    assert places(visitor, q=place["query"])["place"] == place


def test_a_clear_town_lists_its_smaller_namesakes_after_it(visitor: Client) -> None:
    body = places(visitor, q="Houston")

    assert body["clear"] is True
    assert body["places"][0] == body["place"]
    assert len(body["places"]) > 1


def test_the_largest_limit_is_accepted(visitor: Client) -> None:
    assert len(places(visitor, q="Jefferson County", limit=20)["places"]) >= 5


def test_coordinates_off_the_earth_are_a_message_not_an_error(visitor: Client) -> None:
    body = places(visitor, q="91,0")

    assert (body["place"], body["places"]) == (None, [])
    assert "-90 to 90" in body["message"]


def test_a_bad_parameter_names_itself_in_the_error(visitor: Client) -> None:
    response = visitor.get("/api/v1/places/", {"q": "Austin", "limit": 21})

    body = response.json()
    assert set(body) == {"code", "message", "errors"}
    assert any("limit" in error["loc"] for error in body["errors"])


def test_a_missing_query_names_q_in_the_error(visitor: Client) -> None:
    body = visitor.get("/api/v1/places/").json()

    assert any("q" in error["loc"] for error in body["errors"])


def test_an_unknown_zip_code_is_explained_in_spanish_when_asked(visitor: Client) -> None:
    body = places(visitor, q="00000", lang="es")

    assert body["places"] == []
    assert "00000" in body["message"]
    assert "código postal" in body["message"].lower()
