"""Personas and the real-browser fixtures shared by every app's tests."""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from hypothesis import settings as hypothesis_settings

# On a busy machine an example may stall behind another test worker: the properties judge
# outcomes, never the time an example took (speed is `make bench`'s job).
hypothesis_settings.register_profile("recoverynav", deadline=None, print_blob=True)
hypothesis_settings.load_profile("recoverynav")


@pytest.fixture
def visitor() -> Client:
    """Someone on the public site: no account, no cookies."""
    return Client()


@pytest.fixture
def moderator(db) -> Client:
    """A staff member who moderates comments and listings in the admin."""
    user = get_user_model().objects.create_user(
        "moderator", "moderator@example.org", "correct horse battery staple", is_staff=True
    )
    from django.contrib.auth.models import Permission

    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["comments", "directory", "meetings"])
    )
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def admin(db) -> Client:
    """An operator with every permission."""
    user = get_user_model().objects.create_superuser(
        "admin", "admin@example.org", "correct horse battery staple"
    )
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def hotlines(db) -> None:
    """The bundled hotline data, as `make run` loads it."""
    from recoverynav.hotlines.services import load_hotlines

    load_hotlines()


@pytest.fixture(scope="session", autouse=True)
def _plain_http_for_the_live_server() -> None:
    """The live server builds its middleware once per session, before any per-test settings
    fixture runs: give it plain HTTP and uncollected static files from the start."""
    from django.conf import settings

    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _plain_http_in_tests(settings) -> None:
    """Production settings redirect to HTTPS and serve collected static files; tests use
    plain HTTP and the app directories' static files."""
    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _exports_in_a_fresh_folder(settings, tmp_path) -> None:
    """Built exports (core/export_files) are files under the data directory: each test has
    its own, so no test is served a file another built from other data."""
    settings.DATA_DIR = tmp_path / "data"


@pytest.fixture(autouse=True)
def _default_language() -> None:
    """Each test starts in the site's default language: a request for a Spanish page leaves
    Spanish active in the thread, and a later test that words something without a request
    (a heading, a place's name) would otherwise speak Spanish or English by test order."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Each test starts with an empty cache: rendered pages, rate limits and lookups kept by
    an earlier test (perhaps under other settings) must not leak into it."""
    from django.core.cache import caches

    for each in caches.all():
        each.clear()


@pytest.fixture
def rate_limits(settings):
    """Set some routes' budgets for one test, the others kept: rate_limits(api="2/60")."""

    def set_budgets(**budgets: str) -> None:
        settings.RATE_LIMITS = {**settings.RATE_LIMITS, **budgets}

    return set_budgets


# --- Real browser (Playwright driving Debian's Chromium) -------------------------------------
CHROMIUM = os.environ.get("RECOVERYNAV_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-gpu",
]
AXE_JS = Path(__file__).resolve().parent / "recoverynav/core/tests/vendor/axe.min.js"
# The WCAG 2.2 AA target, with the 2.0 and 2.1 rules it includes.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


@pytest.fixture(scope="module")
def browser():
    """A headless Chromium shared by one test module (never downloaded: Debian's package).

    Playwright's sync API runs an event loop in the test thread, and Django's async-safety
    guard would then refuse the ORM calls the tests make (and the test database's teardown);
    DJANGO_ALLOW_ASYNC_UNSAFE is set only while the browser runs, so it never reaches other
    tests (nor the subprocesses of the deployment check, which rightly refuse it)."""
    if os.environ.get("RECOVERYNAV_SKIP_BROWSER_TESTS") == "1":
        pytest.skip("RECOVERYNAV_SKIP_BROWSER_TESTS=1 (browser tests run in CI's SQLite pass)")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            yield chromium
            chromium.close()


@dataclass
class BrowserTab:
    """A page in a fresh browser context that records what the page asked for and complained
    about, so tests can assert on other-origin requests and CSP or script errors."""

    page: Any
    origin: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def goto(self, url: str) -> Any:
        return self.page.goto(url if url.startswith("http") else self.origin + url)

    def foreign_requests(self) -> list[str]:
        """Requests that left our origin (data: URLs never leave the page)."""
        return [
            url
            for url in self.requests
            if not url.startswith((self.origin + "/", "data:", "about:", "blob:"))
        ]

    def axe_violations(self) -> list[dict]:
        """Run axe-core (vendored) against the current document with the WCAG A/AA rules."""
        if not self.page.evaluate("() => typeof window.axe !== 'undefined'"):
            # evaluate() runs in the page's main world yet is not subject to its CSP.
            self.page.evaluate(AXE_JS.read_text(encoding="utf-8"))
        result = self.page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
        )
        return [
            {
                "id": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "targets": [n["target"] for n in v["nodes"]][:5],
            }
            for v in result["violations"]
        ]


