"""Whole numbers from query strings, read one way by every page and the API.

Python's `int()` is too generous for text from the internet: it reads "٣" and full-width
digits (other scripts' digits), "1_000" and " 2 ", and a number of any size, which then overflows a
database column (SQLite and PostgreSQL hold 64 bits); `str.isdigit()` says yes to "²",
which `int()` then refuses. Here a number is ASCII digits 0-9 and nothing else.
"""

import re

DIGITS = re.compile(r"[0-9]+", re.ASCII)
# More digits than this is larger than any bound we use; reading it is not needed.
LONGEST = 18
# The highest page number any listing accepts (the API's bound too).
MAX_PAGE = 100_000


def whole_number(text: object, *, maximum: int) -> int | None:
    """The number `text` spells in ASCII digits, at most `maximum`; None for anything else
    (missing, "²", "٣", "-1", "1e3", " 2 ")."""
    if not isinstance(text, str) or not DIGITS.fullmatch(text):
        return None
    digits = text.lstrip("0") or "0"
    if len(digits) > LONGEST:
        return maximum
    return min(int(digits), maximum)


def page_number(text: object, *, maximum: int = MAX_PAGE) -> int:
    """A page number from a link: a missing or unreadable one means the first page, one past
    `maximum` the last that can exist (the listing then shows its last page)."""
    return whole_number(text, maximum=maximum) or 1


def digits_only(value: object) -> object:
    """For the API's whole-number parameters (a pydantic `BeforeValidator`): text must be
    ASCII digits, so the API accepts exactly the numbers the pages do; one too long to read
    becomes a number above every bound, so the bound refuses it with a clear 400."""
    if not isinstance(value, str):
        return value
    if not DIGITS.fullmatch(value):
        raise ValueError("Input should be a whole number written with the digits 0-9")
    return int(value) if len(value) <= LONGEST else 10**LONGEST
