"""The service worker that keeps the home page, "Get help now", the plan and the tracker on the
phone for offline use, as the server writes it (its behavior in a browser is in
test_shell_browser.py)."""

import json
import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.utils import translation

from recoverynav.core import offline

pytestmark = pytest.mark.django_db


def worker_config(body: str) -> dict:
    return json.loads(re.match(r"const CONFIG = (.*);\n", body).group(1))


@pytest.fixture(autouse=True)
def _fresh_worker() -> None:
    offline.cached_service_worker.cache_clear()


@pytest.mark.parametrize("url", ["/sw.js", "/es/sw.js"])
def test_it_serves_the_worker_as_javascript_at_the_root_of_each_language(
    visitor: Client, url: str
) -> None:
    response = visitor.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/javascript; charset=utf-8"
    assert response["Cache-Control"] == "no-cache"
    assert "connect-src 'self'" in response["Content-Security-Policy"]
    assert not response.cookies


def test_a_phone_that_has_the_worker_already_gets_a_304(visitor: Client) -> None:
    first = visitor.get("/sw.js")
    again = visitor.get("/sw.js", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]
    assert visitor.get("/es/sw.js")["ETag"] != first["ETag"]


def test_it_keeps_home_help_now_the_plan_and_the_tracker_with_their_files(
    visitor: Client,
) -> None:
    config = worker_config(visitor.get("/es/sw.js").content.decode())

    assert config["pages"] == ["/es/", "/es/help-now/", "/es/plan/", "/es/plan/tracker/"]
    assert config["numberPages"] == ["/es/help-now/"]
    assert {"/static/core/site.css", "/static/core/site.js", "/static/plan/tracker.js"} <= set(
        config["static"]
    )
    assert config["cache"].startswith("rn-es-")
    # The plan's own worker of earlier versions kept its copies under this prefix.
    assert config["prefixes"] == ["rn-es-", "rn-plan-es-"]
    assert config["lang"] == "es"


def test_every_page_and_file_it_keeps_exists(visitor: Client, hotlines: None) -> None:
    config = worker_config(visitor.get("/sw.js").content.decode())

    for url in config["pages"]:
        assert visitor.get(url).status_code == 200, url
    for name in offline.offline_static_files():
        assert finders.find(name), name


def test_a_saved_help_page_is_trusted_for_fourteen_days_at_most(visitor: Client) -> None:
    config = worker_config(visitor.get("/sw.js").content.decode())

    assert config["maxAge"] == 14 * 24 * 60 * 60 * 1000
    assert config["refreshAfter"] == 24 * 60 * 60 * 1000
    assert "more than 14 days old" in config["words"]["tooOld"]


def test_its_offline_page_has_the_emergency_numbers_in_the_pages_language(
    visitor: Client,
) -> None:
    config = worker_config(visitor.get("/es/sw.js").content.decode())

    assert config["emergency"][0] == {"name": "Estados Unidos", "number": "911"}
    assert config["words"]["title"] == "No tiene conexión"
    assert "{date}" in config["words"]["saved"]
    assert config["exitUrl"] == "https://www.google.com/"


def test_its_version_changes_when_an_offline_file_changes(tmp_path, monkeypatch) -> None:
    with translation.override("en"):
        before = offline.service_worker_script()
        changed = tmp_path / "plan.js"
        changed.write_text("// a new version")
        real_find = finders.find
        monkeypatch.setattr(
            offline.finders,
            "find",
            lambda name: str(changed) if name == "plan/plan.js" else real_find(name),
        )
        after = offline.service_worker_script()

    assert worker_config(before)["cache"] != worker_config(after)["cache"]


def test_the_worker_only_handles_get_requests_to_our_own_origin() -> None:
    source = offline.SERVICE_WORKER_SOURCE.read_text()

    assert 'request.method !== "GET"' in source
    assert "url.origin !== self.location.origin" in source
    assert "localStorage" not in source.replace("plan data lives in localStorage", "")


def test_the_crawler_does_not_mistake_the_worker_for_a_page() -> None:
    from recoverynav.core.tests.test_pages import PAGES

    assert "core:home" in PAGES
    assert not [name for name in PAGES if "sw" in name]


@pytest.mark.parametrize(("url", "worker"), [("/privacy/", "/sw.js"), ("/es/plan/", "/es/sw.js")])
def test_every_page_registers_the_worker_of_its_language(
    visitor: Client, url: str, worker: str
) -> None:
    html = visitor.get(url).content.decode()

    assert f'<script src="/static/core/site.js" defer data-sw="{worker}"></script>' in html
