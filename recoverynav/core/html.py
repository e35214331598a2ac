"""The parts every result card of ours builds the same way (directory/cards.py,
meetings/cards.py, plan/buttons.py).

Cards are HTML in f-strings, not templates: a results page shows twenty, and through the
template engine they took most of a search's time. What keeps that safe and cheap is here:
- `per_language`: a card's words, URL shapes and formats are looked up once per language
  (and URL configuration), not per card;
- `url_shape`: a URL reversed once, each card's key put in its place;
- `escape` for every value, and `markup` to mark a card's own markup around escaped values
  as safe, in one place;
- one way to write a distance and one directions link;
- `KeptMarkup`: cards kept per process under their values, for the finders whose visitors
  see the same listings again and again."""

import threading
from collections.abc import Callable, Hashable
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from html import escape
from typing import TypeVar
from urllib.parse import urlencode

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.formats import get_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

__all__ = [
    "KeptMarkup",
    "directions_to_address",
    "directions_to_point",
    "escape",
    "language_key",
    "markup",
    "one_decimal",
    "per_language",
    "url_shape",
]

Table = TypeVar("Table")
# A key no object has, valid for an <int:> and a <slug:> converter alike: reversed once,
# then replaced by each card's own key.
KEY_MARK = "987654321987654321"
ONE_DECIMAL = Decimal("0.1")
DIRECTIONS = "https://www.openstreetmap.org/directions?"


def per_language(build: Callable[[], Table]) -> Callable[[], Table]:
    """`build()` (a table of words, URL shapes, formats) made once for each active language,
    URL configuration and script prefix (the things reverse() and gettext() depend on)."""

    @lru_cache(maxsize=32)
    def made(language: str, urlconf: str, script_prefix: str) -> Table:
        return build()

    def current() -> Table:
        return made(*language_key())

    current.cache_clear = made.cache_clear  # type: ignore[attr-defined]
    return current


def language_key() -> tuple[str, str, str]:
    """What words and reversed URLs depend on: the active language, URL configuration and
    script prefix."""
    return get_language(), str(get_urlconf() or settings.ROOT_URLCONF), get_script_prefix()


class KeptMarkup:
    """Markup kept in this process, up to `size` pieces (the oldest go first), for cards
    that many searches show again: a facility's result card is the same for every search
    that lists it but for a few marked places. The key must hold everything the markup
    depends on, values included, so a kept piece is never out of date."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.pieces: dict[Hashable, str] = {}
        self.lock = threading.Lock()

    def get(self, key: Hashable, build: Callable[[], str]) -> str:
        piece = self.pieces.get(key)
        if piece is None:
            piece = build()
            with self.lock:
                while len(self.pieces) >= self.size:
                    del self.pieces[next(iter(self.pieces))]
                self.pieces[key] = piece
        return piece

    def clear(self) -> None:
        with self.lock:
            self.pieces.clear()


def url_shape(url_name: str) -> Callable[[object], str]:
    """The escaped URL of `url_name` for a key (a primary key or a slug), reversed once."""
    shape = escape(reverse(url_name, args=[KEY_MARK]))
    return lambda key: shape.replace(KEY_MARK, str(key) if type(key) is int else escape(key))


def markup(html: str) -> SafeString:
    """A card's own markup around values that each went through escape()."""
    return mark_safe(html)  # noqa: S308  # nosec B308, B703


def one_decimal(number: float, separator: str | None = None) -> str:
    """2.25 → "2.3", rounding half up as people (and Django's floatformat) do, with the
    language's decimal separator (pass it from a `per_language` table; else looked up)."""
    text = str(Decimal(repr(number)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP))
    if separator is None:
        separator = str(get_format("DECIMAL_SEPARATOR"))
    return text.replace(".", separator)


def directions_to_point(latitude: float, longitude: float) -> str:
    """OpenStreetMap directions to a point; five decimals place it within about a metre."""
    return f"{DIRECTIONS}to={latitude:.5f},{longitude:.5f}"


@lru_cache(maxsize=16384)
def directions_to_address(address: str) -> str:
    """Directions that look a street address up (quoted once per address, not per page)."""
    return DIRECTIONS + urlencode({"to": address})
