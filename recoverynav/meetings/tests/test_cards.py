"""A meeting's result card, built in Python for speed: times, status, place and escaping."""

import datetime as dt

import pytest
from django.utils import translation

from recoverynav.meetings.cards import MeetingCards
from recoverynav.meetings.models import Meeting
from recoverynav.meetings.schedule import Status
from recoverynav.meetings.selectors import occurrences
from recoverynav.meetings.tests.conftest import import_records, meeting_record

pytestmark = pytest.mark.django_db

# Monday 30 November 2026, 11:50 in Charlottesville (16:50 UTC).
MONDAY_BEFORE_NOON = dt.datetime(2026, 11, 30, 16, 50, tzinfo=dt.UTC)


def a_result(**record) -> Meeting:
    import_records([meeting_record(**record)])
    meeting = Meeting.objects.prefetch_related("times").get()
    meeting.shown_times = occurrences(meeting, now=MONDAY_BEFORE_NOON)
    meeting.status = Status(kind="soon", minutes=10)
    meeting.miles = 1.25
    return meeting


def test_a_result_shows_when_where_how_far_and_what_kind() -> None:
    html = MeetingCards().card(a_result())

    assert '<h3><a href="/meetings/test-serenity-noon/">Serenity at Noon</a></h3>' in html
    assert "<strong>Starts in 10 minutes</strong>" in html
    assert 'Monday noon to 1 p.m. <span class="muted">(America/New_York)</span>' in html
    assert "Trinity Church, 1118 Preston Ave, Charlottesville, VA 22903, USA" in html
    assert "1.3 miles away" in html
    assert "Open" in html
    assert 'data-kind="meeting"' in html


def test_an_online_meeting_also_shows_the_viewers_own_time() -> None:
    meeting = a_result(conference_url="https://zoom.us/j/123", formatted_address=..., location=...)
    meeting.shown_times = occurrences(
        meeting, now=MONDAY_BEFORE_NOON, viewer_zone="America/Los_Angeles"
    )

    html = MeetingCards().card(meeting)

    assert "<strong>Monday 9 a.m. your time</strong>" in html


def test_a_meeting_without_set_times_says_so() -> None:
    html = MeetingCards().times([], "America/New_York")

    assert "By appointment or no set time" in html


def test_every_value_from_the_feed_is_escaped() -> None:
    meeting = a_result(name='<img src=x onerror="alert(1)">', location="<b>Hall</b>")

    html = MeetingCards().card(meeting)

    assert "<img src=x" not in html
    assert "<b>Hall</b>" not in html
    assert "&lt;img" in html


def test_it_speaks_spanish() -> None:
    meeting = a_result()
    meeting.status = Status(kind="now", minutes=1)

    with translation.override("es"):
        html = MeetingCards().card(meeting)

    assert "En curso · termina en 1 minuto" in html
    assert "1,3" in html
    assert 'href="/es/meetings/test-serenity-noon/"' in html
