"""The finders' cards give "Save to my plan" what the plan needs to reach a place later: its
phone and address, a meeting's address and time (the contract in docs/plan.md)."""

import datetime as dt

import pytest
from django.utils import translation

from recoverynav.directory.cards import FacilityCards
from recoverynav.directory.tests.factories import make_facility
from recoverynav.meetings.cards import MeetingCards
from recoverynav.meetings.listings import meeting_listing
from recoverynav.meetings.models import Meeting
from recoverynav.meetings.tests.conftest import import_records, meeting_record

pytestmark = pytest.mark.django_db

# Monday 30 November 2026, 11:50 in Charlottesville (16:50 UTC).
MONDAY_BEFORE_NOON = dt.datetime(2026, 11, 30, 16, 50, tzinfo=dt.UTC)


def save_button_of(html: str) -> str:
    start = html.index('<a class="button button-secondary plan-save"')
    return html[start : html.index(">", start)]


def test_a_treatment_card_saves_the_places_phone_and_address() -> None:
    facility = make_facility(name="Hope House", phone="(434) 555-0100")

    with translation.override("en"):
        button = save_button_of(FacilityCards().card(facility))

    assert 'data-phone="(434) 555-0100"' in button
    assert f'data-address="{", ".join(facility.address_lines)}"' in button


def test_a_place_with_only_an_intake_number_saves_that_one() -> None:
    facility = make_facility(phone="", intake_phone="434-555-0199")

    with translation.override("en"):
        button = save_button_of(FacilityCards().card(facility))

    assert 'data-phone="434-555-0199"' in button


def a_meeting(**record) -> Meeting:
    import_records([meeting_record(**record)])
    return Meeting.objects.prefetch_related("times").get()


def test_a_meeting_card_saves_its_address_and_first_time() -> None:
    meeting = meeting_listing(a_meeting(), now=MONDAY_BEFORE_NOON)

    with translation.override("en"):
        button = save_button_of(MeetingCards().card(meeting))

    assert 'data-address="1118 Preston Ave, Charlottesville, VA 22903, USA"' in button
    assert 'data-when="Monday noon to 1 p.m."' in button


def test_an_online_meetings_time_is_saved_in_the_viewers_own_time() -> None:
    meeting = meeting_listing(
        a_meeting(conference_url="https://zoom.us/j/123", formatted_address=..., location=...),
        now=MONDAY_BEFORE_NOON,
        viewer_zone="America/Los_Angeles",
    )

    with translation.override("en"):
        button = save_button_of(MeetingCards().card(meeting))

    assert 'data-when="Monday 9 a.m. your time"' in button
    assert "data-address" not in button
