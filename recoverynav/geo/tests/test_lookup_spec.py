"""Place lookup at its edges: ZIP forms, coordinates at the ends of the Earth, towns and
counties with namesakes, Spanish spellings, and the clear answers it must not give."""

import pytest
from django.http import QueryDict

from recoverynav.geo.selectors import (
    MAX_QUERY_LENGTH,
    choice_links,
    coordinates_text,
    lookup_place,
    nearest_town,
    place_for_city,
)
from recoverynav.geo.services import load_gazetteer

pytestmark = pytest.mark.usefixtures("gazetteer")


def labels(typed: str) -> list[str]:
    return [place.label for place in lookup_place(typed).places]


def test_a_nine_digit_zip_code_without_its_hyphen_finds_its_five_digit_area() -> None:
    place = lookup_place("229031234").place

    assert (place.kind, place.postal_code) == ("zip", "22903")


def test_a_four_digit_number_is_not_taken_for_a_zip_code() -> None:
    lookup = lookup_place("2290")

    assert lookup.places == []
    assert "“2290”" in lookup.error


@pytest.mark.parametrize("typed", ["90,180", "-90,-180", "0,0", "38.03;-78.48"])
def test_coordinates_up_to_the_poles_and_the_date_line_are_places(typed: str) -> None:
    lookup = lookup_place(typed)

    assert lookup.error == ""
    assert lookup.place.kind == "coordinates"


@pytest.mark.parametrize("typed", ["90.0001,0", "0,180.5", "-91,-78", "45,-181"])
def test_coordinates_off_the_earth_are_refused_with_an_example(typed: str) -> None:
    lookup = lookup_place(typed)

    assert lookup.place is None
    assert "38.03, -78.48" in lookup.error


def test_coordinates_at_sea_have_no_time_zone_rather_than_a_wrong_one() -> None:
    assert lookup_place("30,-40").place.timezone == ""


def test_coordinates_text_reads_back_as_the_same_point() -> None:
    place = lookup_place(coordinates_text(0.00001, -78.5)).place

    assert (place.latitude, place.longitude) == (pytest.approx(0.00001), -78.5)


def test_a_very_long_text_is_cut_to_the_longest_query_it_reads() -> None:
    assert len(lookup_place("Austin " * 100).query) == MAX_QUERY_LENGTH


def test_a_town_and_state_name_picks_that_states_town_among_namesakes() -> None:
    assert labels("Richmond") == ["Richmond, VA", "Richmond, CA", "Richmond, TX", "Richmond, MO"]
    assert labels("Richmond, Texas") == ["Richmond, TX"]
    assert lookup_place("springfield pa").place.label == "Springfield, PA"


def test_namesakes_are_offered_biggest_first() -> None:
    lookup = lookup_place("Fairfax")

    assert lookup.is_ambiguous
    assert labels("Fairfax")[0] == "Fairfax, VA"


def test_a_town_in_the_wrong_state_is_not_found_rather_than_moved() -> None:
    lookup = lookup_place("Charlottesville, TX")

    assert lookup.places == []
    assert "“Charlottesville, TX”" in lookup.error


def test_a_county_in_the_wrong_state_is_not_found() -> None:
    assert lookup_place("Travis County, CA").places == []


def test_a_county_name_without_the_word_county_is_found_when_no_town_has_it() -> None:
    assert lookup_place("Travis").place.label == "Travis County, TX"


def test_the_word_county_says_the_county_even_where_a_town_has_the_name() -> None:
    assert lookup_place("Baltimore").place.kind == "place"
    assert lookup_place("Baltimore County").place.label == "Baltimore County, MD"


def test_a_common_county_name_offers_every_state_s_county_in_order() -> None:
    lookup = lookup_place("Jefferson County")

    assert lookup.is_ambiguous
    states = [place.state for place in lookup.places]
    assert states == sorted(states)
    assert {"MO", "PA", "TX"} <= set(states)


def test_the_word_county_alone_is_no_place() -> None:
    assert "“County”" in lookup_place("County").error


@pytest.mark.parametrize(
    ("typed", "label"),
    [("Los Ángeles", "Los Angeles, CA"), ("San José, CA", "San Jose, CA")],
)
def test_names_typed_with_spanish_accents_are_found(typed: str, label: str) -> None:
    assert lookup_place(typed).place.label == label


