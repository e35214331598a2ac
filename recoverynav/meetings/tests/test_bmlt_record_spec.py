"""One BMLT meeting becoming a Meeting Guide record, field by field: BMLT's own numbering of
days, its clock and duration strings, venue types, formats by world id (languages included),
addresses from their parts, and each reason a meeting is refused."""

import pytest

from recoverynav.meetings.importers.bmlt import BmltAnswer, BmltReader
from recoverynav.meetings.importers.meeting_guide import MeetingRejected


def fmt(id_: str, world_id: str, en: str, es: str = "", key: str = "") -> tuple[dict, dict]:
    english = {"id": id_, "world_id": world_id, "key_string": key or world_id, "name_string": en}
    spanish = {"id": id_, "world_id": world_id, "key_string": key or world_id, "name_string": es}
    return english, spanish


FORMATS = [
    fmt("1", "OPEN", "Open", "Abierta", key="O"),
    fmt("2", "VM", "Virtual"),
    fmt("3", "HY", "Hybrid"),
    fmt("4", "LANG", "Lithuanian/Russian"),
    fmt("5", "", "Candlelight", "Con velas", key="CL"),
    fmt("6", "LANG", "Español"),
]
READER = BmltReader(
    BmltAnswer(
        meetings=[],
        formats={"en": [e for e, _ in FORMATS], "es": [s for _, s in FORMATS if s["name_string"]]},
        service_bodies=[{"id": "7", "name": "Central Area"}],
    )
)


def meeting(**values) -> dict:
    item = {
        "id_bigint": "101",
        "meeting_name": "Just for Today",
        "weekday_tinyint": "2",
        "start_time": "19:30:00",
        "duration_time": "01:30:00",
        "location_text": "St. Mark's Church",
        "location_street": "12 Oak Street",
        "location_municipality": "Brooklyn",
        "location_province": "NY",
        "location_postal_code_1": "11201",
        "location_nation": "USA",
        "latitude": "40.69",
        "longitude": "-73.99",
        "service_body_bigint": "7",
    }
    return item | values


def record(**values) -> dict:
    return READER.record(meeting(**values))


def test_weekday_two_is_monday_and_the_end_is_the_start_plus_its_length() -> None:
    found = record()

    assert (found["day"], found["time"], found["end_time"]) == (1, "19:30", "21:00")


def test_a_meeting_without_a_length_lasts_an_hour() -> None:
    assert record(duration_time="")["end_time"] == "20:30"
    assert record(duration_time="00:00:00")["end_time"] == "20:30"


def test_a_day_long_meeting_ends_a_minute_before_it_starts_again() -> None:
    assert record(start_time="00:00:00", duration_time="24:00:00")["end_time"] == "23:59"


@pytest.mark.parametrize(
    ("values", "reason"),
    [
        ({"weekday_tinyint": "0"}, "weekday_tinyint must be 1 (Sunday) to 7 (Saturday), not '0'"),
        ({"weekday_tinyint": "8"}, "weekday_tinyint must be 1"),
        ({"start_time": "7pm"}, "start_time must look like 19:30:00, not '7pm'"),
        ({"start_time": "24:00:00"}, "start_time must look like 19:30:00"),
        ({"duration_time": "1h"}, "duration_time must look like 01:30:00, not '1h'"),
        ({"duration_time": "25:00:00"}, "duration_time '25:00:00' is longer than a day"),
        ({"venue_type": "4"}, "venue_type must be 1 (in person), 2 (virtual) or 3 (hybrid)"),
        ({"meeting_name": ["a", "list"]}, "meeting_name must be text, not list"),
    ],
)
def test_each_broken_bmlt_value_refuses_the_meeting_with_its_reason(values, reason) -> None:
    with pytest.raises(MeetingRejected) as raised:
        record(**values)

    assert reason in str(raised.value)
    assert str(raised.value).startswith("101: ")


@pytest.mark.parametrize(
    ("item", "reason"),
    [
        ("text", "meeting #1: is not a JSON object"),
        ({"id_bigint": "abc"}, "meeting #1: has no id_bigint"),
    ],
)
def test_a_meeting_without_a_numeric_id_is_refused_by_its_place(item, reason) -> None:
    with pytest.raises(MeetingRejected, match=reason):
        READER.slug(item, 0)


def test_an_aggregator_s_meeting_is_known_by_its_server_and_its_id() -> None:
    assert READER.slug(meeting(root_server_id="12"), 0) == "12-101"
    assert READER.slug(meeting(), 0) == "101"


@pytest.mark.parametrize(
    ("venue", "formats", "attendance"),
    [("1", "", "in_person"), ("2", "", "online"), ("3", "", "hybrid"), ("", "2", "online"),
     ("", "3", "hybrid"), ("", "", "in_person")],
)  # fmt: skip
def test_the_venue_type_or_else_the_virtual_and_hybrid_formats_say_how_to_attend(
    venue, formats, attendance
) -> None:
    found = record(venue_type=venue, format_shared_id_list=formats)

    assert found["attendance_option"] == attendance


def test_formats_become_types_by_world_id_and_others_keep_their_names() -> None:
    found = record(format_shared_id_list="1,5,2")

    assert found["types"] == ["O"]
    assert found["_other_formats"] == [{"en": "Candlelight", "es": "Con velas"}]


def test_a_language_format_gives_each_language_it_names() -> None:
    assert record(format_shared_id_list="4")["types"] == ["LT", "RUS"]
    assert record(format_shared_id_list="6")["types"] == ["S"]


def test_older_answers_name_formats_by_key() -> None:
    assert record(formats="O,CL")["types"] == ["O"]


def test_the_address_is_built_from_its_parts_and_the_area_is_the_service_body() -> None:
    found = record()

    assert found["formatted_address"] == "12 Oak Street, Brooklyn, NY 11201, USA"
    assert (found["country"], found["region"], found["approximate"]) == ("US", "Central Area", "no")


def test_a_street_written_where_the_building_name_goes_is_read_as_the_street() -> None:
    found = record(location_street="", location_text="80 Old Mill Road")

    assert found["address"] == "80 Old Mill Road"
    assert "location" not in found


def test_a_meeting_without_a_street_is_listed_at_its_town_and_the_operator_is_told() -> None:
    item = meeting(location_street="", location_text="St. Mark's Church")

    assert READER.note(item, "101") == (
        '101: no street address (location_text is "St. Mark\'s Church"); listed in person '
        "with its town's address, marked approximate"
    )
    assert READER.note(meeting(), "101") == ""
    assert READER.note(meeting(location_street="", venue_type="2"), "101") == ""


def test_train_and_bus_lines_go_into_the_location_notes() -> None:
    found = record(location_info="Side door", train_lines="A, C", bus_lines="B25")

    assert found["location_notes"] == "Side door\nTrains: A, C\nBuses: B25"


def test_the_hash_changes_when_a_value_we_read_changes_and_not_otherwise() -> None:
    same = READER.digest(meeting(), "sig")

    assert READER.digest(meeting(contact_email_1="x@example.org"), "sig") == same
    assert READER.digest(meeting(start_time="20:00:00"), "sig") != same
