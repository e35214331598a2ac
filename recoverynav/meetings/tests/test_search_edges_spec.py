"""The meeting search at its edges: time-of-day bands on their boundary minutes, several days
and bands together, keywords in any case and with accents or quotes, 'soon' reaching across
Saturday night, and pages past the end."""

import datetime as dt

import pytest

from recoverynav.meetings.keywords import fts_match
from recoverynav.meetings.query import MeetingQuery
from recoverynav.meetings.selectors import search_meetings
from recoverynav.meetings.tests.conftest import import_records, meeting_record

pytestmark = pytest.mark.django_db
ET = dt.timezone(dt.timedelta(hours=-5))


def names(**query) -> list[str]:
    return sorted(m.name for m in search_meetings(query=MeetingQuery(**query)).listings)


@pytest.fixture
def clock() -> None:
    """One meeting at each band's first and last minute (Monday)."""
    times = ["04:59", "05:00", "11:59", "12:00", "16:59", "17:00", "20:59", "21:00"]
    import_records(
        [meeting_record(slug=t.replace(":", ""), name=f"At {t}", time=t, end_time=...)
         for t in times],
        source="clock",
    )  # fmt: skip


@pytest.mark.usefixtures("clock")
@pytest.mark.parametrize(
    ("band", "expected"),
    [
        ("morning", ["At 05:00", "At 11:59"]),
        ("midday", ["At 12:00", "At 16:59"]),
        ("evening", ["At 17:00", "At 20:59"]),
        ("night", ["At 04:59", "At 21:00"]),
    ],
)
def test_each_time_of_day_band_starts_and_ends_on_its_minute(band: str, expected) -> None:
    assert names(bands=[band]) == expected


@pytest.mark.usefixtures("clock")
def test_two_bands_together_find_either() -> None:
    assert names(bands=["morning", "night"]) == ["At 04:59", "At 05:00", "At 11:59", "At 21:00"]


@pytest.mark.usefixtures("clock")
def test_a_day_with_no_meetings_finds_none_and_the_right_day_finds_them_all() -> None:
    assert names(days=[2]) == []
    assert len(names(days=[1, 2])) == 8


def test_keywords_match_in_any_case_and_every_word_must_be_there(db) -> None:
    import_records(
        [meeting_record(slug="a", name="Early Birds"), meeting_record(slug="b", name="Night Owls")],
        source="words",
    )

    assert names(keyword="EARLY") == ["Early Birds"]
    assert names(keyword="early owls") == []
    assert names(keyword="ow") == ["Night Owls"]


def test_a_keyword_with_quotes_or_accents_is_searched_safely(db) -> None:
    import_records([meeting_record(slug="a", name="Grupo Esperanza, Niños")], source="words")

    assert names(keyword="niños") == ["Grupo Esperanza, Niños"]
    assert names(keyword='"esperanza') == []
    assert fts_match(['"esp']) == '"""es" AND "esp"'


def test_the_trigram_query_covers_each_long_word_and_skips_short_ones() -> None:
    assert fts_match(["serenity"]) == '"eni" AND "ity" AND "ser"'
    assert fts_match(["aa", "na"]) == ""


def test_soon_on_saturday_night_finds_a_sunday_morning_meeting(db) -> None:
    import_records(
        [meeting_record(slug="sun", name="Sunday Sunrise", day=0, time="00:15", end_time="01:15",
                        conference_url="https://zoom.us/j/1", formatted_address=..., latitude=...,
                        longitude=...)],
        source="late",
    )  # fmt: skip
    saturday_late = dt.datetime(2026, 12, 5, 23, 50, tzinfo=ET)

    found = search_meetings(query=MeetingQuery(when="soon"), now=saturday_late).listings

    assert [m.name for m in found] == ["Sunday Sunrise"]
    assert found[0].status.kind == "soon"
    assert found[0].status.minutes == 25


def test_a_page_past_the_end_is_empty_without_a_next_page(db) -> None:
    import_records([meeting_record(slug=f"m{n}", name=f"M{n}") for n in range(3)], source="p")

    result = search_meetings(query=MeetingQuery(page=5), per_page=2)

    assert (result.listings, result.has_next) == ([], False)
