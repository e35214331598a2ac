"""A meeting's week, its zone and its dial-in number as people read them: minute-of-week
arithmetic at the week's edges, 'now' and 'soon', the next start across daylight saving
time, zones in words, and dial-in numbers in the shapes real feeds write."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from recoverynav.meetings.phones import parse_dial, split_dial_in
from recoverynav.meetings.schedule import (
    MINUTES_PER_DAY,
    MINUTES_PER_WEEK,
    SOON_MINUTES,
    Status,
    minute_of_week,
    minutes_to_start,
    next_start,
    status,
)
from recoverynav.meetings.zones import city_of, zone_label, zone_words

NEW_YORK = "America/New_York"
ET = ZoneInfo(NEW_YORK)


def at(year, month, day, hour, minute=0, zone=ET) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=zone)


def week_minute(day: int, hour: int, minute: int = 0) -> int:
    """Sunday = day 0, as the Meeting Guide spec numbers days."""
    return day * MINUTES_PER_DAY + hour * 60 + minute


# --- the week --------------------------------------------------------------------------------


def test_the_week_starts_at_sunday_midnight_and_ends_at_saturday_23_59() -> None:
    assert minute_of_week(at(2026, 12, 6, 0, 0), NEW_YORK) == 0  # a Sunday
    assert minute_of_week(at(2026, 12, 12, 23, 59), NEW_YORK) == MINUTES_PER_WEEK - 1


def test_one_instant_is_a_different_minute_of_the_week_in_each_zone() -> None:
    instant = at(2026, 12, 6, 2, 0, zone=dt.UTC)  # Sunday 02:00 UTC

    assert minute_of_week(instant, "UTC") == week_minute(0, 2)
    assert minute_of_week(instant, NEW_YORK) == week_minute(6, 21)  # Saturday 21:00
    assert minute_of_week(instant, "Asia/Kolkata") == week_minute(0, 7, 30)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (at(2026, 12, 7, 18, 59), Status("soon", 1)),
        (at(2026, 12, 7, 19, 0), Status("now", 60)),
        (at(2026, 12, 7, 19, 59), Status("now", 1)),
        (at(2026, 12, 7, 20, 0), None),
        (at(2026, 12, 7, 18, 0), Status("soon", SOON_MINUTES)),
        (at(2026, 12, 7, 17, 59), None),
    ],
)
def test_now_and_soon_begin_and_end_on_the_minute(now: dt.datetime, expected) -> None:
    monday_seven = week_minute(1, 19)

    found = status(start_minute=monday_seven, end_minute=monday_seven + 60, zone=NEW_YORK, now=now)

    assert found == expected


def test_a_sunday_morning_meeting_is_soon_late_on_saturday_night() -> None:
    found = status(start_minute=week_minute(0, 0, 30), end_minute=week_minute(0, 1, 30),
                   zone=NEW_YORK, now=at(2026, 12, 5, 23, 45))  # fmt: skip

    assert found == Status("soon", 45)


def test_minutes_to_start_put_what_is_on_first_then_what_starts_soonest() -> None:
    now = at(2026, 12, 7, 19, 30)  # Monday 19:30
    on = minutes_to_start(start_minute=week_minute(1, 19), end_minute=week_minute(1, 20),
                          zone=NEW_YORK, now=now)  # fmt: skip
    tonight = minutes_to_start(start_minute=week_minute(1, 21), end_minute=week_minute(1, 22),
                               zone=NEW_YORK, now=now)  # fmt: skip
    just_ended = minutes_to_start(start_minute=week_minute(1, 18), end_minute=week_minute(1, 19),
                                  zone=NEW_YORK, now=now)  # fmt: skip

    assert on == -30
    assert tonight == 90
    assert just_ended == MINUTES_PER_WEEK - 90
    assert sorted([just_ended, tonight, on]) == [on, tonight, just_ended]


def test_the_next_start_of_a_meeting_later_today_is_today() -> None:
    start = next_start(start_minute=week_minute(1, 19), zone=NEW_YORK, now=at(2026, 12, 7, 8))

    assert start == at(2026, 12, 7, 19)


def test_the_next_start_of_a_meeting_that_began_earlier_today_is_next_week() -> None:
    start = next_start(start_minute=week_minute(1, 7), zone=NEW_YORK, now=at(2026, 12, 7, 8))

    assert start == at(2026, 12, 14, 7)


def test_a_meeting_in_progress_gives_today_s_start_when_its_end_is_known() -> None:
    start = next_start(start_minute=week_minute(1, 7), end_minute=week_minute(1, 9),
                       zone=NEW_YORK, now=at(2026, 12, 7, 8))  # fmt: skip

    assert start == at(2026, 12, 7, 7)


def test_the_next_start_keeps_its_wall_clock_time_across_the_spring_change() -> None:
    saturday_evening = at(2027, 3, 13, 20)  # the clocks go forward on Sunday 14 March 2027

    start = next_start(start_minute=week_minute(0, 19), zone=NEW_YORK, now=saturday_evening)

    assert (start.date(), start.hour) == (dt.date(2027, 3, 14), 19)
    assert start.utcoffset() == dt.timedelta(hours=-4)


# --- zones in words --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "words", "label"),
    [
        (NEW_YORK, "Eastern time", "Eastern time (New York)"),
        ("America/Chicago", "Central time", "Central time (Chicago)"),
        ("America/Phoenix", "Arizona time", "Arizona time"),
        ("America/Anchorage", "Alaska time", "Alaska time (Anchorage)"),
        ("Pacific/Honolulu", "Hawaii time", "Hawaii time (Honolulu)"),
        ("Europe/Madrid", "Madrid time", "Madrid time"),
        ("America/Argentina/Buenos_Aires", "Buenos Aires time", "Buenos Aires time"),
        ("UTC", "UTC", "UTC"),
    ],
)
def test_a_zone_is_named_as_people_say_it_never_by_its_iana_name(zone, words, label) -> None:
    assert zone_words(zone) == words
    assert zone_label(zone) == label


def test_zones_are_named_in_spanish_on_spanish_pages() -> None:
    with translation.override("es"):
        assert zone_words(NEW_YORK) != "Eastern time"
        assert "Madrid" in zone_words("Europe/Madrid")


def test_an_unknown_zone_name_is_still_said_by_its_city() -> None:
    assert zone_words("Mars/Olympus_Mons") == "Olympus Mons time"
    assert city_of("Mars/Olympus_Mons") == "Olympus Mons"


# --- dial-in numbers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "kept", "notes"),
    [
        ("+1 646 558 8656 Meeting ID: 123 456 789 Passcode: peace", "+1 646 558 8656",
         "Meeting ID: 123 456 789 Passcode: peace"),
        ("+19292056099,,537186093#", "+19292056099,,537186093#", ""),
        ("(646) 558-8656 / +1 301 715 8592", "(646) 558-8656", "+1 301 715 8592"),
        ("Call 646-558-8656", "", "Call 646-558-8656"),
        ("ID 123", "", "ID 123"),
        ("  ", "", ""),
    ],
)  # fmt: skip
def test_the_dialable_start_is_kept_and_the_words_go_to_the_notes(written, kept, notes) -> None:
    assert split_dial_in(written) == (kept, notes)


def test_a_one_tap_number_shows_the_number_and_enters_its_codes() -> None:
    dial = parse_dial("+19292056099,,537186093#,,#90873115#")

    assert dial.number == "+1 929-205-6099"
    assert dial.codes == ["537186093#", "#90873115#"]
    assert dial.uri == "tel:+19292056099,,537186093%23,,%2390873115%23"


@pytest.mark.parametrize(
    ("written", "number"),
    [
        ("646 558 8656", "(646) 558-8656"),
        ("+44 20 3481 5237", "+442034815237"),
        ("+1 (646) 558-8656;123#", "+1 646-558-8656"),
    ],
)
def test_numbers_are_grouped_the_north_american_way_or_kept_with_their_plus(
    written: str, number: str
) -> None:
    assert parse_dial(written).number == number


def test_a_string_too_short_to_be_a_number_gives_no_link() -> None:
    assert parse_dial("123-45") is None
    assert parse_dial("") is None
