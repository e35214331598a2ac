"""With JavaScript in a real Chromium: the self-check becomes one page and still works."""

import os
import shutil
from collections.abc import Iterator

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.db import connections
from django.test.testcases import LiveServerThread

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        bool(os.environ.get("RECOVERYNAV_SKIP_BROWSER_TESTS")) or not shutil.which("chromium"),
        reason="browser tests need Debian's chromium",
    ),
]


@pytest.fixture
def server_url(transactional_db, settings) -> Iterator[str]:
    """A live server started inside the test, after the test settings (plain HTTP) apply."""
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    overrides = {
        alias: connections[alias]
        for alias in connections
        if connections[alias].vendor == "sqlite" and connections[alias].is_in_memory_db()
    }
    for connection in overrides.values():
        connection.inc_thread_sharing()
    thread = LiveServerThread("127.0.0.1", StaticFilesHandler, connections_override=overrides)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://127.0.0.1:{thread.port}"
    thread.terminate()
    for connection in overrides.values():
        connection.dec_thread_sharing()


def test_with_javascript_every_question_is_on_one_page(server_url: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"),
            # Chromium would upgrade the plain-HTTP test server to HTTPS.
            args=["--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable"],
        )
        page = browser.new_page()
        page.goto(f"{server_url}/self-check/")
        page.check("#id_audience_0")
        page.check("#id_substances_0")
        page.check("#id_age_band_2")
        with page.expect_navigation():
            page.click("button[type=submit]")

        assert page.is_visible("text=Your self-check")
        assert not page.is_visible("[data-crisis]")
        page.check("input[name='safety-answer'][value='yes']")
        assert page.is_visible("[data-crisis]")
        page.check("input[name='safety-answer'][value='no']")

        page.check("input[name='audit:audit-1-answer'][value='never']")
        assert not page.is_visible("input[name='audit:audit-2-answer']")
        page.check("input[name='audit:audit-1-answer'][value='2-3-a-week']")
        assert page.is_visible("input[name='audit:audit-2-answer']")
        page.check("input[name='audit:audit-2-answer'][value='1-2']")
        page.check("input[name='audit:audit-3-answer'][value='never']")
        assert not page.is_visible("input[name='audit:audit-4-answer']")
        page.check("input[name='audit:audit-9-answer'][value='no']")
        page.check("input[name='audit:audit-10-answer'][value='no']")
        with page.expect_navigation():
            page.click("button[value=all]")

        assert page.is_visible("text=Score: 3 out of 40")
        browser.close()
