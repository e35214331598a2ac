"""Sharing a listing (core/_share.html): the phone's share sheet where there is one, else a
copied link; the address passed on never carries the search that led to the page; without
JavaScript (or with neither way to share) nothing shows that would not work."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.urls("recoverynav.core.tests.urls_share")]

A_SHARE_SHEET = """
navigator.share = data => { window.sharedWith = data; return Promise.resolve(); };
"""
A_CLIPBOARD_THAT_REFUSES = """
Object.defineProperty(navigator, "clipboard", {
  value: {writeText: () => Promise.reject(new DOMException("denied", "NotAllowedError"))},
});
"""


def share_button(tab):
    return tab.page.locator("[data-share] button")


def test_with_a_share_sheet_it_shares_the_listing_without_the_search(tab) -> None:
    tab.page.add_init_script(A_SHARE_SHEET)
    tab.goto("/a-listing/?place=22903&radius=5")

    assert share_button(tab).inner_text() == "Share"
    share_button(tab).click()

    shared = tab.page.wait_for_function("() => window.sharedWith").json_value()
    assert shared == {"title": tab.page.title(), "url": f"{tab.origin}/a-listing/"}
    assert tab.axe_violations() == []
    assert tab.console_errors == []


def test_without_a_share_sheet_it_copies_the_link(tab) -> None:
    tab.page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    tab.goto("/a-listing/?place=22903")

    assert tab.page.evaluate("typeof navigator.share") == "undefined"
    assert share_button(tab).inner_text() == "Copy link"
    share_button(tab).click()

    status = tab.page.locator("[data-share] [role=status]")
    status.filter(has_text="Link copied").wait_for()
    assert tab.page.evaluate("navigator.clipboard.readText()") == f"{tab.origin}/a-listing/"
    assert tab.axe_violations() == []


def test_when_copying_fails_it_says_where_to_find_the_link(tab) -> None:
    tab.page.add_init_script(A_CLIPBOARD_THAT_REFUSES)
    tab.goto("/a-listing/")
    share_button(tab).click()

    tab.page.get_by_text("You can copy it from the address bar").wait_for()


def test_with_no_way_to_share_nothing_shows(tab) -> None:
    tab.page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined});")
    tab.goto("/a-listing/")

    assert not tab.page.locator("[data-share]").is_visible()


def test_without_javascript_nothing_shows(tab) -> None:
    tab.page.route(
        "**/*",
        lambda route: (
            route.abort() if route.request.resource_type == "script" else route.continue_()
        ),
    )
    tab.goto("/a-listing/")

    assert not tab.page.locator("[data-share]").is_visible()
    assert tab.page.locator("h1").is_visible()


def test_it_is_left_out_of_a_printed_page(tab) -> None:
    tab.goto("/a-listing/")
    tab.page.emulate_media(media="print")

    assert not tab.page.locator("[data-share]").is_visible()
