"""The help-now page: the emergency number and real hotlines for the visitor's country."""

import datetime as dt
import re

import pytest
from django.test import Client

from recoverynav.hotlines.models import Country, Hotline, VerificationStatus

pytestmark = pytest.mark.django_db


def card(html: str, name: str) -> str:
    """One hotline's card on the page, from its heading to the end of its list item."""
    items = re.findall(r'<li class="hotline">(.*?)\n  </li>', html, flags=re.DOTALL)
    return next(item for item in items if f"<h3>{name}</h3>" in item)


def main_content(html: str) -> str:
    return html.split('<main id="main"')[1].split("</main>")[0]


def unconfirmed_line(**fields) -> Hotline:
    return Hotline.objects.create(
        country=Country.objects.get(code="GB"),
        name="Unchecked line",
        purposes=["substance_use"],
        phone="0800 000 0000",
        status=VerificationStatus.NEEDS_VERIFICATION,
        last_verified=dt.date(2026, 11, 1),
        **fields,
    )


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
    unconfirmed_line(source_url="https://example.org/unchecked")

    html = visitor.get("/help-now/", {"country": "GB"}).content.decode()

    assert "We could not confirm this number" in card(html, "Unchecked line")


def test_an_unconfirmed_number_without_a_source_is_not_shown(
    visitor: Client, hotlines: None
) -> None:
    unconfirmed_line(source_url="")

    html = visitor.get("/help-now/", {"country": "GB"}).content.decode()

    assert "Unchecked line" not in html
    assert "FRANK" in html


def test_every_bundled_number_is_confirmed_and_has_a_source(hotlines: None) -> None:
    assert not Hotline.objects.exclude(status=VerificationStatus.CONFIRMED).exists()
    assert not Hotline.objects.filter(source_url="").exists()
    assert not Country.objects.filter(emergency_source_url="").exists()


def test_the_emergency_number_shows_its_source_and_check_date(
    visitor: Client, hotlines: None
) -> None:
    html = visitor.get("/help-now/", {"country": "IE"}).content.decode()

    assert "Emergency number 112:" in html
    assert 'href="https://www2.hse.ie/emergencies/when-to-call-112-or-999/"' in html


def test_the_crisis_lines_come_before_the_country_picker(visitor: Client, hotlines: None) -> None:
    html = visitor.get("/help-now/", {"country": "US"}).content.decode()

    assert html.index('href="tel:911"') < html.index('href="tel:988"') < html.index("<select")
    assert html.index('href="tel:988"') < html.index('href="tel:18006624357"')


def test_it_does_not_say_every_service_is_free(visitor: Client, hotlines: None) -> None:
    html = visitor.get("/help-now/", {"country": "GB"}).content.decode()

    assert "These services are free" not in html
    assert "Not every call is free" in html
    assert "Not free: a call from a landline costs the same as a normal national call" in html
    assert "the call may show on the phone bill" in html


def test_frank_lists_its_textphone_and_120_languages(visitor: Client, hotlines: None) -> None:
    html = visitor.get("/help-now/", {"country": "GB"}).content.decode()
    frank = card(html, "FRANK")

    assert 'href="tel:03001231099"' in frank
    assert "120 languages" in frank


def test_irelands_helpline_shows_its_hours_and_email_and_the_247_text_line(
    visitor: Client, hotlines: None
) -> None:
    html = visitor.get("/help-now/", {"country": "IE"}).content.decode()

    assert "Monday to Friday, 9:30 am to 5:30 pm" in html
    assert 'href="mailto:helpline@hse.ie"' in html
    assert 'href="sms:50808"' in html
    assert 'href="https://www.drugs.ie/"' in html


def test_a_keyword_we_could_not_confirm_is_never_offered_as_the_word_to_text(
    visitor: Client, hotlines: None
) -> None:
    """Text About It's number is confirmed, its keyword is not (TALK at its 2020 launch)."""
    html = visitor.get("/help-now/", {"country": "IE"}).content.decode()
    text_about_it = card(html, "Text About It (50808)")

    assert '<a class="button" href="sms:50808">Text 50808</a>' in text_about_it
    assert "Text TALK" not in text_about_it
    assert "We could not confirm which word to text first" in text_about_it
    assert "We could not confirm this number" not in text_about_it


def test_the_page_reads_in_spanish(visitor: Client, hotlines: None) -> None:
    html = visitor.get("/es/help-now/", {"country": "US"}).content.decode()

    assert "Llamar al 911" in html
    assert "Cualquier persona con un problema de drogas o alcohol" in html


def test_spanish_pages_show_hours_and_languages_in_spanish(visitor: Client, hotlines: None) -> None:
    for code in ["US", "CA", "GB", "IE", "AU", "NZ"]:
        html = main_content(visitor.get("/es/help-now/", {"country": code}).content.decode())

        for english in ["English", "24/7", "Monday", "interpreters", "text service"]:
            assert english not in html, (code, english)


def test_spanish_pages_say_how_to_reach_help_in_spanish(visitor: Client, hotlines: None) -> None:
    html = visitor.get("/es/help-now/", {"country": "US"}).content.decode()

    assert "llame al 988 y marque 2" in html
    assert "envíe AYUDA al 741741" in html
    assert "Los mensajes de texto al 435748 son solo en inglés." in html
