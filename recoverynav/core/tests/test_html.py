"""The parts every card shares (core/html.py): URLs reversed once, words per language, one
distance format, one directions link."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from recoverynav.core.html import (
    KeptMarkup,
    directions_to_address,
    directions_to_point,
    markup,
    one_decimal,
    per_language,
    url_shape,
)


def test_a_url_shape_puts_each_key_in_place_and_escapes_a_slug() -> None:
    with translation.override("en"):  # an earlier test may have left another language
        facility = url_shape("directory:facility")
        meeting = url_shape("meetings:meeting")

    assert facility(42) == "/treatment/42/"
    assert meeting("serenity-noon") == "/meetings/serenity-noon/"
    assert meeting('a"b') == "/meetings/a&quot;b/"


def test_a_table_is_made_once_per_language_and_follows_the_active_one() -> None:
    made = []

    @per_language
    def table() -> dict:
        made.append(1)
        return {"report": gettext("Report a problem with this listing")}

    with translation.override("en"):
        english = table()
        assert table() is english
    with translation.override("es"):
        spanish = table()

    assert len(made) == 2
    assert english["report"] != spanish["report"]


@pytest.mark.parametrize(
    ("number", "separator", "shown"),
    [(2.25, ".", "2.3"), (12.75, ",", "12,8"), (0.04, ".", "0.0"), (10, ".", "10.0")],
)
def test_a_distance_has_one_decimal_rounded_half_up(number, separator, shown) -> None:
    assert one_decimal(number, separator) == shown


def test_the_decimal_separator_is_the_languages_when_not_given() -> None:
    with translation.override("es"):
        assert one_decimal(1.25) == "1,3"
    with translation.override("en"):
        assert one_decimal(1.25) == "1.3"


def test_directions_go_to_a_point_within_a_metre_or_look_an_address_up() -> None:
    assert directions_to_point(38.0293, -78.4767) == (
        "https://www.openstreetmap.org/directions?to=38.02930,-78.47670"
    )
    assert directions_to_address("Irvine, CA 92612") == (
        "https://www.openstreetmap.org/directions?to=Irvine%2C+CA+92612"
    )


def test_markup_is_safe_for_the_template_engine() -> None:
    assert hasattr(markup("<p>x</p>"), "__html__")


def test_kept_markup_is_built_once_per_key_and_the_oldest_goes_first() -> None:
    kept = KeptMarkup(size=2)
    built = []

    def build(text: str):
        return lambda: built.append(text) or text

    assert kept.get("a", build("<p>a</p>")) == "<p>a</p>"
    assert kept.get("a", build("<p>other</p>")) == "<p>a</p>"
    kept.get("b", build("<p>b</p>"))
    kept.get("c", build("<p>c</p>"))
    kept.get("a", build("<p>a again</p>"))

    assert built == ["<p>a</p>", "<p>b</p>", "<p>c</p>", "<p>a again</p>"]
    assert list(kept.pieces) == ["c", "a"]
