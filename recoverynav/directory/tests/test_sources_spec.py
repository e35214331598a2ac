"""The sources a directory holds, as the data-sources page and the admin name them: each with
its name, citation, licence, newest date, record count and last good import, known ones in
their set order and an operator's own after them."""

import datetime as dt

import pytest
from django.utils import timezone

from recoverynav.directory.models import ImportRun, SourceRecord
from recoverynav.directory.sources import KNOWN, source_name, source_summaries
from recoverynav.directory.tests.factories import make_facility

pytestmark = pytest.mark.django_db


def hold(source: str, *days: dt.date) -> None:
    facility = make_facility()
    for number, day in enumerate(days):
        SourceRecord.objects.create(
            facility=facility, source=source, source_id=f"{source}-{number}", fingerprint="x",
            data={}, last_verified=day,
        )  # fmt: skip


def test_a_source_without_records_is_not_listed() -> None:
    ImportRun.objects.create(source="samhsa-otp", succeeded=True, finished=timezone.now())

    assert source_summaries() == []


def test_each_source_is_summed_up_with_its_newest_date_and_its_count() -> None:
    hold("samhsa-otp", dt.date(2026, 5, 25), dt.date(2026, 1, 1))

    [summary] = source_summaries()

    assert (summary.slug, summary.records, summary.as_of) == ("samhsa-otp", 2, dt.date(2026, 5, 25))
    assert summary.name == source_name("samhsa-otp")
    assert summary.citation == KNOWN["samhsa-otp"].citation
    assert summary.licence


def test_the_last_success_ignores_failed_runs_and_dry_runs() -> None:
    hold("county-2026", dt.date(2026, 2, 1))
    good = timezone.now() - dt.timedelta(days=3)
    ImportRun.objects.create(source="county-2026", succeeded=True, finished=good)
    ImportRun.objects.create(source="county-2026", succeeded=False, finished=timezone.now())
    ImportRun.objects.create(
        source="county-2026", succeeded=True, dry_run=True, finished=timezone.now()
    )

    assert source_summaries()[0].last_success == good


def test_known_sources_come_in_their_set_order_and_an_operator_s_own_after_them() -> None:
    hold("zebra-county", dt.date(2026, 1, 1))
    hold("samhsa-moud", dt.date(2020, 9, 30))
    hold("alpha-county", dt.date(2026, 1, 1))
    hold("samhsa-directory-2024", dt.date(2023, 1, 1))

    slugs = [summary.slug for summary in source_summaries()]

    assert slugs == ["samhsa-directory-2024", "samhsa-moud", "alpha-county", "zebra-county"]


def test_an_operator_s_own_source_has_a_plain_name_and_no_citation() -> None:
    hold("county-2026", dt.date(2026, 2, 1))

    [summary] = source_summaries()

    assert summary.name == "A list this site's team added"
    assert (summary.citation, summary.licence, summary.url) == ("", "", "")


def test_a_survey_year_source_is_shown_as_a_year() -> None:
    year_only = [slug for slug, known in KNOWN.items() if known.year_only]
    hold(year_only[0], dt.date(2023, 1, 1))

    assert source_summaries()[0].year_only is True


def test_every_known_source_has_a_name_a_citation_and_a_licence() -> None:
    for slug, known in KNOWN.items():
        assert str(known.name), slug
        assert known.citation, slug
        assert str(known.licence), slug
