"""How a meeting can be attended, by the Meeting Guide spec's rules as TSML reads them: a link
or phone makes it joinable online, a street address makes it a place to go, TC closes the
building for now, and the feed's own attendance_option has the last word."""

import pytest

from recoverynav.meetings.importers.meeting_guide import (
    FeedContext,
    clean_meeting,
    specific_address,
)
from recoverynav.meetings.tests.conftest import meeting_record

ZOOM = {"conference_url": "https://zoom.us/j/1"}
PHONE = {"conference_phone": "+16465588656"}
NO_PLACE = {"formatted_address": ..., "latitude": ..., "longitude": ...}
TOWN_ONLY = {"formatted_address": "Charlottesville, VA", "latitude": ..., "longitude": ...}


def attendance(**overrides) -> str:
    found = clean_meeting(
        meeting_record(**overrides),
        source_slug="m",
        context=FeedContext(source="t", city_place=lambda city, state: (38.0, -78.5)),
    )
    return found.values["attendance"]


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({}, "in_person"),
        (ZOOM, "hybrid"),
        (PHONE, "hybrid"),
        ({**ZOOM, **NO_PLACE}, "online"),
        ({**PHONE, **NO_PLACE}, "online"),
        (NO_PLACE, "inactive"),
        ({"types": ["TC"]}, "temporarily_closed"),
        ({"types": ["TC"], **ZOOM}, "online"),
        ({**TOWN_ONLY}, "inactive"),
        ({**TOWN_ONLY, **ZOOM}, "online"),
    ],
)
def test_attendance_follows_from_links_addresses_and_tc(overrides: dict, expected: str) -> None:
    assert attendance(**overrides) == expected


@pytest.mark.parametrize(
    ("option", "overrides", "expected"),
    [
        ("online", ZOOM, "online"),
        ("in_person", ZOOM, "in_person"),
        ("hybrid", {**TOWN_ONLY, **ZOOM}, "hybrid"),
        ("in_person", TOWN_ONLY, "in_person"),
        ("inactive", {}, "inactive"),
        ("inactive", {"types": ["TC"]}, "temporarily_closed"),
    ],
)
def test_the_feed_s_own_attendance_option_has_the_last_word(option, overrides, expected) -> None:
    assert attendance(attendance_option=option, **overrides) == expected


@pytest.mark.parametrize(
    ("address", "formatted", "street"),
    [
        ("1118 Preston Ave", "", True),
        ("", "1118 Preston Ave, Charlottesville, VA 22903", True),
        ("", "Trinity Church, Preston Ave, Charlottesville, VA 22903, USA", True),
        ("", "San Francisco, CA", False),
        ("", "Charlottesville, VA 22903, USA", False),
        ("Online", "", False),
    ],
)
def test_a_street_address_is_a_door_and_a_town_is_not(address, formatted, street) -> None:
    assert specific_address({"address": address, "formatted_address": formatted}) is street


def test_a_town_only_address_is_marked_approximate_and_a_street_is_not() -> None:
    def approximate(**overrides) -> bool:
        found = clean_meeting(
            meeting_record(**overrides), source_slug="m", context=FeedContext(source="t")
        )
        return found.values["address_approximate"]

    assert approximate() is False
    assert approximate(formatted_address="Charlottesville, VA") is True
    assert approximate(formatted_address="Charlottesville, VA", approximate="no") is False
