"""The facility card, built in Python for speed (core/html.py has the parts every card
shares): what a result and the facility page say, in both languages, escaped; and the whole
card's markup, kept in tests/data so a change shows as a diff."""

import datetime as dt
import os
from pathlib import Path

import pytest
from django.utils import translation

from recoverynav.directory.cards import FacilityCards, facility_card
from recoverynav.directory.tests.factories import make_facility

pytestmark = pytest.mark.django_db


def test_a_search_result_links_to_the_page_and_says_how_far_it_is() -> None:
    facility = make_facility(name="Hope House", website="https://hope.example/")
    facility.distance = 2.25

    html = FacilityCards().card(facility, in_list=True)

    assert f'<h3 translate="no"><a href="/treatment/{facility.pk}/">Hope House</a></h3>' in html
    assert "<strong>2.3 miles away</strong>" in html
    assert '<a class="button" href="tel:+14345550100">Call (434) 555-0100</a>' in html
    assert '<a href="https://hope.example/" rel="noopener noreferrer">Website</a>' in html
    assert "/report/" not in html  # a result stays short; the page has the report link
    assert f'href="/treatment/{facility.pk}/report/"' in facility_card(facility)
    assert 'data-kind="facility"' in html


def test_the_distance_is_written_the_way_each_language_writes_numbers() -> None:
    facility = make_facility(name="Hope House")
    facility.distance = 12.75

    with translation.override("es"):
        spanish = FacilityCards().card(facility, in_list=True)
    english = FacilityCards().card(facility, in_list=True)

    assert "12,8" in spanish
    assert "12.8 miles away" in english
    assert f'href="/es/treatment/{facility.pk}/"' in spanish


def test_the_facility_page_card_leaves_the_name_to_the_heading_and_has_no_distance() -> None:
    html = facility_card(make_facility(name="Hope House"))

    assert "Hope House</h3>" not in html  # the page's h1 names it once
    assert "miles away" not in html


def test_the_facility_page_card_brings_the_save_buttons_script() -> None:
    html = facility_card(make_facility(name="Hope House"))

    assert html.count('<script src="/static/plan/save.js" defer') == 1


def test_a_search_result_leaves_the_script_to_the_list() -> None:
    facility = make_facility(name="Hope House")
    facility.distance = 1.0

    assert "<script" not in FacilityCards().card(facility, in_list=True)


def test_a_place_with_no_listed_services_has_no_empty_facts_list() -> None:
    bare = make_facility(name="Hope House")
    listed = make_facility(name="Region Ten", attributes={"payment": ["medicaid"]})

    assert "<dl" not in facility_card(bare)
    assert '<dl class="facts"><dt>Payment</dt><dd>Medicaid</dd></dl>' in facility_card(listed)


def test_every_value_from_the_data_is_escaped() -> None:
    facility = make_facility(
        name='<script>alert("x")</script>',
        address_1="1 <b>Main</b> St",
        website='https://x.example/"onmouseover="alert(1)',
        phone="<i>555</i>",
    )
    facility.distance = 1.0

    html = FacilityCards().card(facility, in_list=True)

    assert "<script>alert" not in html
    assert "<b>Main</b>" not in html
    assert '"onmouseover="' not in html
    assert "<i>555</i>" not in html
    assert "&lt;script&gt;" in html


def test_it_speaks_spanish_with_a_decimal_comma() -> None:
    facility = make_facility(attributes={"payment": ["medicaid"]})
    facility.distance = 3.14

    with translation.override("es"):
        html = FacilityCards().card(facility, in_list=True)

    assert "3,1" in html
    assert "Guardar en mi plan" in html
    assert f'href="/es/treatment/{facility.pk}/"' in html


def test_a_listing_no_current_source_confirms_asks_to_call_ahead(settings) -> None:
    settings.DIRECTORY_CURRENT_SINCE = dt.date(2023, 1, 1)
    old = make_facility(last_verified=dt.date(2021, 7, 1))

    assert not old.is_current
    assert "Please call ahead before you go." in facility_card(old)


def test_a_current_listing_with_a_phone_carries_no_notice(settings) -> None:
    settings.DIRECTORY_CURRENT_SINCE = dt.date(2023, 1, 1)
    current = make_facility(last_verified=dt.date(2023, 1, 1))

    assert current.is_current
    assert 'class="notice"' not in facility_card(current)


def test_a_listing_without_a_phone_says_so() -> None:
    html = facility_card(make_facility(phone=""))

    assert "We have no phone number for this place." in html
    assert "tel:" not in html


def test_words_in_the_phone_field_are_shown_as_text_without_a_call_link() -> None:
    html = facility_card(make_facility(phone="Call the front desk"))

    assert "<li>Call the front desk</li>" in html
    assert "tel:" not in html


def test_every_listing_is_current_when_the_setting_is_empty(settings) -> None:
    settings.DIRECTORY_CURRENT_SINCE = None

    assert make_facility(last_verified=dt.date(2017, 3, 31)).is_current


