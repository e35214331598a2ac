"""Place lookup: what people type, and what they get back."""

import pytest

from recoverynav.geo.selectors import (
    lookup_place,
    place_for_city,
    place_for_postal_code,
    timezone_for_postal_code,
)

pytestmark = pytest.mark.usefixtures("gazetteer")

CLEAR_MATCHES = [
    # (typed, expected label, kind)
    ("22903", "22903 · Charlottesville, VA", "zip"),
    (" 78701-1234 ", "78701 · Austin, TX", "zip"),
    ("Austin, TX", "Austin, TX", "place"),
    ("Austin Texas", "Austin, TX", "place"),
    ("austin", "Austin, TX", "place"),
    ("AUSTIN TX", "Austin, TX", "place"),
    ("Charlottesville, Virginia", "Charlottesville, VA", "place"),
    ("charlottesville va.", "Charlottesville, VA", "place"),
    ("Travis County", "Travis County, TX", "county"),
    ("travis county, tx", "Travis County, TX", "county"),
    ("Albemarle County VA", "Albemarle County, VA", "county"),
    ("Ft Worth", "Fort Worth, TX", "place"),
    ("St. Louis, MO", "St. Louis, MO", "place"),
    ("saint louis missouri", "St. Louis, MO", "place"),
    ("Kansas City, Kansas", "Kansas City, KS", "place"),
    ("Washington, DC", "Washington, DC", "place"),
    ("38.03,-78.48", "38.0300, -78.4800", "coordinates"),
    ("38.03 -78.48", "38.0300, -78.4800", "coordinates"),
]


@pytest.mark.parametrize(("typed", "label", "kind"), CLEAR_MATCHES)
def test_it_finds_the_place_people_mean(typed: str, label: str, kind: str) -> None:
    lookup = lookup_place(typed)

    assert lookup.error == ""
    assert lookup.place is not None, [p.label for p in lookup.places]
    assert (lookup.place.label, lookup.place.kind) == (label, kind)


def test_a_zip_code_carries_its_time_zone_and_coordinates() -> None:
    place = lookup_place("22903").place

    assert place.timezone == "America/New_York"
    assert place.latitude == pytest.approx(38.03, abs=0.1)
    assert place.longitude == pytest.approx(-78.5, abs=0.1)


def test_coordinates_get_the_time_zone_of_the_nearest_zip_code() -> None:
    assert lookup_place("30.27,-97.74").place.timezone == "America/Chicago"


def test_an_ambiguous_name_offers_choices() -> None:
    lookup = lookup_place("Arlington")

    assert lookup.place is None
    assert lookup.is_ambiguous
    assert {"Arlington, TX", "Arlington, VA"} <= {p.label for p in lookup.places}


def test_a_big_city_is_the_clear_answer_but_smaller_namesakes_stay_on_offer() -> None:
    lookup = lookup_place("Houston")

    assert lookup.place.label == "Houston, TX"
    assert {"Houston, MO", "Houston, PA"} <= {p.label for p in lookup.alternatives}


def test_two_big_namesakes_are_offered_as_choices() -> None:
    lookup = lookup_place("Kansas City")

    assert lookup.place is None
    assert {p.label for p in lookup.places} == {"Kansas City, MO", "Kansas City, KS"}


def test_a_partial_name_offers_suggestions() -> None:
    lookup = lookup_place("Charlottesv")

    assert lookup.place is None
    assert [p.label for p in lookup.places] == ["Charlottesville, VA"]


def test_a_town_too_small_for_the_places_list_is_found_by_its_zip_codes() -> None:
    place = lookup_place("Earlysville, VA").place

    assert place is not None
    assert place.label == "Earlysville, VA"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Type a ZIP code"),
        ("   ", "Type a ZIP code"),
        ("00000", "We could not find the ZIP code 00000"),
        ("Atlantis", "We could not find “Atlantis”"),
        ("!!!", "We could not find"),
        ("91.5, 20", "not on Earth"),
        ("x" * 1000, "We could not find"),
    ],
)
def test_it_says_kindly_what_to_type_when_it_cannot_find_a_place(typed: str, message: str) -> None:
    lookup = lookup_place(typed)

    assert lookup.places == []
    assert lookup.place is None
    assert message in lookup.error


def test_it_looks_up_a_zip_code_directly() -> None:
    assert place_for_postal_code("19107").label == "19107 · Philadelphia, PA"
    assert place_for_postal_code("99999") is None


def test_it_places_an_address_by_city_and_state() -> None:
    assert place_for_city(city="San Jose", state="CA").label == "San Jose, CA"
    assert place_for_city(city="Lubbock", state="Texas").label == "Lubbock, TX"
    assert place_for_city(city="", state="TX") is None


def test_it_gives_a_zip_codes_time_zone() -> None:
    assert timezone_for_postal_code("94103") == "America/Los_Angeles"
    assert timezone_for_postal_code("00000") is None


@pytest.mark.parametrize("typed", ["22903", "Austin, TX", "Travis County, TX", "38.03,-78.48"])
def test_each_place_can_be_looked_up_again_by_its_query(typed: str) -> None:
    place = lookup_place(typed).place

    assert lookup_place(place.query).place == place


def test_choice_links_keep_the_other_filters_and_drop_the_page() -> None:
    from django.http import QueryDict

    from recoverynav.geo.selectors import choice_links

    lookup = lookup_place("Kansas City")
    links = choice_links(lookup=lookup, params=QueryDict("place=Kansas+City&radius=10&page=3"))

    assert {link["label"] for link in links} == {"Kansas City, MO", "Kansas City, KS"}
    assert all("radius=10" in link["url"] and "page=" not in link["url"] for link in links)
