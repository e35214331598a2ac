"""The one crisis panel: the emergency number with a call button, then the lines that answer a
person in crisis (chosen by purpose, not by the data file's order), then the drug and alcohol
information and referral lines, each with its hours and, where it applies, the notice that we
could not confirm the number. It finds the visitor's country itself."""

import datetime as dt
import re

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from recoverynav.hotlines.models import Country, Hotline, VerificationStatus
from recoverynav.hotlines.selectors import crisis_first

pytestmark = pytest.mark.django_db

PANEL = Template("{% load crisis_tags %}{% crisis_panel %}")

# For each country: the emergency number, the crisis lines in order, then the referral lines.
CRISIS_ORDER = {
    "US": (
        "911",
        ["988 Suicide & Crisis Lifeline", "Crisis Text Line"],
        ["SAMHSA National Helpline"],
    ),
    "CA": ("911", ["9-8-8 Suicide Crisis Helpline", "Kids Help Phone"], []),
    "GB": ("999", ["Samaritans", "Shout"], ["FRANK"]),
    "IE": ("112", ["Samaritans", "Text About It (50808)"], ["HSE Drugs and Alcohol Helpline"]),
    "AU": ("000", ["Lifeline"], ["National Alcohol and Other Drug Hotline"]),
    "NZ": ("111", ["Need to Talk? 1737"], ["Alcohol Drug Helpline"]),
}


def render_panel(language: str = "en", **query: str) -> str:
    request = RequestFactory().get("/", query)
    with translation.override(language):
        return PANEL.render(Context({"request": request}))


def line_names(html: str) -> list[str]:
    return [name.replace("&amp;", "&") for name in re.findall(r"<p><strong>(.*?)</strong>", html)]


def groups(html: str) -> list[str]:
    return re.findall(r"<h3 class=\"crisis-group\">(.*?)</h3>", html)


def line_item(html: str, name: str) -> str:
    """The markup of one line in the panel, from its name to the end of its list item."""
    items = re.findall(r'<li class="crisis-line">(.*?)\n  </li>', html, flags=re.DOTALL)
    return next(item for item in items if f"<strong>{name}</strong>" in item)


@pytest.mark.parametrize("code", CRISIS_ORDER)
def test_crisis_lines_come_after_the_emergency_number_and_before_referral_lines(
    hotlines: None, code: str
) -> None:
    emergency, crisis_lines, referral_lines = CRISIS_ORDER[code]

    html = render_panel(country=code)

    assert line_names(html) == crisis_lines + referral_lines
    assert html.index(f'href="tel:{emergency}"') < html.index('<li class="crisis-line">')
    if referral_lines:
        assert groups(html) == [
            "Talk to someone now",
            "Drugs and alcohol: information and finding treatment",
        ]


@pytest.mark.parametrize("code", CRISIS_ORDER)
def test_every_panel_has_a_call_button_for_the_emergency_number_and_the_first_crisis_line(
    hotlines: None, code: str
) -> None:
    html = render_panel(country=code)

    assert re.search(r'<a class="button button-emergency" href="tel:\d+">Call \d+</a>', html)
    first_line = html.split('<li class="crisis-line">')[1]
    assert 'href="tel:' in first_line or 'href="sms:' in first_line


def test_a_referral_line_listed_first_in_the_data_still_comes_after_the_crisis_lines(
    hotlines: None,
) -> None:
    Hotline.objects.filter(country="US", name="SAMHSA National Helpline").update(position=0)
    Hotline.objects.filter(country="US", name="988 Suicide & Crisis Lifeline").update(position=9)

    names = line_names(render_panel(country="US"))

    assert names == [
        "Crisis Text Line",
        "988 Suicide & Crisis Lifeline",
        "SAMHSA National Helpline",
    ]


def test_lines_for_young_people_come_after_crisis_lines_for_everyone() -> None:
    youth = Hotline(name="Youth line", purposes=["youth", "crisis"], position=0)
    everyone = Hotline(name="Crisis line", purposes=["crisis"], position=5)
    referral = Hotline(name="Referral line", purposes=["treatment_referral"], position=1)
    overdose = Hotline(name="Overdose line", purposes=["overdose"], position=2)

    ordered = crisis_first([overdose, referral, youth, everyone])

    assert [line.name for line in ordered] == [
        "Crisis line",
        "Youth line",
        "Referral line",
        "Overdose line",
    ]


def test_overdose_and_poison_lines_are_left_to_the_help_now_page(hotlines: None) -> None:
    html = render_panel(country="US")

    assert "Poison Help" not in html
    assert "Never Use Alone" not in html
    assert 'href="/help-now/"' in html


