"""core.params: whole numbers and page numbers from query strings."""

import pytest

from recoverynav.core.params import MAX_PAGE, digits_only, page_number, whole_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [("7", 7), ("007", 7), ("0", 0), ("120", 100), ("9" * 30, 100), ("9" * 5000, 100)],
)
def test_it_reads_ascii_digits_up_to_the_maximum(text: str, expected: int) -> None:
    assert whole_number(text, maximum=100) == expected


@pytest.mark.parametrize(
    "text",
    [None, "", "²", "٣", "\uff11\uff12", "-1", "+1", " 2 ", "2.0", "1e3", "1_000", "0x10", "\n"],
)
def test_anything_but_ascii_digits_is_not_a_number(text: object) -> None:
    assert whole_number(text, maximum=100) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("3", 3), ("", 1), (None, 1), ("0", 1), ("²", 1), ("99999999999999999999", MAX_PAGE)],
)
def test_a_page_number_is_the_first_page_when_unreadable_and_the_last_when_too_big(
    text: object, expected: int
) -> None:
    assert page_number(text) == expected


def test_the_api_check_refuses_other_digits_and_caps_huge_ones() -> None:
    assert digits_only("12") == 12
    assert digits_only(12) == 12
    assert digits_only("9" * 5000) > MAX_PAGE
    for text in ("²", "\uff11\uff12", " 2 ", "1_000", "2.0", "-1"):
        with pytest.raises(ValueError, match="digits 0-9"):
            digits_only(text)
