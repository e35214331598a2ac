"""The meeting page, iCalendar files, the report form and the Meeting Guide feed we publish."""

import datetime as dt
import json

import icalendar
import pytest
import time_machine

from recoverynav.meetings.models import FeedSource, Meeting, ProblemReport
from recoverynav.meetings.services import import_meetings
from recoverynav.meetings.tests.conftest import import_records, meeting_record

pytestmark = pytest.mark.django_db
ONLINE = {
    "slug": "zoom",
    "name": "Zoom Daily Reflections",
    "conference_url": "https://zoom.us/j/123",
    "conference_url_notes": "Password: serenity",
    "conference_phone": "+1 (646) 558-8656,,123#",
    "formatted_address": ...,
    "latitude": ...,
    "longitude": ...,
    "types": ["O", "DR", "ONL"],
}


def page(client, slug: str, language: str = "en") -> str:
    prefix = "/es" if language == "es" else ""
    return client.get(f"{prefix}/meetings/{Meeting.objects.get(source_slug=slug).slug}/")


def test_the_meeting_page_says_when_where_and_what_kind(visitor) -> None:
    import_records([meeting_record(types=["O", "BE", "XYZ"], group="Noon Group")])

    html = page(visitor, "serenity-noon").content.decode()

    assert "Monday · noon to 1 p.m." in html
    assert "(Eastern time)" in html
    assert "America/New_York" not in html
    assert "1118 Preston Ave, Charlottesville, VA 22903, USA" in html
    assert 'href="https://www.openstreetmap.org/directions?to=38.04020,-78.49170"' in html
    assert "Anyone may come, including family, friends and people who are curious." in html
    assert "Newcomer" in html
    assert "XYZ" not in html  # unknown codes are dropped
    assert "Noon Group" in html
    assert (
        '<link rel="alternate" type="application/json" title="Meetings Feed" '
        'href="http://testserver/meetings.json">' in html
    )
    assert "/report/" in html
    assert 'data-plan-save data-kind="meeting"' in html


def test_the_meeting_page_explains_types_in_spanish(visitor) -> None:
    import_records([meeting_record(types=["O", "W"])])

    html = page(visitor, "serenity-noon", "es").content.decode()

    assert "Abierta" in html
    assert "Mujeres" in html
    assert 'lunes · de 12:00 a 13:00 <span class="muted">(hora del este)</span>' in html.lower()


def test_an_online_meeting_page_says_how_to_join(visitor) -> None:
    import_records([meeting_record(**ONLINE)])

    html = page(visitor, "zoom").content.decode()

    assert 'href="https://zoom.us/j/123"' in html
    assert 'href="tel:+16465588656,,123%23"' in html
    assert "Password: serenity" in html
    assert "openstreetmap" not in html


def test_a_feeds_own_feedback_address_replaces_our_form(visitor) -> None:
    import_records([meeting_record(feedback_url="https://example.org/fix?m=1")])

    html = page(visitor, "serenity-noon").content.decode()

    assert 'href="https://example.org/fix?m=1"' in html
    assert "/report/" not in html


def test_a_visitor_can_report_a_problem_for_the_moderators(visitor, moderator) -> None:
    import_records([meeting_record()])
    meeting = Meeting.objects.get()
    url = f"/meetings/{meeting.slug}/report/"

    assert visitor.get(url).status_code == 200
    assert visitor.post(url, {"details": "No kind chosen"}).status_code == 400
    response = visitor.post(
        url, {"kind": "moved", "details": "  The meeting moved to the library.  "}
    )

    assert response.status_code == 302
    assert "Thank you" in visitor.get(response["Location"]).content.decode()
    saved = ProblemReport.objects.get()
    assert (saved.kind, saved.details, saved.status) == (
        "moved",
        "The meeting moved to the library.",
        "new",
    )
    queue = moderator.get("/admin/meetings/problemreport/").content.decode()
    assert "Serenity at Noon" in queue
    assert "It has moved" in queue


def test_reports_share_the_facility_reports_limit(visitor) -> None:
    """Issue 19: the meeting report form had no limit (40 of 40 accepted)."""
    import_records([meeting_record()])
    url = f"/meetings/{Meeting.objects.get().slug}/report/"

    statuses = [
        visitor.post(url, {"kind": "other", "details": f"Report {n}"}).status_code
        for n in range(40)
    ]

    assert statuses.count(302) == 5  # RATE_LIMITS["problem_report"], as for a facility
    assert set(statuses[5:]) == {429}
    assert ProblemReport.objects.count() == 5


def test_a_missing_meeting_is_a_404(visitor) -> None:
    assert visitor.get("/meetings/no-such-meeting/").status_code == 404
    assert visitor.get("/meetings/no-such-meeting/calendar.ics").status_code == 404


@time_machine.travel(dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC), tick=False)
def test_the_calendar_file_repeats_weekly_in_the_meetings_own_zone(visitor) -> None:
    import_records([meeting_record(day=[1, 3], time="19:30", end_time="20:45")])
    meeting = Meeting.objects.get()

    response = visitor.get(f"/meetings/{meeting.slug}/calendar.ics")

    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 2
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["America/New_York"]
    monday, wednesday = sorted(events, key=lambda e: e.decoded("dtstart"))
    start = monday.decoded("dtstart")
    assert str(start.tzinfo) == "America/New_York"
    assert (start.date().isoformat(), start.hour, start.minute) == ("2026-11-30", 19, 30)
    assert monday.decoded("dtend") - start == dt.timedelta(minutes=75)
    assert monday["RRULE"]["FREQ"] == ["WEEKLY"]
    assert monday["RRULE"]["BYDAY"] == ["MO"]
    assert wednesday["RRULE"]["BYDAY"] == ["WE"]
    assert b"TZID=America/New_York" in response.content
    assert "Serenity at Noon" in str(monday["SUMMARY"])


def test_a_search_can_be_saved_as_one_calendar(visitor) -> None:
    import_records([meeting_record(slug=f"m{i}", name=f"Group {i}") for i in range(3)])

    response = visitor.get("/meetings/calendar.ics", {"q": "group"})

    assert len(icalendar.Calendar.from_ical(response.content).walk("VEVENT")) == 3
    refused = visitor.get("/meetings/calendar.ics", {"day": "9"})
    assert refused.status_code == 400
    assert "Please search again" in refused.content.decode()


def read_feed(client, **params) -> list[dict]:
    response = client.get("/meetings/feed.json", params)
    assert response["Content-Type"] == "application/json"
    return json.loads(b"".join(response.streaming_content))


@pytest.fixture
def real_feeds(gazetteer, feeds_dir) -> None:
    for name, filename, fellowship, zone in [
        ("kansas-city", "kc.test.json", "aa", "America/Chicago"),
        ("sf-marin", "aasfmarin.test.json", "aa", "America/Los_Angeles"),
        ("al-anon-ma", "al-anon.json", "al-anon", "America/New_York"),
        ("edmonton", "edmonton.json", "aa", "America/Edmonton"),
    ]:
        source = FeedSource(name=name, fellowship=fellowship, default_timezone=zone)
        import_meetings(source=source, data=(feeds_dir / filename).read_bytes())


@pytest.mark.usefixtures("real_feeds")
def test_one_source_can_be_asked_for(visitor) -> None:
    assert len(read_feed(visitor, source="kansas-city")) == 206
    assert read_feed(visitor, source="nothing") == []


def test_a_search_link_without_a_distance_shows_the_default(visitor, gazetteer) -> None:
    html = visitor.get("/meetings/", {"place": "19103"}).content.decode()

    assert '<option value="10" selected>' in html
