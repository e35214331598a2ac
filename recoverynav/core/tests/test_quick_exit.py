""" "Exit this page" on every page, as the server renders it: a plain link to an everyday site
(a setting), the words its script announces, and what the privacy page says about it. Its
behavior in a browser is in test_shell_browser.py."""

import re

import pytest
from django.core.checks import run_checks
from django.test import Client

from recoverynav.core.tests.test_pages import PAGES, page_url

pytestmark = pytest.mark.django_db

EXIT_LINK = re.compile(r'<a class="quick-exit" href="([^"]+)" rel="nofollow noreferrer"[^>]*>')


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("name", PAGES)
def test_every_page_has_the_exit_link_after_get_help_now(
    visitor: Client, hotlines: None, name: str, language: str
) -> None:
    html = visitor.get(page_url(name, language)).content.decode()

    bar = html[html.index('<aside class="help-bar"') :]
    match = EXIT_LINK.search(bar)
    assert match, "no “Exit this page” link in the help bar"
    assert match.group(1) == "https://www.google.com/"
    assert bar.index(f'href="{page_url("hotlines:help_now", language)}"') < match.start()


def test_the_link_names_itself_and_carries_the_words_its_script_says(visitor: Client) -> None:
    html = visitor.get("/").content.decode()
    link = EXIT_LINK.search(html).group(0)

    assert "data-quick-exit" in link
    assert 'data-escape="Escape"' in link
    assert 'data-press-two="Press {key} 2 more times to exit this page."' in link
    assert 'data-leaving="Leaving this page."' in link
    assert '<span class="visually-hidden">Emergency </span>Exit this page</a>' in html
    assert "data-quick-exit-status" in html


def test_it_speaks_spanish_on_spanish_pages(visitor: Client) -> None:
    html = visitor.get("/es/").content.decode()

    assert '<span class="visually-hidden">Emergencia </span>Salida rápida</a>' in html
    assert 'data-escape="Esc"' in html
    assert 'data-shift="Mayús"' in html


def test_the_operator_chooses_where_it_goes(visitor: Client, settings) -> None:
    settings.QUICK_EXIT_URL = "https://weather.example.org/today"

    html = visitor.get("/").content.decode()

    assert EXIT_LINK.search(html).group(1) == "https://weather.example.org/today"


@pytest.mark.parametrize("url", ["", "weather.example.org", "javascript:alert(1)", "/privacy/"])
def test_a_setting_that_is_not_a_web_address_stops_the_site(settings, url: str) -> None:
    settings.QUICK_EXIT_URL = url

    errors = [message.id for message in run_checks()]

    assert "recoverynav.E004" in errors


def test_the_default_setting_passes_the_check() -> None:
    assert "recoverynav.E004" not in [message.id for message in run_checks()]


def test_the_privacy_page_says_what_it_can_and_cannot_hide(visitor: Client) -> None:
    html = visitor.get("/privacy/").content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#x27;", "'")

    assert "Leaving this site quickly" in text
    assert "press the Escape key three times" in text
    assert "(www.google.com)" in text
    assert "pressing Back does not bring this page up again" in text
    assert "Without JavaScript it is an ordinary link" in text
    for cannot in [
        "Other pages of this site that you opened before",
        "Your browser's history list",
        "Your plan and your tracker. They stay saved in this browser",
        "The pages this site keeps for use without internet",
        "a shared or family device",
    ]:
        assert cannot in text, cannot