def test_an_approximate_location_is_said_and_its_distance_is_about() -> None:
    facility = make_facility(
        name="Hope House",
        address_1="7 Railroad Avenue",
        city="Attleboro",
        state="MA",
        postal_code="02703",
        location_approximate=True,
    )
    facility.distance = 2.25

    html = FacilityCards().card(facility, in_list=True)

    assert "<strong>About 2.3 miles away</strong>" in html
    assert '<p class="approximate">Approximate location</p>' in html
    assert (
        'href="https://www.openstreetmap.org/directions?to=7+Railroad+Avenue%2C+Attleboro%2C'
        '+MA+02703"' in html
    )


def test_an_exact_location_gets_directions_to_its_point() -> None:
    facility = make_facility(location_approximate=False)

    assert "directions?to=38.02930,-78.47670" in facility_card(facility)


def test_a_survey_year_is_shown_as_a_year_and_a_day_as_a_day() -> None:
    survey = make_facility(last_verified=dt.date(2023, 1, 1), as_of_year_only=True)
    export = make_facility(last_verified=dt.date(2026, 5, 25))

    assert "Information as of 2023 ·" in facility_card(survey)
    assert "Information as of May 25, 2026 ·" in facility_card(export)


def test_an_extension_is_shown_but_not_dialled() -> None:
    html = facility_card(make_facility(phone="(614) 224-4506 ext. 197"))

    assert '<a class="button" href="tel:+16142244506">Call (614) 224-4506 ext. 197</a>' in html


def test_a_place_that_does_not_publish_its_street_shows_its_town_and_says_so() -> None:
    facility = make_facility(
        name="South Coast Behavioral Health",
        address_1="",
        city="Irvine",
        state="CA",
        postal_code="92612",
        location_approximate=True,
    )

    html = facility_card(facility)
    with translation.override("es"):
        spanish = facility_card(facility)

    assert "<address>Street address not published<br>Irvine, CA 92612</address>" in html
    assert "Dirección no publicada" in spanish
    # Directions look the town up, not the middle of the ZIP code or "- - -".
    assert 'href="https://www.openstreetmap.org/directions?to=Irvine%2C+CA+92612"' in html


EXPECTED = Path(__file__).resolve().parent / "data"


@pytest.mark.parametrize(
    ("name", "in_list"), [("facility_card.html", True), ("facility_page_card.html", False)]
)
def test_the_card_is_exactly_this_html(name: str, in_list: bool) -> None:
    """The whole card, as a search lists it and as its page shows it, so a change of markup
    shows as a diff of tests/data/facility_*card.html (UPDATE_EXPECTED_HTML=1 rewrites the
    files; review the diff before committing them)."""
    facility = make_facility(
        pk=4242,
        name="Hope House",
        alternate_name="Hope & Recovery",
        address_1="7 Railroad Avenue",
        website="https://hope.example/",
        intake_phone="434-555-0199",
        last_verified=dt.date(2026, 5, 25),
        attributes={"setting": ["outpatient"], "payment": ["medicaid"]},
    )
    facility.distance = 2.25

    html = FacilityCards().card(facility, in_list=in_list)

    if os.environ.get("UPDATE_EXPECTED_HTML"):
        (EXPECTED / name).write_text(html + "\n", encoding="utf-8")
    assert html + "\n" == (EXPECTED / name).read_text(encoding="utf-8")


def test_a_kept_result_card_carries_each_searchs_own_link_and_distance() -> None:
    """Result cards are kept per process with marks where a search's own parts go."""
    facility = make_facility(name="Hope House")
    facility.distance = 2.25
    first = FacilityCards(search_query="place=22903").card(facility, in_list=True)
    facility.distance = 7.0
    again = FacilityCards(search_query="place=Richmond").card(facility, in_list=True)

    assert "place%3D22903" in first
    assert "2.3 miles away" in first
    assert "place%3DRichmond" in again
    assert "7.0 miles away" in again
    assert "22903" not in again.replace(facility.postal_code, "")


def test_an_edited_listing_shows_its_new_values_at_once() -> None:
    facility = make_facility(name="Hope House", phone="434-555-0100")
    facility.distance = 1.0
    before = FacilityCards().card(facility, in_list=True)
    facility.phone = "434-555-0199"
    facility.other_languages = ["Tagalog"]
    after = FacilityCards().card(facility, in_list=True)

    assert "555-0100" in before
    assert "555-0199" in after
    assert "555-0100" not in after
    assert "Tagalog" in after


def test_a_kept_card_is_the_card_built_afresh() -> None:
    from recoverynav.directory.cards import RESULT_CARDS

    facility = make_facility(name="Hope House", website="https://hope.example/")
    facility.distance = 3.5
    RESULT_CARDS.clear()
    built = FacilityCards(search_query="place=22903").card(facility, in_list=True)
    kept = FacilityCards(search_query="place=22903").card(facility, in_list=True)

    assert kept == built
    assert len(RESULT_CARDS.pieces) == 1
