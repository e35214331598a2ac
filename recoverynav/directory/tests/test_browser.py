"""'Use my location' in a real browser: the enhancement fills the place field and searches."""

import os
import shutil
from collections.abc import Iterator

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.db import connections
from django.test.testcases import LiveServerThread

from recoverynav.directory.tests.factories import CHARLOTTESVILLE, make_facility

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="needs a Chromium"),
    pytest.mark.skipif(
        os.environ.get("RECOVERYNAV_SKIP_BROWSER_TESTS") == "1",
        reason="RECOVERYNAV_SKIP_BROWSER_TESTS=1",
    ),
]


@pytest.fixture
def plain_http_server(transactional_db, settings) -> Iterator[str]:
    """A live server started after the test settings (plain HTTP) are in place; the shared
    `live_server` fixture starts earlier, with production's HTTPS redirect."""
    settings.ALLOWED_HOSTS = ["localhost"]
    thread = LiveServerThread("localhost", StaticFilesHandler, connections_override={})
    shared = [c for c in connections.all() if c.vendor == "sqlite" and c.is_in_memory_db()]
    for connection in shared:
        connection.inc_thread_sharing()
        thread.connections_override[connection.alias] = connection
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://localhost:{thread.port}"
    thread.terminate()
    for connection in shared:
        connection.dec_thread_sharing()


def test_use_my_location_searches_where_the_person_is(plain_http_server: str, gazetteer) -> None:
    from playwright.sync_api import sync_playwright

    make_facility(name="Region Ten")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        context = browser.new_context(
            geolocation={"latitude": CHARLOTTESVILLE[0], "longitude": CHARLOTTESVILLE[1]},
            permissions=["geolocation"],
        )
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.goto(f"{plain_http_server}/treatment/")

        page.get_by_role("button", name="Use my location").click()
        page.wait_for_url("**/treatment/?place=*")

        assert page.locator("#id_place").input_value() == "38.0293,-78.4767"
        assert "Region Ten" in page.content()
        assert errors == []  # no CSP violation, no script error
        browser.close()


@pytest.mark.parametrize(
    ("prefix", "saved", "announced"),
    [
        ("", "Saved to my plan", "Saved to your plan: Region Ten"),
        ("/es", "Guardado en mi plan", "Guardado en su plan: Region Ten"),
    ],
)
def test_save_to_my_plan_from_the_results_keeps_the_place_in_this_browser(
    plain_http_server: str, prefix: str, saved: str, announced: str
) -> None:
    """The list carries the save script once, with the words every button shares."""
    from playwright.sync_api import sync_playwright

    facility = make_facility(name="Region Ten")
    make_facility(name="Hope House")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        page = browser.new_page()
        errors: list[str] = []
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.goto(f"{plain_http_server}{prefix}/treatment/?place=38.03,-78.48")

        button = page.locator(f"[data-plan-save][data-id='{facility.pk}']")
        button.click()
        page.locator("[data-plan-save-status]").filter(has_text=announced).wait_for()

        assert saved in button.inner_text()
        assert page.locator("script[src*='plan/save']").count() == 1
        stored = page.evaluate("JSON.parse(localStorage.getItem('recoverynav.plan'))")
        assert [option["name"] for option in stored["options"]] == ["Region Ten"]
        assert errors == []
        browser.close()
