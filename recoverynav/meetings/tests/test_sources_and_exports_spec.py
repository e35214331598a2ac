"""Where meetings are read from and how ours are written out: files, bundled files and their
limits, a BMLT server's URLs and saved answers, and our feed record and calendar for one
meeting."""

import datetime as dt
import json
from pathlib import Path

import pytest

from recoverynav.meetings import exports
from recoverynav.meetings.importers import FeedError
from recoverynav.meetings.models import Meeting
from recoverynav.meetings.tests.conftest import import_records, meeting_record

ET = dt.timezone(dt.timedelta(hours=-5))


# --- reading ---------------------------------------------------------------------------------


@pytest.fixture
def reading():
    """The module that reads sources, imported here so that only these tests name it."""
    from recoverynav.meetings import feeds

    return feeds


def test_a_file_is_read_whole_within_the_size_limit(tmp_path, settings, reading) -> None:
    settings.MEETINGS_FEED_MAX_BYTES = 10
    small, large = tmp_path / "small.json", tmp_path / "large.json"
    small.write_bytes(b"[]")
    large.write_bytes(b"[" + b" " * 20 + b"]")

    assert reading.read_feed(str(small)) == b"[]"
    with pytest.raises(FeedError, match=r"larger than 10 bytes \(MEETINGS_FEED_MAX_BYTES\)"):
        reading.read_feed(str(large))


def test_a_missing_file_says_it_could_not_be_read(reading) -> None:
    with pytest.raises(FeedError, match=r"Could not read /nowhere/feed\.json"):
        reading.read_feed("/nowhere/feed.json")


def test_a_bundled_name_is_a_file_in_the_meetings_data_folder_and_nowhere_else(reading) -> None:
    inside = reading.local_path("bundled:meeting_types.json")

    assert inside.parent.name == "data"
    with pytest.raises(FeedError, match="must be inside the meetings data folder"):
        reading.local_path("bundled:../../settings.py")


def test_a_root_server_address_gives_every_answer_s_url_keeping_the_operator_s_filters(
    reading,
) -> None:
    urls = reading.bmlt_urls(
        "https://bmlt.example.org/main_server/?switcher=x", "services[]=5&recursive=1"
    )

    assert set(urls) == {
        "GetSearchResults", "GetFormats (en)", "GetFormats (es)", "GetServiceBodies",
    }  # fmt: skip
    assert urls["GetSearchResults"] == (
        "https://bmlt.example.org/main_server/client_interface/json/"
        "?switcher=GetSearchResults&services%5B%5D=5&recursive=1"
    )
    assert urls["GetFormats (es)"].endswith("?switcher=GetFormats&lang_enum=es")


def test_a_get_search_results_url_keeps_its_own_parameters(reading) -> None:
    url = "https://x.org/main_server/client_interface/json/?switcher=GetSearchResults&weekdays=2"

    assert reading.bmlt_urls(url)["GetSearchResults"].endswith(
        "?switcher=GetSearchResults&weekdays=2"
    )


def test_a_saved_answer_that_carries_its_formats_needs_no_file_beside_it(
    tmp_path: Path, reading
) -> None:
    saved = tmp_path / "area.json"
    saved.write_text(json.dumps({"meetings": [{"id_bigint": "1"}], "formats": [{"id": "1"}]}))

    answer = reading.read_bmlt(str(saved))

    assert answer.meetings == [{"id_bigint": "1"}]
    assert answer.formats == {"en": [{"id": "1"}]}


def test_service_bodies_that_are_not_a_list_are_refused(tmp_path: Path, reading) -> None:
    (tmp_path / "a-GetSearchResults.json").write_text("[]")
    (tmp_path / "a-GetFormats-en.json").write_text("[]")
    (tmp_path / "a-service-bodies.json").write_text('{"id": 1}')

    with pytest.raises(FeedError, match="GetServiceBodies answer must be a JSON list"):
        reading.read_bmlt(str(tmp_path / "a-GetSearchResults.json"))


# --- writing ---------------------------------------------------------------------------------


@pytest.fixture
def published(db) -> dict[str, Meeting]:
    import_records(
        [
            meeting_record(
                slug="noon", types=["O", "XYZ"], conference_phone="+1 646 558 8656,,123#",
                conference_url="https://zoom.us/j/1", notes="Bring a friend",
            ),
            meeting_record(slug="two-days", day=[1, 4]),
            meeting_record(slug="marathon", time="00:00", end_time="23:59"),
        ],
        source="cville",
    )  # fmt: skip
    return {m.source_slug: m for m in Meeting.objects.prefetch_related("times")}


def record(meeting: Meeting) -> dict:
    return exports.feed_record(meeting, url="https://site/m", feedback_url="https://site/r")


def test_our_record_keeps_spec_types_and_dialable_characters_only(published) -> None:
    found = record(published["noon"])

    assert found["types"] == ["O"]
    assert found["conference_phone"] == "+16465588656,,123#"
    assert (found["url"], found["feedback_url"]) == ("https://site/m", "https://site/r")
    assert found["attendance_option"] == "hybrid"


def test_a_meeting_on_several_days_is_one_record_with_a_list_of_days(published) -> None:
    assert record(published["two-days"])["day"] == [1, 4]
    assert record(published["noon"])["day"] == 1


def test_a_day_long_meeting_is_written_to_end_a_minute_before_it_starts(published) -> None:
    found = record(published["marathon"])

    assert (found["time"], found["end_time"]) == ("00:00", "23:59")


def test_empty_fields_are_left_out_of_our_record(published) -> None:
    found = record(published["two-days"])

    assert "conference_url" not in found
    assert "notes" not in found
    assert all(value not in ("", None, []) for value in found.values())


def test_the_feed_is_written_as_one_json_list_piece_by_piece() -> None:
    pieces = list(exports.feed_chunks(iter([{"a": 1}, {"b": "é"}])))

    assert pieces == ["[", '{"a": 1}', ',{"b": "é"}', "]"]
    assert list(exports.feed_chunks(iter([]))) == ["[", "]"]


def test_a_calendar_has_one_weekly_event_per_meeting_day(published) -> None:
    body = exports.calendar_for(
        [published["two-days"]],
        now=dt.datetime(2026, 12, 6, 9, tzinfo=ET),
        page_url=lambda m: f"https://site/{m.slug}",
        site_name="Recovery Navigator",
    ).decode()

    assert body.count("BEGIN:VEVENT") == 2
    assert "RRULE:FREQ=WEEKLY;BYDAY=MO" in body
    assert "RRULE:FREQ=WEEKLY;BYDAY=TH" in body
    assert "PRODID:-//Recovery Navigator//Meetings//EN" in body
    assert body.count("BEGIN:VTIMEZONE") == 1


def test_an_online_meeting_s_calendar_entry_leads_with_how_to_join(published) -> None:
    body = exports.calendar_for(
        [published["noon"]],
        now=dt.datetime(2026, 12, 6, 9, tzinfo=ET),
        page_url=lambda m: "https://site/noon",
        site_name="RN",
    ).decode()

    description = body.split("DESCRIPTION:", 1)[1]
    assert description.startswith("https://zoom.us/j/1")
    assert "Bring a friend" in description
