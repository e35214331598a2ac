"""The site's shell in a real Chromium on a 390 by 844 phone: "Exit this page" (a tap, three
presses of Escape, without JavaScript), the help bar that opens every page, the shared CSS
(no sideways scroll, controls that keep their size, tall enough footer links) and the pages
kept for offline use."""

import re

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEUTRAL = "https://neutral.example/weather"


@pytest.fixture
def browser_context_args() -> dict:
    """A phone: its size, and a touch screen (so "tap" is a real tap)."""
    return {"locale": "en-US", "viewport": {"width": 390, "height": 844}, "has_touch": True}


@pytest.fixture
def neutral_site(tab, settings) -> str:
    """Where "Exit this page" goes, answered inside the browser (the tests have no internet)."""
    settings.QUICK_EXIT_URL = NEUTRAL
    tab.page.context.route(
        "https://neutral.example/**",
        lambda route: route.fulfill(
            status=200, content_type="text/html", body="<title>Weather</title><p>Sunny</p>"
        ),
    )
    return NEUTRAL


@pytest.fixture
def help_data(live_server) -> None:
    from recoverynav.hotlines.services import load_hotlines

    load_hotlines()


def status_text(tab) -> str:
    return tab.page.locator("[data-quick-exit-status]").text_content()


def test_one_tap_leaves_and_back_does_not_return_to_the_page(tab, neutral_site) -> None:
    tab.goto("/")
    tab.goto("/privacy/")

    with tab.page.expect_navigation(url=neutral_site):
        tab.page.get_by_role("link", name="Emergency Exit this page").tap()
    tab.page.go_back()

    # The page left was replaced in the tab's history; the one before it is still there.
    assert tab.page.url == tab.origin + "/"


def test_pressing_escape_three_times_leaves(tab, neutral_site) -> None:
    tab.goto("/privacy/")

    tab.page.keyboard.press("Escape")
    assert status_text(tab) == "Press Escape 2 more times to exit this page."
    assert tab.page.locator(".quick-exit-lights").text_content() == "●○○"
    tab.page.keyboard.press("Escape")
    assert status_text(tab) == "Press Escape 1 more time to exit this page."
    with tab.page.expect_navigation(url=neutral_site):
        tab.page.keyboard.press("Escape")
    tab.page.go_back()

    assert tab.page.url != tab.origin + "/privacy/"


def test_another_key_between_the_presses_starts_the_count_again(tab, neutral_site) -> None:
    tab.goto("/privacy/")

    for key in ["Escape", "Escape", "a", "Escape", "Shift+A", "Shift+B", "Shift+C"]:
        tab.page.keyboard.press(key)
    tab.page.wait_for_timeout(300)

    assert tab.page.url == tab.origin + "/privacy/"
    assert tab.page.locator(".quick-exit-lights").text_content() == ""


def test_shift_on_its_own_three_times_leaves_as_on_govuk(tab, neutral_site) -> None:
    tab.goto("/es/")

    tab.page.keyboard.press("Shift")
    assert status_text(tab) == "Pulse Mayús 2 veces más para salir rápido de esta página."
    tab.page.keyboard.press("Shift")
    with tab.page.expect_navigation(url=neutral_site):
        tab.page.keyboard.press("Shift")


def test_it_is_the_third_stop_for_the_keyboard_after_get_help_now(tab, neutral_site) -> None:
    tab.goto("/")

    names = []
    for _ in range(3):
        tab.page.keyboard.press("Tab")
        names.append(tab.page.evaluate("document.activeElement.textContent.trim()"))
    assert names == ["Skip to main content", "Get help now", "Emergency Exit this page"]
    with tab.page.expect_navigation(url=neutral_site):
        tab.page.keyboard.press("Enter")


def test_without_javascript_it_is_a_plain_link_to_the_neutral_site(
    browser, live_server, settings
) -> None:
    settings.QUICK_EXIT_URL = NEUTRAL
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.route("https://neutral.example/**", lambda route: route.fulfill(body="Sunny"))
        page.goto(live_server.url + "/privacy/")
        link = page.get_by_role("link", name="Emergency Exit this page")
        assert link.get_attribute("href") == NEUTRAL
        assert link.get_attribute("rel") == "nofollow noreferrer"
        with page.expect_navigation(url=NEUTRAL):
            link.click()
        page.go_back()
        # The privacy page says so: without JavaScript, Back brings the page up again.
        assert page.url == live_server.url + "/privacy/"
    finally:
        context.close()


PHONE_PAGES = ["/", "/es/", "/privacy/", "/es/privacy/", "/help-now/", "/es/help-now/", "/plan/"]


