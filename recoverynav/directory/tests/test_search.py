"""search_facilities: the one query function behind the page, the API and the benchmark."""

import pytest

from recoverynav.directory.models import Facility
from recoverynav.directory.selectors import LIST_FIELDS, FacilityListing, search_facilities
from recoverynav.directory.tests.factories import CHARLOTTESVILLE, make_facility, miles_north
from recoverynav.directory.vocabulary import GROUPS

pytestmark = pytest.mark.django_db


def search(**kwargs):
    kwargs.setdefault("radius_miles", 25)
    return search_facilities(latitude=CHARLOTTESVILLE[0], longitude=CHARLOTTESVILLE[1], **kwargs)


def test_it_returns_the_nearest_first_with_their_distances() -> None:
    far = make_facility(name="Far", latitude=miles_north(20)[0])
    near = make_facility(name="Near", latitude=miles_north(2)[0])
    make_facility(name="Out of range", latitude=miles_north(40)[0])

    results = search()

    assert [f.name for f in results.facilities] == ["Near", "Far"]
    assert results.facilities[0].distance == pytest.approx(2, abs=0.05)
    assert results.facilities[1].distance == pytest.approx(20, abs=0.1)
    assert results.total == 2
    assert {near.pk, far.pk} == {f.pk for f in results.facilities}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"setting": ["outpatient"]}, {"Outpatient, Medicaid", "Outpatient, cash"}),
        (
            {"setting": ["outpatient", "residential"]},
            {"Outpatient, Medicaid", "Outpatient, cash", "Residential"},
        ),
        ({"setting": ["outpatient"], "payment": ["medicaid"]}, {"Outpatient, Medicaid"}),
        ({"medication": ["methadone"]}, {"Methadone clinic"}),
        ({"otp": ["yes"]}, {"Methadone clinic"}),
        ({"language": ["spanish"]}, {"Residential"}),
        ({"program": ["veterans"]}, set()),
        ({}, {"Outpatient, Medicaid", "Outpatient, cash", "Residential", "Methadone clinic"}),
    ],
)
def test_it_filters_by_any_value_within_a_group_and_every_group(filters, expected) -> None:
    make_facility(
        name="Outpatient, Medicaid", attributes={"setting": ["outpatient"], "payment": ["medicaid"]}
    )
    make_facility(
        name="Outpatient, cash", attributes={"setting": ["outpatient"], "payment": ["self_pay"]}
    )
    make_facility(
        name="Residential", attributes={"setting": ["residential"], "language": ["spanish"]}
    )
    make_facility(name="Methadone clinic", attributes={"medication": ["methadone"]}, is_otp=True)

    assert {f.name for f in search(filters=filters).facilities} == expected


def test_it_never_shows_hidden_listings() -> None:
    make_facility(name="Closed", is_active=False)

    assert search().total == 0


def test_it_pages_through_results_in_distance_order() -> None:
    for miles in range(1, 24):
        make_facility(name=f"{miles:02d} miles", latitude=miles_north(miles)[0])

    first = search(per_page=10)
    third = search(per_page=10, page=3)

    assert first.total == 23
    assert first.num_pages == 3
    assert [f.name for f in first.facilities][:2] == ["01 miles", "02 miles"]
    assert [f.name for f in third.facilities] == ["21 miles", "22 miles", "23 miles"]
    assert first.has_next
    assert not first.has_previous
    assert third.has_previous
    assert not third.has_next


def test_a_page_past_the_end_shows_the_last_page() -> None:
    make_facility()

    assert search(page=99).page == 1


def test_an_empty_area_gives_an_empty_page() -> None:
    results = search()

    assert results.total == 0
    assert results.facilities == []
    assert results.num_pages == 1


@pytest.mark.parametrize(("asked", "used"), [(1, 5), (25, 25), (500, 100)])
def test_the_radius_stays_between_5_and_100_miles(asked: float, used: float) -> None:
    assert search(radius_miles=asked).radius_miles == used


def test_it_reads_a_page_in_two_queries_whatever_the_number_of_results(
    django_assert_num_queries,
) -> None:
    for miles in range(30):
        make_facility(latitude=miles_north(miles / 2)[0], attributes={"payment": ["medicaid"]})

    with django_assert_num_queries(2):
        results = search(filters={"payment": ["medicaid"], "otp": []}, per_page=20)
        labels = [(f.name, f.payment_labels, f.setting_labels) for f in results.facilities]

    assert len(labels) == 20


def test_a_listing_says_what_the_facility_itself_says() -> None:
    """Results are read-only listings, not model instances: the page and the API read the
    same attributes of both, so they must agree on every one."""
    facility = make_facility(
        name="Region Ten",
        alternate_name="Outpatient",
        address_2="Suite 2",
        intake_phone="(434) 555-0199",
        website="https://example.org/",
        other_languages=["Tagalog"],
        is_otp=True,
        attributes={
            "setting": ["outpatient"],
            "medication": ["buprenorphine"],
            "payment": ["medicaid"],
            "language": ["spanish"],
            "age": ["adults"],
            "program": ["veterans"],
        },
    )
    stored = Facility.objects.get(pk=facility.pk)

    (listing,) = search().facilities

    assert isinstance(listing, FacilityListing)
    for name in LIST_FIELDS:
        assert getattr(listing, name) == getattr(stored, name), name
    for name in ["pk", "address_lines", "phone_uri", "intake_phone_uri", "directions_url"]:
        assert getattr(listing, name) == getattr(stored, name), name
    for name in ["setting_labels", "medication_labels", "payment_labels", "language_labels"]:
        assert getattr(listing, name) == getattr(stored, name) != [], name
    assert listing.is_current == stored.is_current
    assert listing.get_absolute_url() == stored.get_absolute_url()
    assert {name: listing.labels(name) for name in GROUPS} == {
        name: stored.labels(name) for name in GROUPS
    }


def test_a_listing_reads_only_columns_of_the_facility_table() -> None:
    columns = {field.name for field in Facility._meta.concrete_fields}

    assert set(LIST_FIELDS) <= columns
    assert "organization" not in LIST_FIELDS  # a listing never needs a second query
