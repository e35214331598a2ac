"""The crisis panel in a real Chromium on a 390 by 844 phone: on "Get help now" the emergency
number and every crisis line are within the first screen, with JavaScript on and off, in
English and Spanish; the JavaScript one-page self-check shows the panel with numbers to call."""

import pytest

pytestmark = pytest.mark.browser

PHONE_HEIGHT = 844
PHONE_WIDTH = 390


@pytest.fixture(params=["javascript on", "javascript off"])
def phone_tab(request, tab):
    """The phone-sized tab, once as it comes and once with the site's scripts blocked (as in a
    browser with JavaScript off; axe, injected by the test, still runs)."""
    if request.param == "javascript off":
        tab.page.route(
            "**/*",
            lambda route: (
                route.abort() if route.request.resource_type == "script" else route.continue_()
            ),
        )
    return tab


def bottom(locator) -> float:
    box = locator.bounding_box()
    return box["y"] + box["height"]


def page_width(page) -> int:
    return page.evaluate("() => document.documentElement.scrollWidth")


@pytest.mark.parametrize(
    ("path", "emergency", "crisis_line_links"),
    [
        ("/help-now/?country=US", "tel:911", ["tel:988", "sms:988", "sms:741741?body=HOME"]),
        (
            "/es/help-now/?country=US",
            "tel:911",
            ["tel:988", "sms:988?body=AYUDA", "sms:741741?body=AYUDA"],
        ),
        ("/help-now/?country=GB", "tel:999", ["tel:116123", "sms:85258?body=SHOUT"]),
        ("/help-now/?country=IE", "tel:112", ["tel:116123", "sms:50808"]),
    ],
)  # fmt: skip
def test_the_emergency_number_and_the_crisis_lines_fit_the_first_screen(
    phone_tab, hotlines, path: str, emergency: str, crisis_line_links: list[str]
) -> None:
    page = phone_tab.page
    phone_tab.goto(path)
    panel = page.locator(".crisis-panel")

    call = panel.locator(f'a[href="{emergency}"]')
    assert call.is_visible()
    assert bottom(call) <= PHONE_HEIGHT
    for href in crisis_line_links:
        link = panel.locator(f'a[href="{href}"]')
        assert link.is_visible(), href
        assert bottom(link) <= PHONE_HEIGHT, (href, bottom(link))
    picker = page.locator("select#country").bounding_box()
    assert picker["y"] > max(bottom(panel.locator(f'a[href="{h}"]')) for h in crisis_line_links)
    assert page_width(page) <= PHONE_WIDTH
    assert phone_tab.axe_violations() == []
    assert not phone_tab.foreign_requests()


def test_the_javascript_self_check_shows_numbers_to_call_after_a_yes(tab, hotlines) -> None:
    page = tab.page
    tab.goto("/self-check/")
    page.check("input[name=audience][value='self']")
    page.check("input[name=substances][value='alcohol']")
    page.check("input[name=age_band][value='21-64']")
    with page.expect_navigation():
        page.click("main form button[type=submit]")

    page.check("input[name='safety-answer'][value='yes']")

    panel = page.locator("[data-crisis] .crisis-panel")
    assert panel.is_visible()
    assert panel.locator('a.button-emergency[href="tel:911"]').is_visible()
    assert panel.locator('a[href="tel:988"]').is_visible()
    assert panel.locator('a[href="sms:741741?body=HOME"]').is_visible()
    assert tab.axe_violations() == []
    assert tab.console_errors == []


def test_the_spanish_javascript_self_check_panel_says_how_to_reach_help_in_spanish(
    tab, hotlines
) -> None:
    page = tab.page
    tab.goto("/es/self-check/")
    page.check("input[name=audience][value='self']")
    page.check("input[name=substances][value='alcohol']")
    page.check("input[name=age_band][value='21-64']")
    with page.expect_navigation():
        page.click("main form button[type=submit]")

    page.check("input[name='safety-answer'][value='yes']")

    panel = page.locator("[data-crisis] .crisis-panel")
    assert panel.locator('a[href="sms:988?body=AYUDA"]').is_visible()
    assert "marque 2" in panel.inner_text()


@pytest.mark.parametrize("path", ["/data-sources/", "/es/data-sources/"])
def test_the_data_sources_page_fits_a_phone(phone_tab, hotlines, path: str) -> None:
    phone_tab.goto(path)

    assert page_width(phone_tab.page) <= PHONE_WIDTH
    assert phone_tab.axe_violations() == []
