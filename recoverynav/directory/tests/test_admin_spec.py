"""The directory in the admin, as moderators and operators use it: every page loads, the
'confirmed by a current source' filter, marking listings verified, working through problem
reports, and import runs that can be read but never edited."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from recoverynav.directory.models import Facility, ImportRun, ProblemReport, SourceRecord
from recoverynav.directory.tests.factories import make_facility

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def listing() -> Facility:
    facility = make_facility(
        name="Blue Ridge Recovery", last_verified=TODAY - dt.timedelta(days=400)
    )
    SourceRecord.objects.create(
        facility=facility, source="county-2026", source_id="7", fingerprint="x", data={},
        last_verified=facility.last_verified,
    )  # fmt: skip
    ProblemReport.objects.create(facility=facility, kind="wrong_phone", details="It rang out.")
    return facility


@pytest.mark.parametrize(
    "url",
    [
        "/admin/directory/facility/",
        "/admin/directory/facility/?current=no",
        "/admin/directory/facility/?current=yes",
        "/admin/directory/facility/?q=Blue",
        "/admin/directory/facility/add/",
        "/admin/directory/organization/",
        "/admin/directory/problemreport/",
        "/admin/directory/problemreport/?status__exact=new",
        "/admin/directory/importrun/",
    ],
)
def test_every_directory_admin_page_loads(admin: Client, listing: Facility, url) -> None:
    assert admin.get(url).status_code == 200


def test_a_listing_s_page_shows_its_reports_and_its_sources(
    admin: Client, listing: Facility
) -> None:
    body = admin.get(f"/admin/directory/facility/{listing.pk}/change/").content.decode()

    assert "It rang out." in body
    assert "county-2026" in body


def test_the_current_filter_finds_what_searches_leave_out(
    admin: Client, listing: Facility, settings
) -> None:
    settings.DIRECTORY_CURRENT_SINCE = TODAY - dt.timedelta(days=30)
    fresh = make_facility(name="Fresh listing")

    left_out = admin.get("/admin/directory/facility/", {"current": "no"})
    shown = admin.get("/admin/directory/facility/", {"current": "yes"})

    assert list(left_out.context["cl"].result_list) == [listing]
    assert list(shown.context["cl"].result_list) == [fresh]


def test_with_no_current_since_no_listing_is_left_out(
    admin: Client, listing: Facility, settings
) -> None:
    settings.DIRECTORY_CURRENT_SINCE = None

    response = admin.get("/admin/directory/facility/", {"current": "no"})

    assert response.context["cl"].result_count == 0


def test_marking_listings_verified_dates_them_today_and_says_how_many(
    moderator: Client, listing: Facility
) -> None:
    listing.as_of_year_only = True
    listing.save()

    response = moderator.post(
        "/admin/directory/facility/",
        {"action": "mark_verified", "_selected_action": [listing.pk]},
        follow=True,
    )

    listing.refresh_from_db()
    assert (listing.last_verified, listing.as_of_year_only) == (TODAY, False)
    assert "1 listings marked verified." in response.content.decode()


@pytest.mark.parametrize(
    ("action", "status", "verified", "shown"),
    [
        ("resolve_and_verify", "resolved", True, True),
        ("resolve", "resolved", False, True),
        ("dismiss", "dismissed", False, True),
        ("hide_listing", "resolved", False, False),
    ],
)
def test_each_report_action_closes_the_report_as_it_says(
    moderator: Client, listing: Facility, action: str, status: str, verified: bool, shown: bool
) -> None:
    report = listing.reports.get()

    moderator.post(
        "/admin/directory/problemreport/",
        {"action": action, "_selected_action": [report.pk]},
    )

    report.refresh_from_db()
    listing.refresh_from_db()
    assert report.status == status
    assert report.resolved is not None
    assert report.resolved_by.username == "moderator"
    assert (listing.last_verified == TODAY) is verified
    assert listing.is_active is shown


def test_new_reports_come_before_handled_ones(admin: Client, listing: Facility) -> None:
    handled = ProblemReport.objects.create(facility=listing, kind="closed", status="dismissed")
    waiting = listing.reports.get(status="new")
    handled.created = waiting.created + dt.timedelta(days=1)
    handled.save()

    response = admin.get("/admin/directory/problemreport/")

    assert list(response.context["cl"].result_list) == [waiting, handled]


def test_no_one_adds_a_report_by_hand(admin: Client) -> None:
    assert admin.get("/admin/directory/problemreport/add/").status_code == 403


def test_an_import_run_can_be_read_but_not_added_or_changed(admin: Client) -> None:
    run = ImportRun.objects.create(source="county-2026", file_name="county.csv")

    assert admin.get("/admin/directory/importrun/add/").status_code == 403
    page = admin.get(f"/admin/directory/importrun/{run.pk}/change/")
    assert page.status_code == 200
    assert 'name="source"' not in page.content.decode()


def test_the_import_runs_page_lists_each_source_above_the_runs(
    admin: Client, listing: Facility
) -> None:
    response = admin.get("/admin/directory/importrun/")

    assert [summary.slug for summary in response.context["sources"]] == ["county-2026"]


def test_a_moderator_without_an_account_is_sent_to_sign_in(visitor: Client) -> None:
    response = visitor.get("/admin/directory/problemreport/")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
