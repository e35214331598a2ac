"""One "Report a problem" flow for facilities and meetings (issue 20: the twins had two
shapes): the same form, the same answers, the same limit, the same admin queue."""

import pytest
from django.test import Client

from recoverynav.core.models import ReportStatus
from recoverynav.directory.models import ProblemReport as FacilityReport
from recoverynav.directory.tests.factories import make_facility
from recoverynav.meetings.models import Meeting
from recoverynav.meetings.models import ProblemReport as MeetingReport
from recoverynav.meetings.tests.conftest import import_records, meeting_record

pytestmark = pytest.mark.django_db


def facility_listing() -> tuple[str, str, type]:
    facility = make_facility()
    return f"/treatment/{facility.pk}/report/", f"/treatment/{facility.pk}/", FacilityReport


def meeting_listing() -> tuple[str, str, type]:
    import_records([meeting_record()])
    slug = Meeting.objects.get().slug
    return f"/meetings/{slug}/report/", f"/meetings/{slug}/", MeetingReport


LISTINGS = pytest.mark.parametrize("listing", [facility_listing, meeting_listing])


@LISTINGS
def test_both_answer_the_same_way(visitor: Client, rate_limits, listing) -> None:
    rate_limits(problem_report="3/3600")  # every post counts, a refused one too
    url, listing_url, model = listing()

    shown = visitor.get(url)
    invalid = visitor.post(url, {"details": "No kind chosen"})
    sent = visitor.post(url, {"kind": "closed", "details": " Closed in May. "})
    visitor.post(url, {"kind": "other"})
    refused = visitor.post(url, {"kind": "other", "details": "Kept in the form"})

    assert (shown.status_code, invalid.status_code, sent.status_code) == (200, 400, 302)
    assert "Please check the form." in invalid.content.decode()
    assert sent["Location"] == listing_url + "?reported=1"
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 3500
    assert "Kept in the form" in refused.content.decode()
    report = model.objects.order_by("created").first()
    assert (report.kind, report.details, report.status) == ("closed", "Closed in May.", "new")
    assert model.objects.count() == 2


def test_the_limit_is_one_budget_for_both(visitor: Client, rate_limits) -> None:
    rate_limits(problem_report="1/3600")
    facility_url, _, _ = facility_listing()
    meeting_url, _, _ = meeting_listing()

    assert visitor.post(facility_url, {"kind": "closed"}).status_code == 302
    assert visitor.post(meeting_url, {"kind": "closed"}).status_code == 429


@LISTINGS
def test_moderators_resolve_or_dismiss_either_in_the_admin(
    visitor: Client, moderator: Client, listing
) -> None:
    url, _, model = listing()
    visitor.post(url, {"kind": "other", "details": "First"})
    visitor.post(url, {"kind": "other", "details": "Second"})
    first, second = model.objects.order_by("created")
    queue = f"/admin/{model._meta.app_label}/problemreport/"

    assert "Something else" in moderator.get(queue).content.decode()
    moderator.post(queue, {"action": "resolve", "_selected_action": [first.pk]})
    moderator.post(queue, {"action": "dismiss", "_selected_action": [second.pk]})

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.resolved_by.username) == (ReportStatus.RESOLVED, "moderator")
    assert first.resolved is not None
    assert second.status == ReportStatus.DISMISSED
