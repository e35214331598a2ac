"""Phone numbers are shown as people write them and dialed without their extension."""

import pytest

from recoverynav.directory import phones


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("614-224-4506", "(614) 224-4506"),
        ("(614)224-4506x197", "(614) 224-4506 ext. 197"),
        ("205-324-6502 x10", "(205) 324-6502 ext. 10"),
        ("(410) 273-1030", "(410) 273-1030"),
        ("(804)644-4636", "(804) 644-4636"),
        ("(555) 555.0100", "(555) 555-0100"),
        ("(555-555-0100", "(555) 555-0100"),
        ("1-800-662-4357", "(800) 662-4357"),
        ("256-236-8003 x0", "(256) 236-8003"),  # extension 0 is no extension
        ("866-YESYWCA", "(866) YES-YWCA"),
        ("618-5502DUI", "(618) 550-2DUI"),
        ("988", "988"),
        ("+44 20 7946 0000", "+44 20 7946 0000"),
        ("", ""),
    ],
)
def test_it_shows_a_number_the_way_people_write_it(written: str, shown: str) -> None:
    assert phones.display(written) == shown


@pytest.mark.parametrize(
    ("written", "link"),
    [
        ("(614) 224-4506 ext. 197", "tel:+16142244506"),
        ("(614)224-4506x197", "tel:+16142244506"),
        ("614-224-4506", "tel:+16142244506"),
        ("(866) YES-YWCA", "tel:+18669379922"),
        ("988", "tel:988"),
        ("+44 20 7946 0000", "tel:+442079460000"),
        ("call us", ""),
        ("", ""),
    ],
)
def test_a_call_link_never_glues_the_extension_onto_the_number(written: str, link: str) -> None:
    assert phones.tel_uri(written) == link


def test_the_extension_is_read_back_for_the_page() -> None:
    assert phones.extension("(614) 224-4506 ext. 197") == "197"
    assert phones.extension("(614) 224-4506") == ""


def test_a_shown_number_reads_back_the_same() -> None:
    shown = phones.display("(614)224-4506x197")

    assert phones.display(shown) == shown
    assert phones.tel_uri(shown) == phones.tel_uri("(614)224-4506x197")
