"""The keys that tell two listings of one place from two places: what each part of a key is
made of, and when a key has no building or no phone line to compare."""

from recoverynav.directory.merging import PlaceKeys


def keys(**values) -> PlaceKeys:
    base = {"name": "Blue Ridge Recovery", "address": "1631-A East Second Street, Suite 4",
            "postal_code": "22902-1234", "phone": "(434) 555-0100 ext. 9"}  # fmt: skip
    return PlaceKeys.of(**(base | values))


def test_a_key_holds_the_building_s_street_its_number_the_zip_and_the_ten_digits() -> None:
    found = keys()

    assert (found.street, found.house, found.zip5, found.phone) == (
        "1631 e 2nd st", "1631", "22902", "4345550100",
    )  # fmt: skip
    assert found.building == ("22902", "1631 e 2nd st")
    assert found.line == ("22902", "4345550100")


def test_without_a_published_street_there_is_no_building_to_compare() -> None:
    assert keys(address="- - -").building is None


def test_without_a_us_phone_number_there_is_no_line_to_compare() -> None:
    assert keys(phone="").line is None
    assert keys(phone="+44 300 123 6600").line is None


def test_without_a_zip_code_neither_building_nor_line_is_compared() -> None:
    found = keys(postal_code="")

    assert (found.building, found.line) == (None, None)


def test_the_sources_that_list_a_place_travel_with_its_keys() -> None:
    assert keys(sources=["a", "b", "a"]).sources == frozenset({"a", "b"})
