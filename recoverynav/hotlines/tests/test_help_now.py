"""The help-now page: the emergency number and real hotlines for the visitor's country."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

COUNTRY_EMERGENCY_NUMBERS = [
    ("US", "911"),
    ("CA", "911"),
    ("GB", "999"),
    ("IE", "112"),
    ("AU", "000"),
    ("NZ", "111"),
]


@pytest.mark.parametrize(("country", "number"), COUNTRY_EMERGENCY_NUMBERS)
def test_it_shows_each_countrys_emergency_number(
    visitor: Client, hotlines: None, country: str, number: str
) -> None:
    html = visitor.get("/help-now/", {"country": country}).content.decode()

    assert f'href="tel:{number}"' in html


def test_it_defaults_to_the_united_states(visitor: Client, hotlines: None) -> None:
    html = visitor.get("/help-now/").content.decode()

    assert "SAMHSA National Helpline" in html
    assert 'href="tel:18006624357"' in html
    assert 'href="sms:741741?body=HOME"' in html


def test_it_picks_the_country_from_the_browser_language(visitor: Client, hotlines: None) -> None:
    html = visitor.get("/help-now/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8").content.decode()

    assert 'href="tel:999"' in html
    assert "Samaritans" in html


def test_an_explicit_choice_beats_the_browser_language(visitor: Client, hotlines: None) -> None:
    html = visitor.get(
        "/help-now/", {"country": "nz"}, HTTP_ACCEPT_LANGUAGE="en-GB"
    ).content.decode()

    assert 'href="tel:111"' in html


def test_an_unknown_country_falls_back_to_the_default(visitor: Client, hotlines: None) -> None:
    response = visitor.get("/help-now/", {"country": "<script>"})

    assert response.status_code == 200
    assert 'href="tel:911"' in response.content.decode()


def test_each_hotline_shows_its_source_and_check_date(visitor: Client, hotlines: None) -> None:
    html = visitor.get("/help-now/", {"country": "US"}).content.decode()

    assert 'href="https://www.samhsa.gov/find-help/national-helpline"' in html
    assert "Last checked" in html


def test_an_unconfirmed_number_is_shown_with_a_warning(visitor: Client, hotlines: None) -> None:
    html = visitor.get("/help-now/", {"country": "GB"}).content.decode()

    assert "FRANK" in html
    assert "We could not confirm this number" in html


def test_an_unconfirmed_number_without_a_source_is_not_shown(
    visitor: Client, hotlines: None
) -> None:
    html = visitor.get("/help-now/", {"country": "IE"}).content.decode()

    assert "Text About It" not in html
    assert "HSE Drugs and Alcohol Helpline" in html


def test_the_page_reads_in_spanish(visitor: Client, hotlines: None) -> None:
    html = visitor.get("/es/help-now/", {"country": "US"}).content.decode()

    assert "Llamar al 911" in html
    assert "Cualquier persona con un problema de drogas o alcohol" in html
