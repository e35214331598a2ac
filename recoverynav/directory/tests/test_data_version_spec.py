"""When the directory's data counts as changed, for clients that revalidate its exports: a
successful import or a listing shown or hidden changes the version; a dry run, a failed run
or nothing at all does not."""

import pytest
from django.utils import timezone

from recoverynav.directory.models import Facility, ImportRun
from recoverynav.directory.selectors import hsds_data_version
from recoverynav.directory.services import hide_facilities
from recoverynav.directory.tests.factories import make_facility

pytestmark = pytest.mark.django_db


def test_the_version_stays_the_same_while_nothing_changes() -> None:
    make_facility()

    assert hsds_data_version() == hsds_data_version()


def test_a_successful_import_changes_the_version_and_dates_it() -> None:
    make_facility()
    before, _ = hsds_data_version()
    finished = timezone.now()

    ImportRun.objects.create(source="county", succeeded=True, finished=finished)

    tag, last_modified = hsds_data_version()
    assert tag != before
    assert last_modified == finished


@pytest.mark.parametrize("run", [{"dry_run": True, "succeeded": True}, {"succeeded": False}])
def test_a_dry_run_or_a_failed_run_changes_nothing(run: dict) -> None:
    make_facility()
    before = hsds_data_version()

    ImportRun.objects.create(source="county", finished=timezone.now(), **run)

    assert hsds_data_version() == before


def test_hiding_or_adding_a_listing_changes_the_version() -> None:
    facility = make_facility()
    first, _ = hsds_data_version()

    hide_facilities(facilities=[facility])
    hidden, _ = hsds_data_version()
    make_facility()
    added, _ = hsds_data_version()

    assert len({first, hidden, added}) == 3


def test_an_empty_directory_has_a_version_without_a_date() -> None:
    tag, last_modified = hsds_data_version()

    assert tag
    assert last_modified is None
    assert not Facility.objects.exists()
