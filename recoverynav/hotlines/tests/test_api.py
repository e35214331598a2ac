"""GET /api/v1/hotlines/: the help-now page's countries and numbers as JSON."""

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_it_lists_every_country_with_its_emergency_number(visitor: Client, hotlines: None) -> None:
    body = visitor.get("/api/v1/hotlines/").json()

    numbers = {country["code"]: country["emergency_number"] for country in body["countries"]}
    assert numbers == {"AU": "000", "CA": "911", "GB": "999", "IE": "112", "NZ": "111", "US": "911"}
    assert body["default_country"] == "US"
    us = next(country for country in body["countries"] if country["code"] == "US")
    assert us["url"] == "http://testserver/api/v1/hotlines/US"
    assert us["page_url"] == "http://testserver/help-now/?country=US"


def test_it_gives_a_countrys_hotlines_with_sources_and_check_dates(
    visitor: Client, hotlines: None
) -> None:
    body = visitor.get("/api/v1/hotlines/US").json()

    samhsa = next(h for h in body["hotlines"] if h["name"] == "SAMHSA National Helpline")
    assert samhsa["phone_uri"] == "tel:18006624357"
    assert samhsa["source_url"] == "https://www.samhsa.gov/find-help/national-helpline"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", samhsa["last_verified"])
    assert body["emergency_number"] == "911"


def test_it_accepts_a_lower_case_country_code(visitor: Client, hotlines: None) -> None:
    assert visitor.get("/api/v1/hotlines/nz").json()["emergency_number"] == "111"


def test_it_lists_the_hotlines_in_the_same_order_as_the_help_now_page(
    visitor: Client, hotlines: None
) -> None:
    names = [h["name"] for h in visitor.get("/api/v1/hotlines/GB").json()["hotlines"]]
    html = visitor.get("/help-now/", {"country": "GB"}).content.decode()

    assert names
    assert names == re.findall(r'<li class="hotline">\s*<h3>(.*?)</h3>', html)
    assert names[:2] == ["Samaritans", "Shout"]


def test_it_answers_in_spanish_when_asked(visitor: Client, hotlines: None) -> None:
    by_parameter = visitor.get("/api/v1/hotlines/US", {"lang": "es"}).json()
    by_header = visitor.get("/api/v1/hotlines/US", HTTP_ACCEPT_LANGUAGE="es").json()

    assert by_parameter["name"] == by_header["name"] == "Estados Unidos"
    assert by_parameter["page_url"] == "http://testserver/es/help-now/?country=US"


def test_it_gives_hours_languages_and_the_text_keyword_in_spanish(
    visitor: Client, hotlines: None
) -> None:
    english = visitor.get("/api/v1/hotlines/US").json()["hotlines"]
    spanish = visitor.get("/api/v1/hotlines/US", {"lang": "es"}).json()["hotlines"]

    lifeline_en = next(h for h in english if h["name"] == "988 Suicide & Crisis Lifeline")
    lifeline_es = next(h for h in spanish if h["name"] == "988 Suicide & Crisis Lifeline")
    assert lifeline_en["hours"] == "24/7"
    assert lifeline_es["hours"] == "Las 24 horas, todos los días"
    assert lifeline_es["languages"] == "Inglés y español; intérpretes para otros idiomas"
    assert lifeline_en["text_uri"] == "sms:988"
    assert lifeline_es["text_uri"] == "sms:988?body=AYUDA"
    assert "marque 2" in lifeline_en["spanish_help_es"]


def test_it_says_when_a_text_keyword_is_unconfirmed(visitor: Client, hotlines: None) -> None:
    lines = visitor.get("/api/v1/hotlines/IE").json()["hotlines"]

    text_about_it = next(h for h in lines if h["name"] == "Text About It (50808)")
    assert text_about_it["text_keyword"] == "TALK"
    assert text_about_it["text_keyword_status"] == "needs-verification"
    assert text_about_it["text_uri"] == "sms:50808"
    assert text_about_it["status"] == "confirmed"


def test_it_answers_404_for_a_country_without_data(visitor: Client, hotlines: None) -> None:
    response = visitor.get("/api/v1/hotlines/ZZ")

    assert response.status_code == 404
    assert response.json() == {
        "code": "not_found",
        "message": "We have no hotlines for the country ZZ.",
    }


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v1/hotlines/USA", ["path", "code"]),
        ("/api/v1/hotlines/1A", ["path", "code"]),
        ("/api/v1/hotlines/US?lang=fr", ["query", "lang"]),
        ("/api/v1/hotlines/?lang=", ["query", "lang"]),
    ],
)
def test_it_answers_400_for_a_bad_parameter(
    visitor: Client, hotlines: None, url: str, parameter: list[str]
) -> None:
    response = visitor.get(url)

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_parameters"
    assert [error["loc"] for error in body["errors"]] == [parameter]


def test_it_lists_no_countries_on_an_empty_database(visitor: Client, db: None) -> None:
    response = visitor.get("/api/v1/hotlines/")

    assert response.status_code == 200
    assert response.json()["countries"] == []
