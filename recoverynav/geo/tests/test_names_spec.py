"""How typed place names become one key, whatever the spelling, case or accents."""

import pytest

from recoverynav.geo.names import STATE_BY_NAME, STATES, name_key, split_state, strip_county_word


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("St. Louis", "saint louis"),
        ("saint louis", "saint louis"),
        ("ST LOUIS", "saint louis"),
        ("Ft. Worth", "fort worth"),
        ("Mt Pleasant", "mount pleasant"),
        ("Ste. Genevieve", "sainte genevieve"),
        ("Pt Pleasant", "point pleasant"),
        ("  Winston--Salem  ", "winston salem"),
        ("O'Fallon", "o fallon"),
    ],
)
def test_it_gives_every_spelling_of_a_name_the_same_key(typed: str, key: str) -> None:
    assert name_key(typed) == key


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("San José", "san jose"),
        ("Cañon City", "canon city"),
        ("Española", "espanola"),
        ("MAYAGÜEZ", "mayaguez"),
    ],
)
def test_spanish_accents_and_tildes_are_read_as_their_plain_letters(typed: str, key: str) -> None:
    assert name_key(typed) == key


def test_a_name_made_only_of_symbols_or_other_scripts_has_an_empty_key() -> None:
    assert name_key("!!! ???") == ""
    assert name_key("東京") == ""


def test_an_abbreviation_inside_a_word_is_left_alone() -> None:
    assert name_key("Stamford") == "stamford"
    assert name_key("Mountain View") == "mountain view"


@pytest.mark.parametrize(
    ("key", "split"),
    [
        ("austin tx", ("austin", "TX")),
        ("austin texas", ("austin", "TX")),
        ("charleston west virginia", ("charleston", "WV")),
        ("raleigh north carolina", ("raleigh", "NC")),
        ("washington d c", ("washington", "DC")),
        ("san juan puerto rico", ("san juan", "PR")),
        ("saipan northern mariana islands", ("saipan", "MP")),
    ],
)
def test_it_splits_a_trailing_state_code_or_name_off_the_town(key: str, split: tuple) -> None:
    assert split_state(key) == split


@pytest.mark.parametrize("key", ["texas", "tx", "austin", "new york", "virginia beach"])
def test_a_name_that_is_only_a_state_or_has_none_is_kept_whole(key: str) -> None:
    assert split_state(key) == (key, "")


def test_new_york_city_keeps_its_name_when_the_state_follows() -> None:
    assert split_state("new york new york") == ("new york", "NY")
    assert split_state("new york ny") == ("new york", "NY")


@pytest.mark.parametrize(
    ("key", "stripped"),
    [
        ("travis county", ("travis", True)),
        ("orleans parish", ("orleans", True)),
        ("nome census area", ("nome", True)),
        ("san juan municipio", ("san juan", True)),
        ("aleutians east borough", ("aleutians east", True)),
        ("juneau city and borough", ("juneau", True)),
        ("city and borough of juneau", ("juneau", True)),
        ("municipality of anchorage", ("anchorage", True)),
        ("anchorage municipality", ("anchorage", True)),
        ("county of", ("county of", False)),
        ("county line", ("county line", False)),
        ("austin", ("austin", False)),
    ],
)
def test_it_takes_the_county_word_off_the_end_or_the_start(key: str, stripped: tuple) -> None:
    assert strip_county_word(key) == stripped


def test_every_state_name_leads_back_to_its_own_code() -> None:
    for code, name in STATES.items():
        assert STATE_BY_NAME[name.lower()] == code
