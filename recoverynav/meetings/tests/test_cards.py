"""A meeting's result card, built in Python for speed: times, status, place and escaping."""

import datetime as dt
import os
from pathlib import Path

import pytest
from django.utils import translation

from recoverynav.meetings.cards import MeetingCards
from recoverynav.meetings.listings import MeetingListing, meeting_listing
from recoverynav.meetings.models import Meeting
from recoverynav.meetings.schedule import Status
from recoverynav.meetings.tests.conftest import import_records, meeting_record

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Cards word themselves in the active language; an earlier request may have left Spanish."""
    with translation.override("en"):
        yield


# Monday 30 November 2026, 11:50 in Charlottesville (16:50 UTC).
MONDAY_BEFORE_NOON = dt.datetime(2026, 11, 30, 16, 50, tzinfo=dt.UTC)


def a_result(*, viewer_zone: str = "", **record) -> MeetingListing:
    import_records([meeting_record(**record)], fellowship="aa")
    meeting = Meeting.objects.prefetch_related("times").get(
        source_slug=record.get("slug", "serenity-noon")
    )
    listing = meeting_listing(meeting, now=MONDAY_BEFORE_NOON, viewer_zone=viewer_zone)
    listing.status = Status(kind="soon", minutes=10)
    listing.miles = 1.25
    return listing


def test_a_result_shows_when_where_how_far_and_what_kind() -> None:
    html = MeetingCards().card(a_result())

    assert (
        '<h3 translate="no"><a href="/meetings/test-serenity-noon/">Serenity at Noon</a></h3>'
        in html
    )
    assert '<p class="tag tag-soon"><strong>Starts in 10 minutes</strong></p>' in html
    assert 'Monday · noon to 1 p.m. <span class="muted">(Eastern time)</span>' in html
    assert "Trinity Church, 1118 Preston Ave, Charlottesville, VA 22903, USA" in html
    assert "1.3 miles away" in html
    assert "Alcoholics Anonymous (AA) · Open, Discussion" in html
    assert 'data-kind="meeting"' in html
    assert "America/" not in html


def test_the_viewers_time_comes_first_and_the_meetings_own_beside_it_in_words() -> None:
    meeting = a_result(conference_url="https://zoom.us/j/123", viewer_zone="America/Los_Angeles")

    chosen = MeetingCards(viewer_zone="America/Los_Angeles", zone_chosen=True).card(meeting)
    guessed = MeetingCards(viewer_zone="America/Los_Angeles").card(meeting)

    assert (
        'Monday · 9 a.m. to 10 a.m. your time <span class="muted">(noon in Charlottesville)</span>'
        in chosen
    )
    assert "Monday · 9 a.m. to 10 a.m. Pacific time" in guessed  # not "your time": a guess


def test_weekdays_that_share_a_time_are_one_line_and_today_says_today() -> None:
    import_records(
        [meeting_record(day=[1, 3, 5]), meeting_record(slug="daily", day=list(range(7)))]
    )
    meeting, every_day = (
        meeting_listing(one, now=MONDAY_BEFORE_NOON)
        for one in Meeting.objects.prefetch_related("times").order_by("source_slug")[::-1]
    )
    cards = MeetingCards(today=dt.date(2026, 11, 30))  # a Monday

    assert "<li>Monday, Wednesday, Friday · noon to 1 p.m." in cards.card(meeting)
    assert "<li>Every day · noon to 1 p.m." in cards.card(every_day)
    meeting.shown_times = [meeting.shown_times[0]]
    assert "<li>Today · noon to 1 p.m." in cards.card(meeting)


def test_the_address_is_not_printed_twice() -> None:
    meeting = a_result(
        location="Alpha 180 House, 1904 Nueces St, Austin, TX 78705",
        formatted_address="1904 Nueces St, Austin, TX 78705, USA",
    )

    html = MeetingCards().card(meeting)

    shown = html.split("data-plan-save")[0]  # (the save button carries the address too)
    assert "Alpha 180 House, 1904 Nueces St, Austin, TX 78705, USA" in shown
    assert shown.count("1904 Nueces St") == 1


def test_a_meeting_without_set_times_says_so() -> None:
    meeting = a_result()

    html = MeetingCards().times([], meeting.meeting)

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


EXPECTED_CARD = Path(__file__).resolve().parent / "data" / "meeting_card.html"


def test_the_card_is_exactly_this_html() -> None:
    """The whole card, so a change of markup shows as a diff of tests/data/meeting_card.html
    (UPDATE_EXPECTED_HTML=1 rewrites the file; review the diff before committing it)."""
    listing = a_result(
        conference_url="https://zoom.us/j/123",
        viewer_zone="America/Los_Angeles",
        day=[1, 3],
        types=["O", "D", "X"],
    )

    html = MeetingCards(viewer_zone="America/Los_Angeles", zone_chosen=True).card(listing)

    if os.environ.get("UPDATE_EXPECTED_HTML"):
        EXPECTED_CARD.write_text(html + "\n", encoding="utf-8")
    assert html + "\n" == EXPECTED_CARD.read_text(encoding="utf-8")
