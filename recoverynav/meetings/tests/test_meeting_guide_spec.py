"""One Meeting Guide record becoming the meeting we show, field by field: the shapes real
feeds send for days, times, types, addresses and links, the words kept out, and each reason
a record is refused. Runs without a database: the gazetteer is handed in as functions."""

import datetime as dt

import pytest

from recoverynav.meetings.importers.meeting_guide import (
    MAX_OUR_SLUG_LENGTH,
    FeedContext,
    MeetingRejected,
    clean_meeting,
    content_hash,
    feed_slug,
    our_slug,
)
from recoverynav.meetings.importers.meeting_guide.times import (
    DEFAULT_DURATION_MINUTES,
    MINUTES_PER_DAY,
    is_timezone,
)
from recoverynav.meetings.tests.conftest import meeting_record


def context(**overrides) -> FeedContext:
    values = {
        "source": "test",
        "postal_timezone": lambda code: "America/New_York" if code == "22903" else None,
        "postal_place": lambda code: (38.04, -78.49) if code == "22903" else None,
        "city_place": lambda city, state: (30.27, -97.74) if city == "Austin" else None,
    }
    return FeedContext(**(values | overrides))


def clean(**overrides):
    return clean_meeting(meeting_record(**overrides), source_slug="m1", context=context())


def values(**overrides) -> dict:
    return clean(**overrides).values


# --- days and times --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "days"),
    [(1, [1]), ("1", [1]), ([1, 3, "5"], [1, 3, 5]), ("Monday", [1]), (["sunday", 0], [0])],
)
def test_a_day_may_be_a_number_text_a_name_or_a_list(day, days) -> None:
    assert clean(day=day).days == days


@pytest.mark.parametrize("day", [7, -1, "Funday", True, 1.5])
def test_a_day_outside_the_week_is_refused_with_it_quoted(day) -> None:
    with pytest.raises(MeetingRejected, match=r"day must be 0 \(Sunday\) to 6 \(Saturday\)"):
        clean(day=day)


@pytest.mark.parametrize(
    ("time", "minute"),
    [("19:30", 1170), ("7:30 PM", 1170), ("7:30 p.m.", 1170), ("12:00 AM", 0),
     ("12:15 PM", 735), ("07:30:00", 450), ("24:00", 0)],
)  # fmt: skip
def test_times_are_read_in_every_form_feeds_write_them(time: str, minute: int) -> None:
    assert clean(time=time, end_time=...).start_minute == minute


@pytest.mark.parametrize("time", ["25:00", "13:00 PM", "7.30", "noon", "19:60"])
def test_a_time_that_is_no_time_is_refused(time: str) -> None:
    with pytest.raises(MeetingRejected, match="time"):
        clean(time=time)


def test_without_an_end_time_a_meeting_lasts_an_hour() -> None:
    found = clean(time="19:00", end_time=...)

    assert found.duration == DEFAULT_DURATION_MINUTES
    assert found.values["end_time"] == dt.time(20, 0)


def test_an_unreadable_end_time_is_dropped_rather_than_the_meeting() -> None:
    assert clean(time="19:00", end_time="late").duration == DEFAULT_DURATION_MINUTES


def test_a_meeting_past_midnight_keeps_its_real_length() -> None:
    found = clean(time="23:00", end_time="01:30")

    assert found.duration == 150
    assert found.values["end_time"] == dt.time(1, 30)


@pytest.mark.parametrize(("start", "end"), [("00:00", "23:59"), ("00:00", "24:00")])
def test_a_meeting_written_as_the_whole_day_lasts_the_whole_day(start: str, end: str) -> None:
    assert clean(time=start, end_time=end).duration == MINUTES_PER_DAY


def test_a_day_without_a_time_is_refused_but_neither_is_an_appointment() -> None:
    with pytest.raises(MeetingRejected, match="needs both a day and a time"):
        clean(time=...)
    assert clean(day=..., time=..., end_time=...).days == []


# --- names, words and links ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("30781044 Seaside Serenity AFG", "Seaside Serenity AFG"),
        ("1910 Group", "1910 Group"),
        ("12 Steps at Noon", "12 Steps at Noon"),
    ],
)
def test_a_feed_s_own_number_in_front_of_a_name_is_dropped(name: str, shown: str) -> None:
    assert values(name=name)["name"] == shown


def test_a_record_without_a_name_is_refused() -> None:
    with pytest.raises(MeetingRejected, match="m1: has no name"):
        clean(name="   ")


def test_emails_and_markup_in_notes_never_reach_a_page() -> None:
    found = values(notes="<b>Call</b> Jo at jo.smith@example.org for the key")

    assert found["notes"] == "Call Jo at … for the key"


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("name", "x" * 256, "name is longer than 255 characters"),
        ("location", ["a", "list"], "location must be text, not list"),
        ("notes", {"a": 1}, "notes must be text, not dict"),
    ],
)
def test_a_field_too_long_or_of_the_wrong_kind_refuses_the_record(field, value, reason) -> None:
    with pytest.raises(MeetingRejected, match=reason):
        clean(**{field: value})


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://zoom.us/j/123", "https://zoom.us/j/123"),
        ("zoom.us/j/123", ""),
        ("https://zoom.us/j/1 23", ""),
        ("javascript:alert(1)", ""),
        ("https:///nothing", ""),
    ],
)
def test_only_a_whole_web_address_is_kept_as_a_link(url: str, kept: str) -> None:
    assert values(conference_url=url)["conference_url"] == kept


