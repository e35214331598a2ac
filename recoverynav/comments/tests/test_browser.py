"""In a real browser: posting works, and "save my details" fills the form next time from
localStorage without any cookie."""

import pytest

from recoverynav.comments.tests.helpers import make_known_commenter

pytestmark = [pytest.mark.browser, pytest.mark.urls("recoverynav.comments.tests.urls")]


@pytest.fixture
def page(tab, settings):
    """A tab on the comment test page's site, with the minimum writing time switched off."""
    settings.COMMENTS_MIN_SECONDS = 0
    return tab.page


def fill_and_post(page, *, comment: str, remember: bool, confirm: bool = False) -> None:
    page.fill("#comment-comment", comment)
    page.fill("#comment-name", "Ana")
    page.fill("#comment-email", "ana.private@example.org")
    page.check("#comment-consent")
    page.set_checked("#comment-remember", remember)
    if confirm:
        page.check("#comment-confirm_email")
    with page.expect_navigation():
        page.click("button[type=submit]")


def test_it_remembers_the_writer_in_the_browser_only(page) -> None:
    page.goto("/test-page/")
    fill_and_post(page, comment="Thank you for this page.", remember=True)

    assert "Your comment is awaiting moderation" in page.inner_text("#comment-status")
    page.goto("/test-page/")
    assert page.input_value("#comment-name") == "Ana"
    assert page.input_value("#comment-email") == "ana.private@example.org"
    assert page.is_checked("#comment-remember")
    assert page.context.cookies() == []


def test_unticking_the_box_forgets_the_writer(page) -> None:
    page.goto("/test-page/")
    fill_and_post(page, comment="First comment here.", remember=True)
    page.goto("/test-page/")
    fill_and_post(page, comment="Second comment here.", remember=False)

    page.goto("/test-page/")
    assert page.input_value("#comment-name") == ""
    assert not page.is_checked("#comment-remember")


def test_the_error_summary_takes_the_focus(page) -> None:
    page.goto("/test-page/")
    with page.expect_navigation():
        page.click("button[type=submit]")

    assert page.evaluate("document.activeElement.id") == "comment-errors"
    page.click("#comment-errors a[href='#comment-name']")
    assert page.evaluate("location.hash") == "#comment-name"


def test_the_verified_mark_and_the_confirmation_box_pass_axe(tab, page) -> None:
    make_known_commenter(name="Ana")
    page.goto("/test-page/?replyto=x")
    assert page.inner_text(".comment-verified").strip() == "✓ Verified email"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert tab.axe_violations() == []

    fill_and_post(page, comment="Asking for the link.", remember=False, confirm=True)

    assert "we have sent it a link" in page.inner_text("#comment-status")
    assert tab.axe_violations() == []
