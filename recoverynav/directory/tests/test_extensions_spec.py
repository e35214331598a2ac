"""Extensions as sources write them: read apart from the number so that a call link dials
the number alone and the person keys the extension in when asked."""

import pytest

from recoverynav.directory import phones


@pytest.mark.parametrize(
    ("written", "number", "extension"),
    [
        ("614-224-4506 x197", "614-224-4506", "197"),
        ("614-224-4506 ext. 197", "614-224-4506", "197"),
        ("614-224-4506, ext 197", "614-224-4506", "197"),
        ("614-224-4506; extension 197", "614-224-4506", "197"),
        ("614-224-4506 #197", "614-224-4506", "197"),
        ("614-224-4506 ext # 12", "614-224-4506", "12"),
        ("614-224-4506 x0", "614-224-4506", ""),
        ("614-224-4506 x007", "614-224-4506", "7"),
        ("614-224-4506", "614-224-4506", ""),
        ("", "", ""),
    ],
)
def test_an_extension_is_read_apart_from_the_number(written, number, extension) -> None:
    assert phones.split_extension(written) == (number, extension)
    assert phones.extension(written) == extension


def test_the_shown_number_keeps_the_extension_for_the_person_to_key_in() -> None:
    shown = phones.display("614.224.4506 extension 12")

    assert shown == "(614) 224-4506 ext. 12"
    assert phones.extension(shown) == "12"
    assert phones.tel_uri(shown) == "tel:+16142244506"


@pytest.mark.parametrize("short", ["211", "311", "711", "911", "988"])
def test_the_short_public_numbers_are_dialled_as_they_are(short: str) -> None:
    assert phones.tel_uri(short) == f"tel:{short}"
    assert phones.display(short) == short


def test_a_seven_digit_local_number_is_dialled_but_fewer_digits_are_not() -> None:
    assert phones.tel_uri("555-0100") == "tel:5550100"
    assert phones.tel_uri("55-01") == ""


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("4345550100", "(434) 555-0100"),
        ("1 (434) 555-0100", "(434) 555-0100"),
        ("434/555/0100", "(434) 555-0100"),
        ("  434   555   0100  ", "(434) 555-0100"),
        ("1-800-GET-HELP", "(800) GET-HELP"),
        ("+52 55 1234 5678", "+52 55 1234 5678"),
        ("Call the front desk", "Call the front desk"),
        ("(434) 555-0100 ext. 12", "(434) 555-0100 ext. 12"),
    ],
)
def test_a_number_is_shown_in_one_shape_and_anything_else_as_written(written, shown) -> None:
    assert phones.display(written) == shown


@pytest.mark.parametrize(
    ("written", "dialled"),
    [
        ("1-800-GET-HELP", "tel:+18004384357"),
        ("800 GET HELP", "tel:+18004384357"),
        ("(866) YES-YWCA x12", "tel:+18669379922"),
        ("+52 55 1234 5678", "tel:+525512345678"),
        ("(434) 555-0100 ext. 12", "tel:+14345550100"),
    ],
)
def test_letters_are_dialled_as_their_keypad_digits_and_words_are_not_dialled(
    written, dialled
) -> None:
    assert phones.tel_uri(written) == dialled


@pytest.mark.parametrize(
    "written",
    ["Call the front desk", "Ask for intake", "CALLTHEDESK", "Call 1-800-GET-HELP now", "+44 HELP"],
)
def test_words_in_place_of_a_number_give_no_call_link(written: str) -> None:
    assert phones.tel_uri(written) == ""
    assert phones.display(written) == written
