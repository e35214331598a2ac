"""Report a problem → the admin's review queue → a moderator corrects or verifies the listing."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from recoverynav.core.models import RateCounter, ReportStatus
from recoverynav.directory.models import Facility, ProblemReport
from recoverynav.directory.tests.factories import make_facility

pytestmark = pytest.mark.django_db


def report(client: Client, facility: Facility, forwarded_for: str = "", **data) -> object:
    headers = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for else {}
    return client.post(
        f"/treatment/{facility.pk}/report/", {"kind": "wrong_phone", **data}, **headers
    )


def test_a_visitor_can_report_a_wrong_phone_number(visitor: Client) -> None:
    facility = make_facility()

    response = report(visitor, facility, details="The number rings a pizza shop.")

    assert response.status_code == 302
    assert response["Location"] == f"/treatment/{facility.pk}/?reported=1"
    saved = ProblemReport.objects.get()
    assert (saved.kind, saved.details, saved.status) == (
        "wrong_phone",
        "The number rings a pizza shop.",
        ReportStatus.NEW,
    )
    assert "Thank you" in visitor.get(response["Location"]).content.decode()


def test_the_report_form_needs_a_csrf_token() -> None:
    facility = make_facility()
    strict = Client(enforce_csrf_checks=True)

    assert report(strict, facility).status_code == 403
    assert not ProblemReport.objects.exists()


def test_the_report_form_explains_a_missing_choice(visitor: Client) -> None:
    facility = make_facility()

    response = visitor.post(f"/treatment/{facility.pk}/report/", {"details": "?"})

    assert response.status_code == 400
    assert "Please check the form." in response.content.decode()


def test_reports_are_lightly_rate_limited_without_storing_addresses(
    visitor: Client, rate_limits
) -> None:
    rate_limits(problem_report="2/3600")
    facility = make_facility()

    statuses = [report(visitor, facility).status_code for _ in range(3)]

    assert statuses == [302, 302, 429]
    assert ProblemReport.objects.count() == 2
    stored = [str(v) for r in ProblemReport.objects.values() for v in r.values()]
    stored += RateCounter.objects.values_list("key", flat=True)
    assert not any("127.0.0" in value for value in stored)


def test_the_refusal_says_when_to_try_again_and_keeps_the_words(
    visitor: Client, rate_limits
) -> None:
    rate_limits(problem_report="1/3600")
    facility = make_facility()
    report(visitor, facility)

    response = report(visitor, facility, details="The door is locked.")

    assert response.status_code == 429
    assert 3500 < int(response["Retry-After"]) <= 3600
    page = response.content.decode()
    assert "several reports from you recently" in page
    assert "The door is locked." in page


def test_the_moderator_sees_new_reports_in_the_admin_queue(
    moderator: Client, visitor: Client
) -> None:
    facility = make_facility(name="Hilltop Recovery")
    report(visitor, facility, kind="not_taking")

    page = moderator.get("/admin/directory/problemreport/").content.decode()

    assert "Hilltop Recovery" in page
    assert "It is not taking new patients" in page


def test_the_moderator_corrects_the_phone_and_marks_the_listing_verified(
    moderator: Client, visitor: Client
) -> None:
    facility = make_facility(last_verified=timezone.localdate() - dt.timedelta(days=500))
    report(visitor, facility, details="New number is 434-555-0199")
    queued = ProblemReport.objects.get()

    Facility.objects.filter(pk=facility.pk).update(phone="434-555-0199")
    response = moderator.post(
        "/admin/directory/problemreport/",
        {"action": "resolve_and_verify", "_selected_action": [queued.pk]},
    )

    assert response.status_code == 302
    queued.refresh_from_db()
    facility.refresh_from_db()
    assert queued.status == ReportStatus.RESOLVED
    assert queued.resolved_by.username == "moderator"
    assert facility.last_verified == timezone.localdate()
    assert "may be out of date" not in visitor.get(f"/treatment/{facility.pk}/").content.decode()


def test_the_moderator_can_edit_the_listing_in_the_admin(moderator: Client) -> None:
    facility = make_facility()

    page = moderator.get(f"/admin/directory/facility/{facility.pk}/change/")

    assert page.status_code == 200
    assert 'name="phone"' in page.content.decode()


def test_a_listing_confirmed_closed_leaves_the_search(moderator: Client, visitor: Client) -> None:
    facility = make_facility()
    report(visitor, facility, kind="closed")

    moderator.post(
        "/admin/directory/problemreport/",
        {"action": "hide_listing", "_selected_action": [ProblemReport.objects.get().pk]},
    )

    facility.refresh_from_db()
    assert not facility.is_active
    assert visitor.get(f"/treatment/{facility.pk}/").status_code == 404


def test_the_admin_shows_every_import_run(moderator: Client) -> None:
    from django.core.management import call_command

    from recoverynav.directory.tests.test_importers import DATA

    call_command("import_samhsa_keys", str(DATA / "methadone_keys_sample.csv"), stdout=None)

    page = moderator.get("/admin/directory/importrun/").content.decode()

    assert "samhsa-directory" in page
    assert "methadone_keys_sample.csv" in page


def test_the_admin_shows_each_source_with_its_records_date_and_last_success(
    moderator: Client,
) -> None:
    from django.core.management import call_command

    from recoverynav.directory.models import SourceRecord
    from recoverynav.directory.tests.test_national_directory import DIRECTORY_2024

    call_command("import_samhsa_directory", DIRECTORY_2024, stdout=None)

    page = moderator.get("/admin/directory/importrun/").content.decode()
    start = page.index("<h2>Sources</h2>")
    sources = page[start : page.index("</table>", start)]

    assert "national directory of treatment facilities, 2024 edition" in sources
    held = SourceRecord.objects.filter(source="samhsa-directory-2024").count()
    assert held > 10
    assert f"<td>{held}</td>" in sources  # records held
    assert "<td>2023</td>" in sources  # the survey's year
    assert "never" not in sources


def test_moderators_find_the_listings_no_current_source_confirms(
    moderator: Client, settings
) -> None:
    settings.DIRECTORY_CURRENT_SINCE = dt.date(2023, 1, 1)
    make_facility(name="Old Place", last_verified=dt.date(2021, 7, 1))
    make_facility(name="Current Place", last_verified=dt.date(2023, 1, 1))

    page = moderator.get("/admin/directory/facility/", {"current": "no"}).content.decode()

    assert "Old Place" in page
    assert "Current Place" not in page


def test_behind_a_proxy_each_visitor_has_their_own_report_limit(settings, rate_limits) -> None:
    rate_limits(problem_report="1/3600")
    settings.TRUSTED_PROXY_HOPS = 1
    facility = make_facility()
    first, second = Client(), Client()

    statuses = [
        report(first, facility, forwarded_for="203.0.113.7").status_code,
        report(second, facility, forwarded_for="198.51.100.9").status_code,
        report(first, facility, forwarded_for="203.0.113.7").status_code,
    ]

    assert statuses == [302, 302, 429]