@pytest.mark.parametrize("url", PHONE_PAGES)
def test_the_help_bar_opens_the_page_without_sideways_scroll(tab, help_data, url: str) -> None:
    tab.goto(url)

    assert tab.page.evaluate("document.documentElement.scrollWidth") <= 390
    bar = tab.page.locator(".help-bar").bounding_box()
    assert bar["y"] == 0
    assert bar["height"] <= 70
    for link in [tab.page.locator(".help-bar p a"), tab.page.locator(".help-bar a.quick-exit")]:
        box = link.bounding_box()
        assert box["height"] >= 44
        assert box["y"] + box["height"] <= bar["height"]
    assert tab.axe_violations() == []


def test_the_home_page_shows_help_now_apart_and_someone_worried_on_the_first_screen(
    tab,
) -> None:
    tab.goto("/")

    urgent = tab.page.locator(".paths .path-urgent a")
    other = tab.page.locator(".paths li:not(.path-urgent) a").first
    assert urgent.evaluate("a => getComputedStyle(a).borderTopColor") != other.evaluate(
        "a => getComputedStyle(a).borderTopColor"
    )
    worried = tab.page.get_by_role("link", name=re.compile("I'm worried about someone"))
    box = worried.bounding_box()
    assert box["y"] + box["height"] <= 844


def test_footer_links_are_tall_enough_to_tap(tab) -> None:
    tab.goto("/")

    heights = tab.page.eval_on_selector_all(
        ".site-footer a", "links => links.map(a => a.getBoundingClientRect().height)"
    )
    assert heights
    assert min(heights) >= 44


def test_boxes_and_circles_keep_their_size_when_a_label_wraps(tab) -> None:
    tab.goto(reverse("plan:tracker"))

    sizes = tab.page.eval_on_selector_all(
        "input[type=checkbox], input[type=radio]",
        "inputs => inputs.map(i => [i.offsetWidth, i.offsetHeight])",
    )
    assert len({tuple(size) for size in sizes}) == 1, sizes
    assert sizes[0][0] >= 24
    fieldset = tab.page.locator("fieldset").first
    assert fieldset.evaluate("f => getComputedStyle(f).borderTopStyle") == "none"
    rows = tab.page.eval_on_selector_all(
        ".choice", "labels => labels.map(l => l.getBoundingClientRect().height)"
    )
    assert min(rows) >= 44


def test_numbered_lists_of_links_put_the_number_beside_the_first_line(tab) -> None:
    tab.goto(reverse("plan:plan"))  # its list of steps is such a list

    links = tab.page.locator("nav ol > li > a")
    assert links.count() == 4
    assert links.first.evaluate("a => getComputedStyle(a).display") == "block"


def wait_for_the_service_worker(tab) -> None:
    tab.page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    tab.page.reload()
    tab.page.wait_for_function("navigator.serviceWorker.controller !== null")


def test_home_and_help_now_open_offline_with_the_day_they_were_saved(tab, help_data) -> None:
    tab.goto("/")
    wait_for_the_service_worker(tab)
    tab.page.context.set_offline(True)
    try:
        tab.goto("/")
        assert tab.page.locator("main h1").count() == 1
        notice = tab.page.locator("main .offline-notice")
        assert notice.inner_text().startswith("You are offline. This page was saved")
        tab.goto("/help-now/")
        assert tab.page.locator("a[href='tel:911']").count() >= 1
        assert tab.page.locator("a[href='tel:988']").count() >= 1
        assert tab.page.locator("main .offline-notice").count() == 1
        assert tab.axe_violations() == []
    finally:
        tab.page.context.set_offline(False)


AGE_THE_SAVED_HELP_PAGE = """async () => {
  const name = (await caches.keys()).find(n => n.startsWith('rn-en-'));
  const cache = await caches.open(name);
  const request = (await cache.keys()).find(r => new URL(r.url).pathname === '/help-now/');
  const copy = await cache.match(request);
  const headers = new Headers(copy.headers);
  headers.set('X-Saved-At', String(Date.now() - 15 * 24 * 60 * 60 * 1000));
  await cache.put(request, new Response(await copy.blob(), {headers}));
}"""


def test_a_help_page_saved_too_long_ago_shows_only_the_emergency_numbers(tab, help_data) -> None:
    tab.goto("/help-now/")
    wait_for_the_service_worker(tab)
    tab.page.evaluate(AGE_THE_SAVED_HELP_PAGE)
    tab.page.context.set_offline(True)
    try:
        tab.goto("/help-now/")
        assert tab.page.locator("h1").inner_text() == "You are offline"
        assert "more than 14 days old" in tab.page.locator("main").inner_text()
        numbers = tab.page.locator(".offline-help li")
        assert numbers.first.inner_text() == "United States: Call 911"
        assert tab.page.locator("a[href='tel:988']").count() == 0
        assert tab.page.locator("a.quick-exit").get_attribute("href") == "https://www.google.com/"
        assert tab.axe_violations() == []
    finally:
        tab.page.context.set_offline(False)
