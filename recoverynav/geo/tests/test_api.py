"""GET /api/v1/places/: the same place lookup as the search pages, as JSON."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_it_finds_a_zip_code_with_its_coordinates_and_time_zone(
    visitor: Client, gazetteer: None
) -> None:
    body = visitor.get("/api/v1/places/", {"q": "78701"}).json()

    assert body["clear"] is True
    place = body["place"]
    assert place["kind"] == "zip"
    assert place["postal_code"] == "78701"
    assert place["state"] == "TX"
    assert place["timezone"] == "America/Chicago"
    assert place["latitude"] == pytest.approx(30.27, abs=0.05)
    assert place["longitude"] == pytest.approx(-97.74, abs=0.05)
    assert body["places"] == [place]


def test_it_offers_candidates_when_a_name_is_ambiguous(visitor: Client, gazetteer: None) -> None:
    body = visitor.get("/api/v1/places/", {"q": "Arlington"}).json()

    assert body["clear"] is False
    assert body["place"] is None
    labels = [place["label"] for place in body["places"]]
    assert len(labels) > 1
    assert all(label.startswith("Arlington, ") for label in labels)


def test_it_limits_the_candidates(visitor: Client, gazetteer: None) -> None:
    body = visitor.get("/api/v1/places/", {"q": "Arlington", "limit": 2}).json()

    assert len(body["places"]) == 2


def test_it_reads_coordinates(visitor: Client, gazetteer: None) -> None:
    place = visitor.get("/api/v1/places/", {"q": "38.03,-78.48"}).json()["place"]

    assert (place["kind"], place["latitude"], place["longitude"]) == ("coordinates", 38.03, -78.48)


def test_it_says_what_to_try_when_nothing_matches(visitor: Client, gazetteer: None) -> None:
    response = visitor.get("/api/v1/places/", {"q": "Nowhereville Xyz"})

    assert response.status_code == 200
    body = response.json()
    assert body["places"] == []
    assert body["place"] is None
    assert "ZIP code" in body["message"]


def test_blank_text_gets_a_hint_not_a_match(visitor: Client, gazetteer: None) -> None:
    body = visitor.get("/api/v1/places/", {"q": "   "}).json()

    assert body["places"] == []
    assert "ZIP code" in body["message"]


def test_it_says_it_in_spanish_when_asked(visitor: Client, gazetteer: None) -> None:
    body = visitor.get("/api/v1/places/", {"q": "Nowhereville Xyz", "lang": "es"}).json()

    assert "código postal" in body["message"]


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": ""},
        {"q": "x" * 201},
        {"q": "Austin", "limit": 0},
        {"q": "Austin", "limit": 21},
        {"q": "Austin", "limit": "many"},
    ],
)
def test_it_answers_400_for_a_missing_or_bad_parameter(
    visitor: Client, gazetteer: None, params: dict
) -> None:
    response = visitor.get("/api/v1/places/", params)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_parameters"


def test_it_refuses_nul_characters(visitor: Client, gazetteer: None) -> None:
    response = visitor.get("/api/v1/places/?q=Aus%00tin")

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_parameters"
