"""Every page in a real browser: 0 axe-core WCAG 2.2 A/AA violations, nothing fetched from
another host, no CSP or script errors, and the key journeys work with the keyboard alone.

The crawl starts from every parameterless page (so pages that land later are covered without
editing this file), follows same-origin links, and adds states reachable generically: each
page's forms submitted as they stand (results or error messages), a country chosen, the dark
color scheme, and the not-found page.
"""

import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from conftest import open_tab
from recoverynav.core.tests.test_pages import PAGES, page_url

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

MAX_PAGES = 60
SKIPPED_PREFIXES = ("/static/", "/api/", "/admin/", "/healthz")


@pytest.fixture
def tab(browser, demo_site, browser_context_args):
    """A phone-sized tab on this module's live server, whose demo data (what `make run`
    loads) is loaded once for the module instead of once per test."""
    with open_tab(browser, demo_site.url, browser_context_args) as recorded:
        yield recorded


def same_origin_links(tab) -> list[str]:
    hrefs = tab.page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    found = []
    for href in hrefs:
        url = urldefrag(href)[0]
        if url.startswith(tab.origin + "/") and not urlsplit(url).path.startswith(SKIPPED_PREFIXES):
            found.append(url.removeprefix(tab.origin))
    return found


def check_current_page(tab, label: str, problems: list[str]) -> None:
    for violation in tab.axe_violations():
        problems.append(f"{label}: axe {violation}")
    if tab.console_errors:
        problems.append(f"{label}: console errors {tab.console_errors}")
        tab.console_errors.clear()


def submit_each_form(tab, url: str, problems: list[str]) -> None:
    """Submit every form in <main> as the page offers it: a search with its defaults, or an
    empty form that must answer with its error messages (never a 500)."""
    tab.goto(url)
    count = tab.page.locator("main form").count()
    for index in range(count):
        if index:
            tab.goto(url)
        form = tab.page.locator("main form").nth(index)
        try:
            with tab.page.expect_navigation(timeout=5_000):
                form.evaluate("f => f.requestSubmit()")
        except PlaywrightTimeoutError:
            continue  # the page's script handled it (e.g. a plan kept in the browser)
        status = tab.page.evaluate("() => performance.getEntriesByType('navigation')[0]")
        label = f"{url} form {index + 1} submitted"
        # A form with errors may answer 400 or 422 on purpose; its resources must still load.
        document = tab.page.url
        tab.console_errors[:] = [e for e in tab.console_errors if document not in e]
        if "Server Error" in tab.page.title():
            problems.append(f"{label}: server error")
            continue
        assert status is not None
        check_current_page(tab, label, problems)


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_page_is_accessible_and_stays_on_our_origin(tab, language: str) -> None:
    starts = [page_url(name, language) for name in PAGES]
    help_now = page_url("hotlines:help_now", language)
    queue = deque([*starts, f"{help_now}?country=MX", f"{help_now}?country=ZZ"])
    seen: set[str] = set(queue)
    problems: list[str] = []
    visited = 0
    while queue and visited < MAX_PAGES:
        url = queue.popleft()
        response = tab.goto(url)
        visited += 1
        if response is None or response.status >= 400:
            problems.append(f"{url}: HTTP {response and response.status}")
            continue
        if "text/html" not in response.headers.get("content-type", ""):
            continue  # a download (JSON, iCalendar, CSV): not a page to check
        check_current_page(tab, url, problems)
        for link in same_origin_links(tab):
            if link not in seen:
                seen.add(link)
                queue.append(link)
    for url in starts:
        submit_each_form(tab, url, problems)

    assert visited >= len(starts)
    assert not problems, "\n".join(problems)
    assert not tab.foreign_requests(), tab.foreign_requests()


# States a crawl from links alone may miss: each is a URL, then what shows the page is in it
# (for meetings "now or soon", the results section: whether any are on depends on the hour).
SEARCH_STATES = [
    ("treatment results", "/treatment/?place=22903", "[data-plan-save]"),
    ("no treatment nearby", "/treatment/?place=79848&radius=5", ".no-results"),
    ("treatment: place not found", "/treatment/?place=zzzz", "#place-error[role=alert]"),
    ("meetings near a place", "/meetings/?place=94103", "a[href*='/meetings/sf-']"),
    (
        "online meetings now or soon",
        "/meetings/?when=now_or_soon&attendance=online",
        "#results-heading",
    ),
    ("meetings: place not found", "/meetings/?place=zzzz", "main [role=alert]"),
]
# From a state above, the first link to a detail page: a facility, a meeting.
DETAIL_PAGES = {
    "treatment results": r"/treatment/\d+/(\?search=.*)?$",  # a result carries its search
    "meetings near a place": r"/meetings/[\w-]+/$",
}


def click_first_link_to(tab, path: str) -> None:
    hrefs = tab.page.eval_on_selector_all("main a[href]", "a => a.map(e => e.getAttribute('href'))")
    index = next(i for i, href in enumerate(hrefs) if re.search(path, href))
    with tab.page.expect_navigation():
        tab.page.locator("main a[href]").nth(index).click()
    assert re.search(path, tab.page.url), tab.page.url