def test_a_not_found_message_is_in_spanish_when_the_language_is_spanish() -> None:
    from django.utils import translation

    with translation.override("es"):
        error = lookup_place("Atlantis").error

    assert "«Atlantis»" in error
    assert "código postal" in error


def test_a_clear_match_can_be_looked_up_again_by_its_coordinates_text() -> None:
    place = lookup_place("Travis County, TX").place

    again = lookup_place(coordinates_text(place.latitude, place.longitude)).place

    assert again.timezone == "America/Chicago"


def test_choice_links_for_a_clear_match_offer_only_the_alternatives() -> None:
    lookup = lookup_place("Houston")

    links = choice_links(lookup=lookup, params=QueryDict("place=Houston"), param="place")

    assert "Houston, TX" not in {link["label"] for link in links}
    assert {"Houston, MO", "Houston, PA"} <= {link["label"] for link in links}


def test_choice_links_use_the_parameter_they_are_given() -> None:
    lookup = lookup_place("Kansas City")

    links = choice_links(lookup=lookup, params=QueryDict("near=Kansas+City"), param="near")

    assert all(link["url"].startswith("?near=Kansas+City%2C+") for link in links)


def test_an_address_city_with_a_full_state_name_is_placed() -> None:
    assert place_for_city(city="Charlottesville", state="virginia").label == "Charlottesville, VA"


def test_an_address_city_without_a_state_goes_to_the_biggest_namesake() -> None:
    assert place_for_city(city="Austin", state="").label == "Austin, TX"


def test_an_unknown_address_city_is_not_placed_anywhere() -> None:
    assert place_for_city(city="Nowhere", state="VA") is None


def test_a_point_is_named_by_its_nearest_town_and_the_open_sea_by_nothing() -> None:
    assert nearest_town(38.03, -78.48) == "Charlottesville, VA"
    assert nearest_town(30, -40) == ""


def test_a_point_beyond_the_radius_of_any_zip_code_has_no_town_name() -> None:
    assert nearest_town(38.03, -78.48, radius_miles=0.01) == ""


@pytest.mark.parametrize(
    ("typed", "state"), [("Texas", "TX"), ("virginia", "VA"), ("KANSAS", "KS")]
)
def test_a_state_name_alone_never_places_someone_in_another_state(typed: str, state: str) -> None:
    lookup = lookup_place(typed)

    assert lookup.place is None
    assert f"“{typed}” is a whole state" in lookup.error
    assert lookup.places
    assert {place.state for place in lookup.places} == {state}


def test_a_state_name_alone_is_not_a_namesake_town_in_another_state() -> None:
    load_gazetteer(states={"VA", "MN", "IL"})  # Virginia, MN would be the clear town

    assert {place.state for place in lookup_place("Virginia").places} == {"VA"}
    assert lookup_place("Virginia, MN").place.label == "Virginia, MN"


def test_a_state_name_alone_offers_its_biggest_towns_first() -> None:
    assert labels("Texas")[:3] == ["Houston, TX", "San Antonio, TX", "Dallas, TX"]


def test_a_state_name_alone_also_offers_a_big_city_of_that_name() -> None:
    lookup = lookup_place("Washington")

    assert lookup.place is None
    assert labels("Washington") == ["Washington, DC"]
    assert "whole state" in lookup.error


def test_a_state_without_towns_we_know_asks_for_a_town_or_zip_code() -> None:
    lookup = lookup_place("Montana")

    assert lookup.places == []
    assert lookup.error == "“Montana” is a whole state. Type a town or ZIP code in it."


def test_a_whole_state_message_is_in_spanish_when_the_language_is_spanish() -> None:
    from django.utils import translation

    with translation.override("es"):
        error = lookup_place("Texas").error

    assert "«Texas»" in error
    assert "estado" in error


def test_a_town_or_county_named_with_its_state_is_still_found() -> None:
    assert lookup_place("Texas County").place.label == "Texas County, MO"
    assert lookup_place("New York, NY").place.state == "NY"
    assert lookup_place("Kansas City, KS").place.label == "Kansas City, KS"


