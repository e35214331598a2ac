"""What an imported meeting says about itself: how it can be attended, its weekly rows in its
own zone (across Saturday night too), its dial-in link, directions and type names."""

import pytest
from django.utils import translation

from recoverynav.meetings.models import FeedSource, Meeting
from recoverynav.meetings.schedule import MINUTES_PER_DAY, MINUTES_PER_WEEK
from recoverynav.meetings.tests.conftest import import_records, meeting_record

pytestmark = pytest.mark.django_db
ONLINE = {"conference_url": "https://zoom.us/j/1", "formatted_address": ..., "latitude": ...,
          "longitude": ...}  # fmt: skip


def imported(**overrides) -> Meeting:
    import_records([meeting_record(**overrides)], source="facts")
    return Meeting.objects.get(source__name="facts")


@pytest.mark.parametrize(
    ("overrides", "online", "in_person"),
    [
        ({}, False, True),
        (ONLINE, True, False),
        ({"conference_url": "https://zoom.us/j/1"}, True, True),
    ],
)
def test_a_meeting_says_whether_one_can_go_join_online_or_both(overrides, online, in_person):
    meeting = imported(**overrides)

    assert (meeting.is_online, meeting.is_in_person) == (online, in_person)


def test_a_meeting_on_three_days_has_three_weekly_rows_in_its_own_zone() -> None:
    meeting = imported(day=[1, 3, 5], time="19:00", end_time="20:00")

    rows = [(r.day, r.start_minute, r.end_minute, r.timezone) for r in meeting.weekly_times]
    assert rows == [
        (day, day * MINUTES_PER_DAY + 19 * 60, day * MINUTES_PER_DAY + 20 * 60, "America/New_York")
        for day in (1, 3, 5)
    ]


def test_a_saturday_night_meeting_runs_past_the_end_of_the_week() -> None:
    meeting = imported(day=6, time="23:30", end_time="00:30")

    row = meeting.weekly_times[0]
    assert row.end_minute == MINUTES_PER_WEEK + 30
    assert row.minute_of_day == 23 * 60 + 30


def test_a_meeting_without_a_day_has_no_weekly_rows() -> None:
    meeting = imported(day=..., time=..., end_time=...)

    assert meeting.weekly_times == []


def test_a_dial_in_number_gives_a_call_link_and_an_online_meeting_no_directions() -> None:
    meeting = imported(conference_phone="+19292056099,,537186093#", **ONLINE)

    assert meeting.phone_uri == "tel:+19292056099,,537186093%23"
    assert meeting.dial.number == "+1 929-205-6099"
    assert meeting.directions_url == ""


def test_a_meeting_one_can_go_to_has_directions_to_its_point() -> None:
    meeting = imported()

    assert (
        meeting.directions_url == "https://www.openstreetmap.org/directions?to=38.04020,-78.49170"
    )
    assert meeting.phone_uri == ""


def test_types_are_named_in_the_page_s_language() -> None:
    meeting = imported(types=["O", "X"])

    with translation.override("en"):
        english = meeting.type_labels
    with translation.override("es"):
        spanish = meeting.type_labels

    assert english == ["Open", "Wheelchair access"]
    assert spanish[1] == "Acceso en silla de ruedas"


def test_a_meeting_was_last_seen_at_its_source_s_last_successful_import() -> None:
    meeting = imported()

    assert meeting.last_seen == FeedSource.objects.get(name="facts").last_success_at
    assert meeting.get_absolute_url() == f"/meetings/{meeting.slug}/"