@pytest.mark.parametrize("language", ["en", "es"])
def test_search_results_empty_and_error_states_and_detail_pages_are_accessible(
    tab, language: str
) -> None:
    prefix = "" if language == "en" else "/es"
    problems: list[str] = []
    for label, url, proof in SEARCH_STATES:
        response = tab.goto(prefix + url)
        assert response.status == 200, label
        assert tab.page.locator(proof).count(), f"{label}: the page is not in that state"
        check_current_page(tab, label, problems)
        if label in DETAIL_PAGES:
            click_first_link_to(tab, DETAIL_PAGES[label])
            check_current_page(tab, f"{label} -> {tab.page.url}", problems)

    assert not problems, "\n".join(problems)
    assert not tab.foreign_requests(), tab.foreign_requests()


@pytest.mark.parametrize(
    "browser_context_args",
    [{"locale": "en-US", "color_scheme": "dark", "viewport": {"width": 390, "height": 844}}],
)
def test_the_dark_colour_scheme_is_accessible_too(tab) -> None:
    problems: list[str] = []
    for name in PAGES:
        tab.goto(page_url(name, "en"))
        check_current_page(tab, f"{name} (dark)", problems)

    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_not_found_page_is_a_kind_accessible_page(tab, language: str) -> None:
    prefix = "" if language == "en" else "/es"
    response = tab.goto(f"{prefix}/no-such-page/")

    assert response.status == 404
    assert tab.page.locator(".help-bar a[href$='/help-now/']").count() == 1
    assert tab.page.locator(".help-bar a.quick-exit").count() == 1
    assert tab.page.evaluate("() => document.documentElement.lang") == language
    assert tab.axe_violations() == []


def press_tab_until(tab, selector: str, limit: int = 40) -> None:
    """Move focus with Tab only until `selector` has it; fail if it is never reached."""
    for _ in range(limit):
        tab.page.keyboard.press("Tab")
        if tab.page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{selector} cannot be reached with the Tab key")


def test_the_help_now_country_picker_works_with_the_keyboard_alone(tab) -> None:
    tab.goto(reverse("hotlines:help_now"))

    press_tab_until(tab, "select#country")
    for _ in range(60):
        if tab.page.evaluate("() => document.activeElement.value") == "CA":
            break
        tab.page.keyboard.press("ArrowUp")  # the default, United States, is near the end
    press_tab_until(tab, ".country-picker button")
    with tab.page.expect_navigation():
        tab.page.keyboard.press("Enter")

    assert "country=CA" in tab.page.url
    assert tab.page.locator("select#country").input_value() == "CA"
    assert "National Overdose Response Service" in tab.page.locator("main").inner_text()
    assert tab.page.locator(".emergency a.button-emergency[href='tel:911']").count() == 1


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_the_content(tab) -> None:
    tab.goto("/")

    tab.page.keyboard.press("Tab")
    assert tab.page.evaluate("() => document.activeElement.className") == "skip-link"
    tab.page.keyboard.press("Enter")
    assert tab.page.evaluate("() => document.activeElement.id") == "main"


def answer_forms_with_the_keyboard(tab, text: str, max_steps: int = 20) -> int:
    """Fill and submit the page's main form using only Tab, Space, arrow keys, typing and
    Enter, step after step, until a page has no form left. Returns the number of steps."""
    for step in range(max_steps):
        if tab.page.locator("main form").count() == 0:
            return step
        tab.page.locator("main form").first.evaluate("f => f.scrollIntoView()")
        tab.page.evaluate("() => document.activeElement && document.activeElement.blur()")
        submitted = False
        answered_groups: set[str] = set()
        for _ in range(200):
            tab.page.keyboard.press("Tab")
            focused = tab.page.evaluate(
                """() => { const e = document.activeElement;
                     return {tag: e.tagName, type: e.type || '', name: e.name || '',
                             inForm: !!e.closest('main form')}; }"""
            )
            if not focused["inForm"]:
                continue
            kind = focused["type"]
            if kind == "radio" and focused["name"] not in answered_groups:
                tab.page.keyboard.press("Space")
                answered_groups.add(focused["name"])
            elif kind in {"text", "search", "textarea"}:
                tab.page.keyboard.type(text)
            elif kind == "submit":
                with tab.page.expect_navigation():
                    tab.page.keyboard.press("Enter")
                submitted = True
                break
        if not submitted:
            pytest.fail("the form's submit button cannot be reached with the Tab key")
        assert "Server Error" not in tab.page.title()
    return max_steps


def test_the_self_check_works_with_the_keyboard_alone(tab) -> None:
    tab.goto(reverse("screening:start"))

    steps = answer_forms_with_the_keyboard(tab, text="")

    assert steps >= 1
    assert tab.axe_violations() == []


def test_a_treatment_search_works_with_the_keyboard_alone(tab) -> None:
    with translation.override("en"):
        tab.goto(reverse("directory:search"))

    answer_forms_with_the_keyboard(tab, text="22903", max_steps=1)  # Charlottesville, VA

    assert tab.axe_violations() == []
    assert not tab.foreign_requests()


def test_the_which_help_fits_questionnaire_works_with_the_keyboard_alone(tab) -> None:
    tab.goto(reverse("guide:fit"))

    steps = answer_forms_with_the_keyboard(tab, text="")

    assert steps >= 1
    assert tab.page.locator("main h1").count() == 1
    assert tab.axe_violations() == []
    assert tab.console_errors == []
