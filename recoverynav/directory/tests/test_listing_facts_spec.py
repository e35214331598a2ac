"""What a listing says about itself wherever it is shown (the facility page, a search result,
the API): address lines, call links, directions, labels in the page's language and whether a
current source confirms it; the same from a model and from a search's listing row."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from recoverynav.directory import vocabulary
from recoverynav.directory.selectors import search_facilities
from recoverynav.directory.tests.factories import CHARLOTTESVILLE, make_facility

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def listed(facility):
    """The search's listing row for `facility`."""
    found = search_facilities(latitude=CHARLOTTESVILLE[0], longitude=CHARLOTTESVILLE[1])
    return next(listing for listing in found.facilities if listing.pk == facility.pk)


@pytest.mark.parametrize(
    ("values", "lines"),
    [
        ({}, ["7 Main Street", "Charlottesville, VA 22902"]),
        ({"address_2": "Suite 4"}, ["7 Main Street", "Suite 4", "Charlottesville, VA 22902"]),
        ({"address_1": ""}, ["Charlottesville, VA 22902"]),
        ({"city": "", "state": ""}, ["7 Main Street", "22902"]),
    ],
)
def test_address_lines_leave_out_what_the_listing_does_not_have(values, lines) -> None:
    facility = make_facility(**({"address_1": "7 Main Street"} | values))

    assert facility.address_lines == lines
    assert listed(facility).address_lines == lines


def test_a_listing_dials_its_number_without_the_extension() -> None:
    facility = make_facility(phone="(434) 555-0100 ext. 12", intake_phone="1-800-662-HELP")

    assert facility.phone_uri == listed(facility).phone_uri == "tel:+14345550100"
    assert facility.intake_phone_uri == "tel:+18006624357"


def test_directions_go_to_the_building_s_point_when_we_have_it() -> None:
    facility = make_facility(latitude=38.0293, longitude=-78.4767)

    url = facility.directions_url

    assert url.startswith("https://www.openstreetmap.org/directions?to=38.0293")
    assert ",-78.4767" in url


def test_directions_go_to_the_address_when_we_only_have_the_zip_code_s_point() -> None:
    facility = make_facility(location_approximate=True, address_1="7 Main Street")

    url = facility.directions_url

    assert "38.0293" not in url
    assert "Main" in url


@pytest.mark.parametrize(
    ("since_days", "verified_days", "current"),
    [(None, 4000, True), (30, 10, True), (30, 30, True), (30, 31, False)],
)
def test_a_listing_is_current_when_its_information_is_as_new_as_the_setting_asks(
    settings, since_days, verified_days, current
) -> None:
    settings.DIRECTORY_CURRENT_SINCE = TODAY - dt.timedelta(days=since_days) if since_days else None
    facility = make_facility(last_verified=TODAY - dt.timedelta(days=verified_days))

    assert facility.is_current is current


def test_labels_are_in_the_page_s_language_in_the_vocabulary_s_order() -> None:
    facility = make_facility(attributes={"payment": ["self_pay", "medicaid"]})

    assert facility.payment_labels == ["Medicaid", "Cash or self-pay"]
    with translation.override("es"):
        spanish = facility.payment_labels
    assert len(spanish) == 2
    assert spanish != ["Medicaid", "Cash or self-pay"]


def test_languages_list_ours_then_the_ones_the_listing_spells_out() -> None:
    facility = make_facility(
        attributes={"language": ["spanish", "other"]}, other_languages=["Tagalog", "Hmong"]
    )

    assert facility.language_labels == ["Spanish", "Tagalog", "Hmong"]
    assert listed(facility).language_labels == ["Spanish", "Tagalog", "Hmong"]


def test_a_listing_row_reads_the_same_labels_as_its_model() -> None:
    facility = make_facility(
        attributes={"setting": ["outpatient", "telehealth"], "medication": ["buprenorphine"]},
        is_otp=True,
    )

    row = listed(facility)

    assert row.setting_labels == facility.setting_labels
    assert row.medication_labels == facility.medication_labels
    assert row.get_absolute_url() == facility.get_absolute_url() == f"/treatment/{facility.pk}/"
    assert row.is_otp is True


def test_a_group_s_bits_read_back_as_the_values_chosen() -> None:
    for group in vocabulary.GROUPS.values():
        chosen = list(group.values)[::2]

        assert group.decode(group.mask(chosen)) == chosen
        assert group.mask(["not-a-value"]) == 0
