"""Browser fixtures for the plan and tracker: a fresh browser profile per test (downloads
allowed) on pytest-django's live server, and a page that fails the test on any script error.
The browser itself is the root conftest's Debian Chromium."""

from collections.abc import Iterator

import pytest


@pytest.fixture
def site(live_server) -> str:
    """The live server's address, with the bundled hotlines loaded as `make run` does."""
    from recoverynav.hotlines.services import load_hotlines

    load_hotlines()
    return live_server.url


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
