"""The treatment search's chosen filters above its results: one removable chip per choice,
and one link that clears them all but keeps the place and distance."""

from urllib.parse import parse_qs

import pytest
from django.test import Client

pytestmark = pytest.mark.usefixtures("gazetteer")


def query_of(url: str) -> dict:
    return parse_qs(url.split("?", 1)[1]) if "?" in url else {}


def test_each_chosen_filter_is_a_chip_whose_link_removes_only_it(visitor: Client) -> None:
    response = visitor.get(
        "/treatment/", {"place": "22903", "setting": ["detox", "outpatient"], "payment": "medicaid"}
    )

    chips = response.context["chips"]
    assert len(chips) == 3
    for chip in chips:
        left = query_of(chip.remove_url)
        assert left["place"] == ["22903"]
    assert any(query_of(chip.remove_url).get("setting") == ["outpatient"] for chip in chips)
    assert any("payment" not in query_of(chip.remove_url) for chip in chips)


def test_the_clear_link_keeps_the_place_and_distance_and_drops_every_filter(
    visitor: Client,
) -> None:
    response = visitor.get(
        "/treatment/", {"place": "22903", "radius": "50", "setting": "detox", "otp": "on"}
    )

    left = query_of(response.context["clear_url"])
    assert left == {"place": ["22903"], "radius": ["50"]}


def test_a_search_without_filters_has_no_chips_and_the_filters_stay_folded(visitor: Client):
    response = visitor.get("/treatment/", {"place": "22903"})

    assert response.context["chips"] == []
    assert response.context["filters_open"] is False


def test_a_wrong_filter_value_is_explained_instead_of_searching(visitor: Client) -> None:
    response = visitor.get("/treatment/", {"place": "22903", "setting": "spa"})

    assert "Select a valid choice" in response.content.decode()
    assert "places within" not in response.content.decode()