def test_each_line_shows_its_hours(hotlines: None) -> None:
    html = render_panel(country="IE")

    assert "Monday to Friday, 9:30 am to 5:30 pm" in html
    assert html.count("· 24/7") == 2


def test_an_unconfirmed_line_carries_the_notice_in_the_panel(hotlines: None) -> None:
    Hotline.objects.filter(country="GB", name="Shout").update(
        status=VerificationStatus.NEEDS_VERIFICATION
    )

    html = render_panel(country="GB")

    assert "We could not confirm this number" in line_item(html, "Shout")
    assert "We could not confirm this number" not in line_item(html, "Samaritans")


def test_the_country_comes_from_the_browser_language_without_help_from_the_view(
    hotlines: None,
) -> None:
    request = RequestFactory().get("/", HTTP_ACCEPT_LANGUAGE="en-AU,en;q=0.8")

    html = PANEL.render(Context({"request": request}))

    assert 'href="tel:000"' in html
    assert "Lifeline" in html


def test_without_a_request_it_shows_the_sites_default_country(hotlines: None) -> None:
    html = PANEL.render(Context({}))

    assert 'href="tel:911"' in html


def test_spanish_pages_say_how_to_reach_help_in_spanish(hotlines: None) -> None:
    html = render_panel("es", country="US")

    assert "llame al 988 y marque 2, o envíe AYUDA al 988" in html
    assert 'href="sms:988?body=AYUDA"' in html
    assert 'href="sms:741741?body=AYUDA"' in html
    assert "442-AYUDAME" in html
    assert "Las 24 horas, todos los días" in html


def test_english_pages_keep_the_english_keyword(hotlines: None) -> None:
    html = render_panel(country="US")

    assert 'href="sms:741741?body=HOME"' in html
    assert 'href="sms:988"' in html
    assert "AYUDA" not in html


@pytest.mark.parametrize("language", ["en", "es"])
def test_an_unconfirmed_keyword_gives_a_plain_text_button_and_says_so(
    hotlines: None, language: str
) -> None:
    line = line_item(render_panel(language, country="IE"), "Text About It (50808)")

    assert re.search(r'<a class="button button-secondary" href="sms:50808">[^<]*50808</a>', line)
    assert "TALK" not in line
    assert 'href="https://text50808.ie/"' in line
    notice = {
        "en": "We could not confirm which word to text first.",
        "es": "No pudimos confirmar qué palabra hay que enviar primero.",
    }[language]
    assert notice in line


def test_a_confirmed_keyword_is_offered_without_that_notice(hotlines: None) -> None:
    html = render_panel(country="US")

    assert "Text HOME to 741741" in html
    assert "which word to text first" not in html


def test_without_hotline_data_it_still_says_what_to_do(db) -> None:
    html = render_panel()

    assert "Call your local emergency number now" in html
    assert 'href="/help-now/"' in html


def test_a_country_with_only_an_emergency_number_shows_that_number(db) -> None:
    Country.objects.create(
        code="US", name_en="United States", emergency_number="911", last_verified=dt.date.today()
    )

    html = render_panel()

    assert 'href="tel:911"' in html
    assert "Talk to someone now" not in html


# --- every crisis panel on the site is this one ----------------------------------------------
def crisis_lines_in_order(html: str) -> list[str]:
    return line_names(html.split('class="emergency crisis-panel"')[1].split("</section>")[0])


@pytest.mark.parametrize(
    ("template", "context"),
    [
        ("screening/_crisis.html", {}),
        ("comments/_outcome.html", {"outcome": "crisis"}),
    ],
)
def test_shared_crisis_templates_show_the_panel_without_a_country_from_the_view(
    hotlines: None, template: str, context: dict
) -> None:
    from django.template.loader import render_to_string

    request = RequestFactory().get("/", HTTP_ACCEPT_LANGUAGE="en-GB")

    html = render_to_string(template, {**context, "request": request})

    assert 'class="button button-emergency" href="tel:999"' in html
    assert crisis_lines_in_order(html) == ["Samaritans", "Shout", "FRANK"]


def test_the_404_page_shows_the_panel(visitor, hotlines: None) -> None:
    response = visitor.get("/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert 'class="button button-emergency" href="tel:911"' in html
    assert crisis_lines_in_order(html)[0] == "988 Suicide & Crisis Lifeline"


@pytest.mark.parametrize("path", ["/help-now/", "/es/help-now/"])
@pytest.mark.parametrize("code", CRISIS_ORDER)
def test_the_help_now_page_stays_within_the_page_budget(
    visitor, hotlines: None, path: str, code: str
) -> None:
    import gzip

    page = visitor.get(path, {"country": code}).content

    assert len(gzip.compress(page)) <= 30 * 1024