def test_the_words_after_a_dial_in_number_become_its_notes() -> None:
    found = values(conference_phone="+1 646 558 8656 Meeting ID: 123 456 789")

    assert found["conference_phone"] == "+1 646 558 8656"
    assert found["conference_phone_notes"] == "Meeting ID: 123 456 789"


def test_types_may_be_a_legacy_string_and_repeats_count_once() -> None:
    assert values(types="[o, D, o]")["types"] == ["O", "D"]


def test_types_that_are_not_a_list_refuse_the_record() -> None:
    with pytest.raises(MeetingRejected, match="types must be a list of codes"):
        clean(types={"O": True})


# --- places ----------------------------------------------------------------------------------


def test_a_zip_code_is_read_after_the_state_never_from_the_street_number() -> None:
    found = values(
        postal_code=..., formatted_address="22903 Main St, Charlottesville, VA 22901, USA"
    )

    assert found["postal_code"] == "22901"


def test_a_zip_code_written_as_a_number_gets_its_leading_zero_back() -> None:
    assert values(postal_code=2903)["postal_code"] == "02903"


def test_the_town_is_read_from_a_us_formatted_address() -> None:
    found = values(city=..., formatted_address="1 Main St, Austin, TX 78701, USA")

    assert found["city"] == "Austin"


@pytest.mark.parametrize("point", [(0, 0), (91, 0), ("north", "west")])
def test_impossible_coordinates_are_replaced_by_the_zip_code_s_point(point) -> None:
    found = values(latitude=point[0], longitude=point[1], postal_code="22903")

    assert (found["latitude"], found["longitude"]) == (38.04, -78.49)
    assert found["approximate"] is True


def test_a_meeting_without_coordinates_or_a_known_zip_is_placed_at_its_town() -> None:
    found = values(latitude=..., longitude=..., formatted_address=..., city="Austin", state="TX",
                   postal_code=...)  # fmt: skip

    assert (found["latitude"], found["longitude"], found["approximate"]) == (30.27, -97.74, True)


def test_remote_is_not_a_place_anyone_goes() -> None:
    assert values(location="Remote Meeting")["location_name"] == ""


def test_regions_are_joined_from_a_list_or_from_region_and_sub_region() -> None:
    assert values(regions=["Virginia", "Charlottesville"])["region"] == "Virginia > Charlottesville"
    assert values(region="Virginia", sub_region="North")["region"] == "Virginia > North"


# --- zones -----------------------------------------------------------------------------------


def test_without_its_own_zone_a_meeting_takes_its_zip_code_s_then_the_feed_s() -> None:
    from_zip = clean_meeting(
        meeting_record(timezone=..., postal_code="22903"), source_slug="m", context=context()
    )
    from_feed = clean_meeting(
        meeting_record(timezone="Mars/Base", formatted_address="Somewhere"),
        source_slug="m",
        context=context(default_timezone="Europe/Madrid"),
    )

    assert from_zip.values["timezone"] == "America/New_York"
    assert from_feed.values["timezone"] == "Europe/Madrid"


def test_a_feed_that_writes_every_time_in_its_own_zone_is_not_moved_by_zip_codes() -> None:
    found = clean_meeting(
        meeting_record(timezone=..., postal_code="22903"),
        source_slug="m",
        context=context(default_timezone="America/Chicago", zone_from_place=False),
    )

    assert found.values["timezone"] == "America/Chicago"


def test_a_weekly_meeting_with_no_zone_at_all_is_refused_with_what_to_set() -> None:
    with pytest.raises(MeetingRejected, match="set a default time zone for this feed"):
        clean(timezone=..., formatted_address="Somewhere", postal_code=...)


def test_only_real_zone_names_are_zones() -> None:
    assert is_timezone("America/New_York")
    assert not is_timezone("Eastern")
    assert not is_timezone("../etc/passwd")


# --- slugs and change detection --------------------------------------------------------------


@pytest.mark.parametrize(
    ("item", "reason"),
    [(["a list"], "is not a JSON object"), ({"slug": ""}, "has no slug"),
     ({"slug": True}, "has no slug"), ({"slug": "x" * 201}, "slug longer than 200")],
)  # fmt: skip
def test_a_record_without_a_usable_slug_is_refused_by_its_place_in_the_feed(item, reason) -> None:
    with pytest.raises(MeetingRejected, match=rf"meeting #3: {reason}"):
        feed_slug(item, 2)


def test_a_number_is_a_usable_slug() -> None:
    assert feed_slug({"slug": 1234}, 0) == "1234"


@pytest.mark.parametrize("slug", ["plain-slug", "Ünïcode Slug!", "x" * 150, "a/b", "---"])
def test_our_page_slug_is_short_stable_and_distinct_per_feed_slug(slug: str) -> None:
    made = our_slug("test", slug)

    assert len(made) <= MAX_OUR_SLUG_LENGTH
    assert made == our_slug("test", slug)
    assert made.startswith("test-")
    assert made != our_slug("test", slug + "x")


def test_the_content_hash_changes_with_a_field_we_read_or_the_feed_s_settings_only() -> None:
    record = meeting_record()
    same = content_hash(record, "sig")

    assert content_hash(record | {"contact_1_email": "jo@example.org"}, "sig") == same
    assert content_hash(record | {"time": "12:30"}, "sig") != same
    assert content_hash(record, "other settings") != same
