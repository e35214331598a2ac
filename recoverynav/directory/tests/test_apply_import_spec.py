"""What an import does to the directory, whatever the format: counts that add up, one listing
per place, removals that are guarded, dry runs that leave no trace, and a moderator's work
that survives the next import."""

import datetime as dt

import pytest
from django.utils import timezone

from recoverynav.directory.importers.base import Parsed, Record
from recoverynav.directory.models import Facility, SourceRecord
from recoverynav.directory.services import (
    ImportRefused,
    apply_import,
    hide_facilities,
    mark_verified,
    merge_duplicate_places,
)

pytestmark = pytest.mark.django_db
OLD = dt.date(2024, 1, 1)


def place(number: int, **overrides) -> Record:
    values = {
        "source_id": f"id-{number}",
        "organization": "",
        "name": f"Place {number}",
        "latitude": 38.03,
        "longitude": -78.48,
        "last_verified": OLD,
        "address_1": f"{number} Main Street",
        "state": "VA",
        "postal_code": "22902",
        "phone": f"(434) 555-{number:04d}",
    }
    return Record(**(values | overrides))


def run(*records: Record, source: str = "county", **options):
    return apply_import(Parsed(records=list(records)), source=source, file_name="f.csv", **options)


def counts(result) -> tuple[int, ...]:
    return (result.created, result.merged, result.updated, result.unchanged, result.removed)


def test_a_first_import_creates_one_listing_per_place() -> None:
    result = run(place(1), place(2))

    assert counts(result) == (2, 0, 0, 0, 0)
    assert Facility.objects.count() == 2
    assert result.succeeded


def test_a_changed_row_updates_its_listing_and_an_unchanged_one_is_counted() -> None:
    run(place(1), place(2))

    result = run(place(1, phone="(434) 555-9999"), place(2))

    assert counts(result) == (0, 0, 1, 1, 0)
    assert Facility.objects.get(name="Place 1").phone == "(434) 555-9999"


def test_two_rows_of_one_file_about_one_place_are_one_listing() -> None:
    result = run(place(1), place(1, source_id="id-1b", name="Place 1, Inc."))

    assert (result.created, result.merged) == (1, 1)
    assert Facility.objects.count() == 1


def test_rows_repeating_an_id_become_one_record_with_everything_they_say() -> None:
    run(
        place(1, attributes={"medication:methadone"}),
        place(1, attributes={"medication:buprenorphine"}),
    )

    record = SourceRecord.objects.get()
    assert set(record.data["attributes"]) == {"medication:methadone", "medication:buprenorphine"}


def test_another_source_s_row_about_a_known_place_joins_it() -> None:
    run(place(1))

    result = run(place(1, source_id="x"), source="otp")

    assert (result.created, result.merged) == (0, 1)
    assert Facility.objects.get().records.count() == 2


def test_a_dry_run_counts_the_changes_and_keeps_none_but_the_run_itself() -> None:
    result = run(place(1), dry_run=True)

    assert result.created == 1
    assert result.dry_run
    assert result.pk
    assert not Facility.objects.exists()
    assert not SourceRecord.objects.exists()


def test_rows_left_out_are_kept_unless_removal_is_asked_for() -> None:
    run(place(1), place(2), place(3))

    kept = run(place(1), place(2))
    removed = run(place(1), place(2), remove_missing=True)

    assert kept.removed == 0
    assert removed.removed == 1
    assert set(Facility.objects.values_list("name", flat=True)) == {"Place 1", "Place 2"}


def test_a_removal_of_more_than_half_is_refused_and_changes_nothing() -> None:
    run(place(1), place(2), place(3))

    with pytest.raises(ImportRefused, match=r"remove 2 of the 3 records of 'county'"):
        run(place(1), remove_missing=True)

    assert Facility.objects.count() == 3


def test_force_allows_a_large_removal() -> None:
    run(place(1), place(2), place(3))

    assert run(place(1), remove_missing=True, force=True).removed == 2


def test_a_refused_row_s_listing_is_not_removed_with_the_missing() -> None:
    run(place(1), place(2))

    parsed = Parsed(records=[place(1)], errors=["line 3: bad"], rejected_ids={"id-2"})
    result = apply_import(parsed, source="county", file_name="f.csv", remove_missing=True)

    assert (result.removed, result.rejected) == (0, 1)
    assert Facility.objects.count() == 2


def test_a_place_no_source_lists_any_more_leaves_the_directory() -> None:
    run(place(1), place(2))

    run(place(1), remove_missing=True, force=True)

    assert list(Facility.objects.values_list("name", flat=True)) == ["Place 1"]


def test_a_moderator_s_newer_check_survives_the_next_import() -> None:
    run(place(1))
    mark_verified(facilities=Facility.objects.all())

    run(place(1, phone="(434) 555-7777"))

    assert Facility.objects.get().last_verified == timezone.localdate()


def test_a_hidden_listing_stays_hidden_when_a_duplicate_is_folded_into_it() -> None:
    run(place(1))
    hide_facilities(facilities=Facility.objects.all())
    run(place(1, source_id="again", name="Place 1 LLC"), source="otp", fold_duplicates=False)

    merge_duplicate_places()

    assert not Facility.objects.filter(is_active=True).exists()


def test_folding_finds_nothing_to_fold_in_a_directory_of_distinct_places() -> None:
    run(place(1), place(2), fold_duplicates=False)

    assert merge_duplicate_places() == 0
    assert Facility.objects.count() == 2
