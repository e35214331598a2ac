"""Meetings in time and in our listings: the yearly rules written for calendars, the times a
meeting page shows (in its zone and the viewer's), what 'we list' means for gaps and
coverage, and the feed's selection of meetings."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from recoverynav.meetings.coverage import (
    coverage_near,
    listed_any,
    online_soon,
    searched_attendance,
)
from recoverynav.meetings.ical_zones import Transition, transition_date, vtimezone, zone_rule
from recoverynav.meetings.models import Meeting
from recoverynav.meetings.query import MeetingQuery
from recoverynav.meetings.selectors import meeting_by_slug, meetings_for_feed
from recoverynav.meetings.tests.conftest import import_records, meeting_record

ET = ZoneInfo("America/New_York")


# --- zone rules ------------------------------------------------------------------------------


def test_eastern_time_s_rule_is_second_sunday_of_march_to_first_sunday_of_november() -> None:
    rule = zone_rule("America/New_York")

    assert (rule.std_name, rule.std_offset, rule.dst_name, rule.dst_offset) == (
        "EST", -5 * 3600, "EDT", -4 * 3600,
    )  # fmt: skip
    assert rule.dst_start == Transition(month=3, week=2, weekday=0, seconds=7200)
    assert rule.dst_end == Transition(month=11, week=1, weekday=0, seconds=7200)


def test_a_zone_without_daylight_saving_has_one_offset() -> None:
    rule = zone_rule("America/Phoenix")

    assert (rule.std_offset, rule.dst_name, rule.dst_start) == (-7 * 3600, "", None)


def test_a_zone_that_does_not_exist_has_no_rule_and_no_block() -> None:
    assert zone_rule("Mars/Base") is None
    assert vtimezone("Mars/Base", first_year=2026) is None


@pytest.mark.parametrize(
    ("year", "start", "end"),
    [
        (2026, dt.date(2026, 3, 8), dt.date(2026, 11, 1)),
        (2040, dt.date(2040, 3, 11), dt.date(2040, 11, 4)),
    ],
)
def test_the_changes_fall_on_the_days_the_rule_says_in_any_year(year, start, end) -> None:
    rule = zone_rule("America/New_York")

    assert transition_date(rule.dst_start, year).date() == start
    assert transition_date(rule.dst_end, year).date() == end


def test_a_last_sunday_rule_finds_the_last_sunday_of_the_month() -> None:
    rule = zone_rule("Europe/Madrid")

    assert transition_date(rule.dst_start, 2027).date() == dt.date(2027, 3, 28)
    assert transition_date(rule.dst_end, 2027).date() == dt.date(2027, 10, 31)


def test_the_block_names_the_zone_and_repeats_every_year() -> None:
    block = vtimezone("America/Chicago", first_year=2025).to_ical().decode()

    assert "TZID:America/Chicago" in block
    assert block.count("RRULE:FREQ=YEARLY") == 2
    assert "UNTIL" not in block


# --- a meeting's times -----------------------------------------------------------------------


@pytest.fixture
def listed(db) -> None:
    import_records(
        [
            meeting_record(slug="noon", day=[1, 3], time="12:00", end_time="13:00"),
            meeting_record(
                slug="zoom", name="Zoom Hope", time="19:00", end_time="20:00",
                conference_url="https://zoom.us/j/1", formatted_address=..., latitude=...,
                longitude=..., timezone="America/Los_Angeles",
            ),
        ],
        source="cville",
    )  # fmt: skip


@pytest.mark.usefixtures("listed")
def test_a_meeting_page_shows_each_weekly_time_next_in_its_own_zone() -> None:
    from recoverynav.meetings.listings import occurrences

    noon = Meeting.objects.get(source_slug="noon")
    sunday = dt.datetime(2026, 12, 6, 9, tzinfo=ET)

    shown = occurrences(noon, now=sunday)

    assert [entry["start"] for entry in shown] == [
        dt.datetime(2026, 12, 7, 12), dt.datetime(2026, 12, 9, 12),
    ]  # fmt: skip
    assert shown[0]["starts_in"] == 27 * 60
    assert "viewer_start" not in shown[0]


@pytest.mark.usefixtures("listed")
def test_an_online_meeting_also_shows_the_viewer_s_clock() -> None:
    from recoverynav.meetings.listings import occurrences

    zoom = Meeting.objects.get(source_slug="zoom")

    shown = occurrences(
        zoom, now=dt.datetime(2026, 12, 7, 9, tzinfo=ET), viewer_zone="America/New_York"
    )

    assert shown[0]["start"] == dt.datetime(2026, 12, 7, 19)
    assert shown[0]["viewer_start"] == dt.datetime(2026, 12, 7, 22)


@pytest.mark.usefixtures("listed")
def test_a_meeting_on_now_shows_how_long_ago_it_started() -> None:
    from recoverynav.meetings.listings import occurrences

    noon = Meeting.objects.get(source_slug="noon")

    shown = occurrences(noon, now=dt.datetime(2026, 12, 7, 12, 20, tzinfo=ET))

    assert shown[0]["starts_in"] == -20


# --- what we list ----------------------------------------------------------------------------


@pytest.mark.usefixtures("listed")
def test_what_we_list_is_known_by_fellowship_and_way_of_attending() -> None:
    assert listed_any(fellowships=[], attendance=["online"])
    assert listed_any(fellowships=[], attendance=["in_person"])
    assert not listed_any(fellowships=["smart"], attendance=["online"])


def test_without_a_place_now_searches_what_can_be_joined_from_anywhere() -> None:
    assert set(searched_attendance(MeetingQuery(when="now"))) >= {"online"}
    assert "in_person" not in searched_attendance(MeetingQuery(when="now"))
    assert searched_attendance(MeetingQuery(attendance=["in_person"])) == ["in_person"]


@pytest.mark.usefixtures("listed")
def test_coverage_counts_only_meetings_one_can_go_to_near_the_place(gazetteer) -> None:
    from recoverynav.geo.selectors import lookup_place

    assert coverage_near(lookup_place("22903").place, fellowships=[]) == 1
    assert coverage_near(lookup_place("78701").place, fellowships=[]) == 0


@pytest.mark.usefixtures("listed")
def test_online_meetings_offered_where_we_list_none_are_the_same_within_the_minute() -> None:
    query = MeetingQuery(attendance=["online"], when="now_or_soon")
    now = dt.datetime(2026, 12, 7, 21, 30, tzinfo=ET)  # 18:30 in Los Angeles

    first = online_soon(query, now=now, shown=3)
    Meeting.objects.all().delete()
    again = online_soon(query, now=now + dt.timedelta(seconds=20), shown=3)

    assert [m.name for m in first] == [m.name for m in again] == ["Zoom Hope"]


@pytest.mark.usefixtures("listed")
def test_the_feed_lists_every_meeting_or_one_source_s() -> None:
    import_records([meeting_record(slug="other")], source="north")

    assert meetings_for_feed().count() == 3
    assert [m.source_slug for m in meetings_for_feed(source="north")] == ["other"]
    assert not meetings_for_feed(source="nowhere").exists()


@pytest.mark.usefixtures("listed")
def test_a_meeting_is_found_by_its_page_slug_only() -> None:
    noon = Meeting.objects.get(source_slug="noon")

    assert meeting_by_slug(noon.slug) == noon
    assert meeting_by_slug("noon") is None
