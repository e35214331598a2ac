"""The facility card, built in Python for speed, says the same as the template it replaced."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from recoverynav.directory.cards import FacilityCards, facility_card
from recoverynav.directory.tests.factories import make_facility

pytestmark = pytest.mark.django_db


def test_a_search_result_links_to_the_page_and_says_how_far_it_is() -> None:
    facility = make_facility(name="Hope House", website="https://hope.example/")
    facility.distance = 2.25

    html = FacilityCards().card(facility, in_list=True)

    assert f'<h3><a href="/treatment/{facility.pk}/">Hope House</a></h3>' in html
    assert "<strong>2.3 miles away</strong>" in html
    assert '<a class="button" href="tel:4345550100">Call 434-555-0100</a>' in html
    assert '<a href="https://hope.example/" rel="noopener noreferrer">Website</a>' in html
    assert f'href="/treatment/{facility.pk}/report/"' in html
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


def test_the_facility_page_card_has_no_link_or_distance() -> None:
    html = facility_card(make_facility(name="Hope House"))

    assert "<h3>Hope House</h3>" in html
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


def test_an_old_listing_asks_to_call_ahead() -> None:
    old = make_facility(last_verified=timezone.localdate() - dt.timedelta(days=5 * 365))

    assert "Please call ahead before you go." in facility_card(old)


def test_the_call_ahead_notice_starts_the_day_after_the_listing_turns_stale(settings) -> None:
    settings.DIRECTORY_STALE_AFTER_DAYS = 365
    today = timezone.localdate()
    just_fresh = make_facility(last_verified=today - dt.timedelta(days=365))
    just_stale = make_facility(last_verified=today - dt.timedelta(days=366))

    assert not just_fresh.is_stale
    assert "Please call ahead" not in facility_card(just_fresh)
    assert just_stale.is_stale
    assert "Please call ahead" in facility_card(just_stale)