def test_every_choice_offered_has_its_own_label() -> None:
    offered = labels("Fredericksburg")

    assert len(offered) == len(set(offered))
    assert {"Fredericksburg, PA (Lebanon County)", "Fredericksburg, PA (Crawford County)"} <= set(
        offered
    )
    assert "Fredericksburg, VA" in offered


def test_a_namesake_s_choice_looks_up_that_town_and_no_other() -> None:
    lebanon = lookup_place("Fredericksburg, PA (Lebanon County)").place
    crawford = lookup_place("Fredericksburg, PA (Crawford County)").place

    assert lebanon.label == "Fredericksburg, PA (Lebanon County)"
    assert lebanon.query == lebanon.label
    assert (lebanon.latitude, crawford.latitude) == (
        pytest.approx(40.4437),
        pytest.approx(41.64589),
    )


def test_two_records_of_one_town_in_one_county_are_offered_once() -> None:
    from recoverynav.geo.models import GazetteerPlace

    town = GazetteerPlace.objects.get(name="Fredericksburg", state="PA", population=1357)
    GazetteerPlace.objects.create(
        geonameid=1, name=town.name, name_key=town.name_key, state="PA",
        latitude=town.latitude + 0.001, longitude=town.longitude, population=12,
    )  # fmt: skip

    offered = labels("Fredericksburg, PA")

    assert offered.count("Fredericksburg, PA (Lebanon County)") == 1
    assert len(offered) == 2


def test_a_county_that_no_namesake_is_in_is_not_found_rather_than_guessed() -> None:
    lookup = lookup_place("Fredericksburg, PA (Nowhere County)")

    assert lookup.places == []
    assert "“Fredericksburg, PA (Nowhere County)”" in lookup.error


def test_a_state_in_brackets_is_still_read_as_the_state() -> None:
    assert lookup_place("Richmond (VA)").place.label == "Richmond, VA"


def test_a_namesake_s_choice_link_finds_that_town() -> None:
    links = choice_links(lookup=lookup_place("Fredericksburg"), params=QueryDict(""))
    crawford = next(link for link in links if "Crawford" in link["label"])

    typed = QueryDict(crawford["url"][1:])["place"]

    assert lookup_place(typed).place.label == "Fredericksburg, PA (Crawford County)"


@pytest.mark.parametrize(
    ("typed", "label"),
    [
        ("Aleutians East Borough, AK", "Aleutians East Borough, AK"),
        ("Bristol Bay Borough", "Bristol Bay Borough, AK"),
        ("Bethel Census Area", "Bethel Census Area, AK"),
        ("Anchorage Municipality", "Anchorage Municipality, AK"),
        ("Municipality of Anchorage", "Anchorage Municipality, AK"),
        ("Juneau City and Borough", "Juneau City and Borough, AK"),
        ("City and Borough of Juneau", "Juneau City and Borough, AK"),
    ],
)
def test_an_alaska_borough_is_found_by_its_full_name(typed: str, label: str) -> None:
    load_gazetteer(states={"AK"})

    assert lookup_place(typed).place.label == label


def test_a_place_s_query_looks_up_its_zip_code_coordinates_or_label() -> None:
    assert lookup_place("22903").place.query == "22903"
    assert lookup_place("38.03,-78.48").place.query == "38.03000,-78.48000"
    assert lookup_place("Austin, TX").place.query == "Austin, TX"


def test_coordinates_text_never_writes_a_number_in_exponent_form() -> None:
    assert coordinates_text(0.00001, -0.00001) == "0.000010,-0.000010"


def test_a_radius_search_can_run_over_any_table_with_coordinates() -> None:
    from recoverynav.geo.models import GazetteerPlace
    from recoverynav.geo.selectors import nearby_ids

    centre = lookup_place("22903").place

    found = nearby_ids(
        GazetteerPlace.objects.filter(state="VA"),
        latitude=centre.latitude,
        longitude=centre.longitude,
        radius_miles=5,
    )

    names = set(
        GazetteerPlace.objects.filter(pk__in=[pk for pk, _ in found]).values_list("name", flat=True)
    )
    assert "Charlottesville" in names
    assert "Richmond" not in names
