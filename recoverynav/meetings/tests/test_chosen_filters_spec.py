"""The choices a visitor made, shown above the results: one removable chip per choice in the
form's order, the keyword as one more, and one link that clears them all but the place."""

from urllib.parse import parse_qs

import pytest
from django.http import QueryDict

from recoverynav.meetings.forms import MeetingSearchForm
from recoverynav.meetings.summary import FILTERS, chips, clear_url


def chosen(query: str) -> tuple[MeetingSearchForm, QueryDict]:
    params = QueryDict(query)
    form = MeetingSearchForm(params)
    assert form.is_valid(), form.errors
    return form, params


def query_of(url: str) -> dict:
    return parse_qs(url.split("?", 1)[1]) if "?" in url else {}


def test_each_choice_is_a_chip_whose_link_removes_only_it() -> None:
    form, params = chosen("place=22903&day=1&day=3&type=O&page=2")

    found = chips(form, params)

    assert len(found) == 3
    for chip in found:
        left = query_of(chip.remove_url)
        assert left["place"] == ["22903"]
        assert "page" not in left
    remaining_days = [query_of(chip.remove_url).get("day", []) for chip in found]
    assert ["3"] in remaining_days
    assert ["1"] in remaining_days


def test_the_keyword_is_a_chip_in_quotes_that_removes_it() -> None:
    form, params = chosen("place=22903&q=serenity")

    [chip] = chips(form, params)

    assert "“serenity”" in chip.label
    assert "q" not in query_of(chip.remove_url)


def test_a_search_with_only_a_place_has_no_chips() -> None:
    form, params = chosen("place=22903&radius=25")

    assert chips(form, params) == []


@pytest.mark.parametrize("name", FILTERS)
def test_clearing_removes_every_filter_and_the_keyword_but_keeps_the_place(name: str) -> None:
    values = {
        "when": "now", "fellowship": "aa", "attendance": "online", "day": "1",
        "time": "morning", "type": "O",
    }  # fmt: skip
    _form, params = chosen(f"place=22903&q=x&{name}={values[name]}")

    left = query_of(clear_url(params))

    assert name not in left
    assert "q" not in left
    assert left["place"] == ["22903"]