@pytest.fixture
def browser_context_args() -> dict:
    return {"locale": "en-US", "viewport": {"width": 390, "height": 844}}


@contextmanager
def open_tab(browser, origin: str, context_args: dict) -> Iterator[BrowserTab]:
    """A fresh browser context on `origin` with one recording page, closed afterwards."""
    context = browser.new_context(base_url=origin, **context_args)
    page = context.new_page()
    page.set_default_timeout(15_000)
    recorded = BrowserTab(page=page, origin=origin)
    page.on("request", lambda request: recorded.requests.append(request.url))
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and recorded.console_errors.append(f"{message.text} ({message.location.get('url')})")
        ),
    )
    page.on("pageerror", lambda error: recorded.console_errors.append(str(error)))
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and recorded.console_errors.append(f"HTTP {response.status} {response.url}")
        ),
    )
    try:
        yield recorded
    finally:
        context.close()


@pytest.fixture
def tab(browser, live_server, browser_context_args):
    """A phone-sized tab on the live test server."""
    with open_tab(browser, live_server.url, browser_context_args) as recorded:
        yield recorded


# Real gazetteer rows for the states the bundled samples and feeds need (loaded once a session).
GAZETTEER_TEST_STATES = {"VA", "DC", "MD", "TX", "PA", "NJ", "DE", "CA", "MO", "KS", "NY"}


@pytest.fixture(scope="session")
def _gazetteer_loaded(django_db_setup, django_db_blocker) -> None:
    from recoverynav.geo.services import load_gazetteer

    with django_db_blocker.unblock():
        load_gazetteer(states=GAZETTEER_TEST_STATES)


@pytest.fixture
def gazetteer(_gazetteer_loaded, db) -> None:
    """ZIP codes, places and counties of VA, DC, MD, TX, PA, NJ, DE, CA, MO, KS and NY."""
    from recoverynav.geo.models import PostalCode
    from recoverynav.geo.services import load_gazetteer

    if not PostalCode.objects.exists():  # a transactional test flushed the tables
        load_gazetteer(states=GAZETTEER_TEST_STATES)


def load_demo_data_for_tests() -> None:
    """What `make run` loads (every app's demo_data), with the gazetteer cut to the test
    states so that browser tests stay fast."""
    import io

    from django.core.management import call_command

    from recoverynav.geo.models import PostalCode
    from recoverynav.geo.services import load_gazetteer

    if not PostalCode.objects.exists():
        load_gazetteer(states=GAZETTEER_TEST_STATES)
    call_command("load_demo_data", stdout=io.StringIO())


@pytest.fixture
def demo_data(transactional_db) -> None:
    """What `make run` loads, for one test (`demo_database` loads it once for a module)."""
    load_demo_data_for_tests()


@pytest.fixture(scope="module")
def demo_database(request, django_db_setup, django_db_blocker) -> Iterator[None]:
    """The demo data, loaded once for the whole module.

    Function-scoped database fixtures would load it again for every test (a transactional
    test empties the tables after itself; the national directory takes seconds to load).
    Here it is committed once; each test runs in a transaction that is rolled back (the
    module is marked `django_db`), and the tables are emptied when the module is done, as a
    transactional test leaves them.

    The module must be marked `pytest.mark.django_db`: pytest-django creates the test
    database only for a run whose tests ask for one, and this fixture would otherwise load
    into (and then empty) the database in `var/`."""
    from django.core.management import call_command

    if not request.node.get_closest_marker("django_db"):
        raise pytest.UsageError(
            f"{request.node.name}: mark the module with pytest.mark.django_db to use demo_database"
        )
    with django_db_blocker.unblock():
        load_demo_data_for_tests()
        try:
            yield
        finally:
            call_command("flush", interactive=False, verbosity=0)


@pytest.fixture(scope="module")
def demo_site(demo_database, django_db_blocker) -> Iterator[Any]:
    """A live server of the module's own on `demo_database`. (pytest-django's `live_server`
    makes every test that uses it transactional, which would empty the tables after each.)"""
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        try:
            yield server
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
