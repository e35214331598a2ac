"""Shared fixtures for browser tests: a real Chromium driven by Playwright against
pytest-django's live server. (The integrator may move these to the root conftest.)"""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-gpu",
]


def browser_skip_reason() -> str | None:
    if os.environ.get("RECOVERYNAV_SKIP_BROWSER_TESTS") == "1":
        return "RECOVERYNAV_SKIP_BROWSER_TESTS=1"
    if not CHROMIUM.exists() and not shutil.which("chromium"):
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator:
    """One Chromium per test module. Playwright's sync API runs an event loop in this thread
    and Django refuses database calls from such a thread unless DJANGO_ALLOW_ASYNC_UNSAFE is
    set; it is set only while the browser runs, so it never leaks into other tests (nor into
    the subprocesses of the deployment check, which rightly refuses it)."""
    reason = browser_skip_reason()
    if reason:
        pytest.skip(f"browser tests skipped: {reason}")
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            yield chromium
            chromium.close()


@pytest.fixture(scope="session")
def _plain_http_before_the_server_starts() -> Iterator[None]:
    """The live server's middleware reads SECURE_SSL_REDIRECT once, when the server starts,
    before the root conftest's per-test override applies; switch it off first."""
    from django.conf import settings

    previous = settings.SECURE_SSL_REDIRECT
    settings.SECURE_SSL_REDIRECT = False
    yield
    settings.SECURE_SSL_REDIRECT = previous


@pytest.fixture(scope="session")
def plain_http_live_server(_plain_http_before_the_server_starts, live_server):
    return live_server


@pytest.fixture
def site(plain_http_live_server, transactional_db, settings) -> str:
    """The live server's address, with the bundled hotlines loaded as `make run` does."""
    from recoverynav.hotlines.services import load_hotlines

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    load_hotlines()
    return plain_http_live_server.url


@pytest.fixture
def context(browser) -> Iterator:
    """A fresh browser profile: its own localStorage, downloads allowed."""
    browser_context = browser.new_context(accept_downloads=True)
    yield browser_context
    browser_context.close()


@pytest.fixture
def page(context) -> Iterator:
    """A page that fails the test on any JavaScript error."""
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    yield tab
    assert not errors, f"JavaScript errors: {errors}"
