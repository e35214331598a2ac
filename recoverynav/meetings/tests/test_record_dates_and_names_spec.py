"""More of one Meeting Guide record: the 'updated' date in the forms feeds write it, the
fellowship read from names when the feed has none, and the words kept for searching."""

import datetime as dt

import pytest

from recoverynav.meetings.importers.meeting_guide import FeedContext, clean_meeting
from recoverynav.meetings.tests.conftest import meeting_record

UTC = dt.UTC


def values(context: FeedContext | None = None, **overrides) -> dict:
    found = clean_meeting(
        meeting_record(**overrides), source_slug="m", context=context or FeedContext(source="t")
    )
    return found.values


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("2026-10-01 12:00:00", dt.datetime(2026, 10, 1, 12, tzinfo=UTC)),
        ("2026-10-01T12:00:00", dt.datetime(2026, 10, 1, 12, tzinfo=UTC)),
        ("2026-10-01T12:00:00-04:00", dt.datetime(2026, 10, 1, 16, tzinfo=UTC)),
        ("10/01/2026 12:00:00 PM", dt.datetime(2026, 10, 1, 12, tzinfo=UTC)),
        ("2026-10-01", dt.datetime(2026, 10, 1, tzinfo=UTC)),
        ("last week", None),
        ("", None),
    ],
)
def test_the_updated_date_is_read_in_every_form_feeds_write_it(written, read) -> None:
    assert values(updated=written)["updated"] == read


@pytest.mark.parametrize(
    ("name", "group", "fellowship"),
    [
        ("Serenity at Noon", "", "other"),
        ("Hope AFG", "", "al-anon"),
        ("Alateen Tuesday", "", "al-anon"),
        ("Clean Time", "NA Area 9", "na"),
        ("Big Book Study", "AA District 5", "aa"),
        ("SMART Recovery Tuesday", "", "smart"),
        ("Naturally Sober", "", "other"),
    ],
)
def test_the_fellowship_is_read_from_the_names_when_the_feed_has_none(name, group, fellowship):
    assert values(name=name, group=group)["fellowship"] == fellowship


@pytest.mark.parametrize(
    ("group", "fellowship"),
    [
        ("Narcotics Anonymous", "na"),
        ("NARCOTICS ANONYMOUS", "na"),
        ("Alcoholics Anonymous District 5", "aa"),
        ("ALCOHOLICS ANONYMOUS DISTRICT 5", "aa"),
        ("alcoholics  anonymous", "aa"),
    ],
)
def test_the_fellowship_s_full_name_in_capitals_is_read_too(group: str, fellowship: str) -> None:
    assert values(name="Tuesday Night", group=group)["fellowship"] == fellowship


@pytest.mark.parametrize("group", ["Banana Group", "Saa Ridge", "na group"])
def test_na_and_aa_inside_other_words_or_in_lower_case_are_not_a_fellowship(group: str) -> None:
    assert values(name="Tuesday Night", group=group)["fellowship"] == "other"


def test_the_feed_s_own_fellowship_wins_over_the_names() -> None:
    assert values(FeedContext(source="t", fellowship="na"), name="Hope AFG")["fellowship"] == "na"


def test_the_searchable_words_are_the_name_group_place_area_and_town_in_lower_case() -> None:
    found = values(name="Serenity", group="Group 7", location="Trinity Church",
                   region="Virginia", city="Charlottesville")  # fmt: skip

    for words in ("serenity", "group 7", "trinity church", "virginia", "charlottesville"):
        assert words in found["search_text"]
    assert found["search_text"] == found["search_text"].lower()
