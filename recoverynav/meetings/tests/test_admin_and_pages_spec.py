"""Meetings in the admin and on their own pages: every admin page loads, import runs are a
record nobody edits, a problem report's outcomes, and the meeting page, its calendar and the
feed at their edges."""

import datetime as dt
import json

import pytest
from django.test import Client

from recoverynav.meetings.models import FeedSource, ImportRun, Meeting, ProblemReport
from recoverynav.meetings.tests.conftest import import_records, meeting_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting() -> Meeting:
    import_records(
        [
            meeting_record(slug="noon", name="Serenity at Noon"),
            meeting_record(
                slug="zoom",
                name="Zoom Hope",
                conference_url="https://zoom.us/j/1",
                formatted_address=...,
                latitude=...,
                longitude=...,
            ),
            meeting_record(
                slug="appointment", name="By Appointment", day=..., time=..., end_time=...
            ),
        ],
        source="cville",
    )
    return Meeting.objects.get(source_slug="noon")


@pytest.fixture
def report(meeting: Meeting) -> ProblemReport:
    """A visitor's report on the meeting (the only test data that names the report's fields)."""
    return ProblemReport.objects.create(
        meeting=meeting, kind="moved", details="The door is round the back."
    )


# --- admin -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/admin/meetings/feedsource/",
        "/admin/meetings/feedsource/add/",
        "/admin/meetings/importrun/",
        "/admin/meetings/meeting/",
        "/admin/meetings/meeting/?attendance__exact=online",
        "/admin/meetings/meeting/?q=serenity",
        "/admin/meetings/problemreport/",
        "/admin/meetings/problemreport/?status__exact=new",
    ],
)
def test_every_meetings_admin_page_loads(admin: Client, meeting: Meeting, url) -> None:
    assert admin.get(url).status_code == 200


def test_a_source_s_page_shows_its_runs(admin: Client, meeting: Meeting) -> None:
    source = FeedSource.objects.get(name="cville")

    response = admin.get(f"/admin/meetings/feedsource/{source.pk}/change/")

    assert response.status_code == 200
    assert ImportRun.objects.filter(source=source).exists()


def test_no_one_adds_an_import_run_by_hand(admin: Client) -> None:
    assert admin.get("/admin/meetings/importrun/add/").status_code == 403


def test_a_meeting_s_feed_identity_is_read_only_in_the_admin(
    admin: Client, meeting: Meeting
) -> None:
    body = admin.get(f"/admin/meetings/meeting/{meeting.pk}/change/").content.decode()

    assert 'name="source_slug"' not in body
    assert 'name="content_hash"' not in body
    assert "noon" in body


def test_a_report_s_words_are_kept_as_the_visitor_wrote_them(
    admin: Client, report: ProblemReport
) -> None:
    body = admin.get(f"/admin/meetings/problemreport/{report.pk}/change/").content.decode()

    assert "The door is round the back." in body
    assert 'name="details"' not in body


def test_a_moderator_resolves_a_report_and_is_named_on_it(
    moderator: Client, report: ProblemReport
) -> None:
    moderator.post(
        "/admin/meetings/problemreport/", {"action": "resolve", "_selected_action": [report.pk]}
    )

    report.refresh_from_db()
    assert report.status == "resolved"
    assert report.resolved_by.username == "moderator"


def test_waiting_reports_come_before_newer_handled_ones(
    admin: Client, report: ProblemReport
) -> None:
    handled = ProblemReport.objects.create(meeting=report.meeting, kind="moved", status="resolved")
    handled.created = report.created + dt.timedelta(days=1)
    handled.save()

    response = admin.get("/admin/meetings/problemreport/")

    assert list(response.context["cl"].result_list) == [report, handled]


# --- pages -----------------------------------------------------------------------------------


def test_a_meeting_without_a_weekly_time_has_a_page_but_no_calendar(
    visitor: Client, meeting: Meeting
) -> None:
    appointment = Meeting.objects.get(source_slug="appointment")

    assert visitor.get(f"/meetings/{appointment.slug}/").status_code == 200
    assert visitor.get(f"/meetings/{appointment.slug}/calendar.ics").status_code == 404


def test_a_meeting_s_calendar_is_a_download_named_after_it(visitor: Client, meeting: Meeting):
    response = visitor.get(f"/meetings/{meeting.slug}/calendar.ics")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{meeting.slug}.ics"'
    assert b"SUMMARY:Serenity at Noon" in response.content


def test_a_search_calendar_with_a_choice_we_do_not_know_is_a_plain_400(visitor: Client) -> None:
    response = visitor.get("/meetings/calendar.ics", {"day": "9"})

    assert response.status_code == 400
    assert response.content.decode() == (
        "This search has a choice we do not recognize. Please search again."
    )


def test_the_feed_is_open_to_other_sites_and_lists_one_source_on_request(
    visitor: Client, meeting: Meeting
) -> None:
    everything = visitor.get("/meetings/feed.json")
    unknown = visitor.get("/meetings/feed.json", {"source": "nowhere"})

    assert everything["Access-Control-Allow-Origin"] == "*"
    names = {record["name"] for record in json.loads(b"".join(everything))}
    assert names == {"Serenity at Noon", "Zoom Hope", "By Appointment"}
    assert b"".join(unknown) == b"[]"


def test_the_feed_sends_feedback_to_our_report_form_when_the_feed_gave_none(
    visitor: Client, meeting: Meeting
) -> None:
    records = json.loads(b"".join(visitor.get("/meetings/feed.json")))

    noon = next(record for record in records if record["name"] == "Serenity at Noon")
    assert noon["feedback_url"].endswith(f"/meetings/{meeting.slug}/report/")


def test_an_empty_report_is_asked_for_again(visitor: Client, meeting: Meeting) -> None:
    response = visitor.post(f"/meetings/{meeting.slug}/report/", {"details": "Moved"})

    assert response.status_code == 400
    assert response.context["form"].errors["kind"]
    assert not meeting.reports.exists()


def test_a_report_page_for_a_meeting_that_is_gone_is_a_404(visitor: Client) -> None:
    assert visitor.get("/meetings/no-such-meeting/report/").status_code == 404
    assert visitor.post("/meetings/no-such-meeting/report/", {"message": "x"}).status_code == 404


def test_a_report_is_kept_trimmed_and_the_visitor_is_thanked_on_the_meeting_page(
    visitor: Client, meeting: Meeting
) -> None:
    response = visitor.post(
        f"/meetings/{meeting.slug}/report/", {"kind": "wrong_time", "details": "  Now at 1 pm  "}
    )

    assert response["Location"] == f"/meetings/{meeting.slug}/?reported=1"
    assert meeting.reports.filter(kind="wrong_time", details="Now at 1 pm").exists()
