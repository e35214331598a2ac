"""The browsable API docs in a real Chromium: Swagger UI starts under our CSP, with no
violations and nothing loaded from another host."""

import os
import shutil
from collections.abc import Iterator

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.test.testcases import LiveServerThread

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        bool(os.environ.get("RECOVERYNAV_SKIP_BROWSER_TESTS")) or not shutil.which("chromium"),
        reason="needs Chromium (browser tests run in CI's SQLite pass)",
    ),
]


@pytest.fixture
def server_url(settings) -> Iterator[str]:
    """A live server started after the test settings apply (plain HTTP, our static files).
    The docs page and the OpenAPI document need no database."""
    settings.ALLOWED_HOSTS = ["localhost"]
    thread = LiveServerThread("localhost", StaticFilesHandler, port=0)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://localhost:{thread.port}"
    thread.terminate()


def test_the_docs_page_shows_every_operation_without_csp_violations(server_url: str) -> None:
    from playwright.sync_api import sync_playwright

    problems: list[str] = []
    other_hosts: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"))
        page = browser.new_page()
        page.on(
            "console",
            lambda message: (
                problems.append(message.text)
                if message.type == "error" or "Content Security Policy" in message.text
                else None
            ),
        )
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on(
            "request",
            lambda request: (
                other_hosts.append(request.url)
                if not request.url.startswith(server_url) and not request.url.startswith("data:")
                else None
            ),
        )
        page.goto(f"{server_url}/api/v1/docs")
        page.wait_for_selector(".opblock", timeout=15000)
        operations = page.locator(".opblock-summary-path").all_inner_texts()
        browser.close()

    assert not problems, problems
    assert not other_hosts, other_hosts
    assert "/api/v1/hotlines/{code}" in [text.replace("\u200b", "") for text in operations]
