"""In a real browser: posting works, and "save my details" fills the form next time from
localStorage without any cookie."""

import os
import shutil

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.db import connections
from django.test.testcases import LiveServerThread

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.urls("recoverynav.comments.tests.urls"),
    pytest.mark.skipif(
        not CHROMIUM or bool(os.environ.get("RECOVERYNAV_SKIP_BROWSER_TESTS")),
        reason="needs Chromium (CI's SQLite pass runs it)",
    ),
]


@pytest.fixture
def server_url(transactional_db, settings):
    """A live server started after the test settings (plain HTTP) are in place; the shared
    `live_server` starts earlier and would redirect to HTTPS."""
    settings.COMMENTS_MIN_SECONDS = 0
    settings.ALLOWED_HOSTS = ["localhost"]
    shared = {
        conn.alias: conn
        for conn in connections.all()
        if conn.vendor == "sqlite" and conn.is_in_memory_db()
    }
    for conn in shared.values():
        conn.inc_thread_sharing()
    thread = LiveServerThread("localhost", StaticFilesHandler, shared, port=0)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://localhost:{thread.port}"
    thread.terminate()
    for conn in shared.values():
        conn.dec_thread_sharing()


@pytest.fixture
def page(server_url):
    """Chromium on the live server. The test body runs inside Playwright's event loop, so it
    must not use the ORM itself (its connection would outlive the test)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(base_url=server_url)
        yield context.new_page()
        browser.close()


def fill_and_post(page, *, comment: str, remember: bool) -> None:
    page.fill("#comment-comment", comment)
    page.fill("#comment-name", "Ana")
    page.fill("#comment-email", "ana.private@example.org")
    page.fill("#comment-website", "https://ana.example")
    page.check("#comment-consent")
    page.set_checked("#comment-remember", remember)
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
