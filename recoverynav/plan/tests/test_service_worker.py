"""The service worker that keeps the plan and tracker usable offline."""

import json
import re

import pytest
from django.test import Client

from recoverynav.plan import selectors

pytestmark = pytest.mark.django_db


def worker_config(body: str) -> dict:
    return json.loads(re.match(r"const CONFIG = (.*);\n", body).group(1))


@pytest.mark.parametrize(
    ("url", "scope"), [("/plan/sw.js", "/plan/"), ("/es/plan/sw.js", "/es/plan/")]
)
def test_it_serves_the_worker_as_javascript_scoped_to_the_plan(
    visitor: Client, url: str, scope: str
) -> None:
    response = visitor.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/javascript; charset=utf-8"
    assert response["Service-Worker-Allowed"] == scope
    assert response["Cache-Control"] == "no-cache"
    assert "connect-src 'self'" in response["Content-Security-Policy"]
    assert not response.cookies


def test_it_keeps_both_pages_and_their_files_offline(visitor: Client) -> None:
    config = worker_config(visitor.get("/es/plan/sw.js").content.decode())

    assert config["pages"] == ["/es/plan/", "/es/plan/tracker/"]
    assert "/static/plan/tracker.js" in config["static"]
    assert "/static/core/site.css" in config["static"]
    assert config["cache"].startswith(config["prefix"])
    assert config["prefix"] == "rn-plan-es-"


def test_every_file_it_keeps_offline_exists(visitor: Client) -> None:
    config = worker_config(visitor.get("/plan/sw.js").content.decode())

    for url in config["pages"]:
        assert visitor.get(url).status_code == 200, url
    for name in selectors.OFFLINE_STATIC_FILES:
        from django.contrib.staticfiles import finders

        assert finders.find(name), name


def test_its_version_changes_when_an_offline_file_changes(tmp_path, monkeypatch) -> None:
    before = selectors.service_worker_script(page_urls=["/plan/"], language="en")
    changed = tmp_path / "plan.js"
    changed.write_text("// a new version")
    monkeypatch.setattr(
        selectors.finders, "find", lambda name: str(changed) if name == "plan/plan.js" else None
    )
    after = selectors.service_worker_script(page_urls=["/plan/"], language="en")

    assert worker_config(before)["cache"] != worker_config(after)["cache"]


def test_the_worker_only_handles_get_requests_to_our_own_origin() -> None:
    source = selectors.SERVICE_WORKER_SOURCE.read_text()

    assert 'event.request.method !== "GET"' in source
    assert "url.origin !== self.location.origin" in source
    assert "localStorage" not in source.replace("plan data lives in localStorage", "")


def test_the_crawler_does_not_mistake_the_worker_for_a_page() -> None:
    from recoverynav.core.tests.test_pages import PAGES

    assert "plan:plan" in PAGES
    assert "plan:tracker" in PAGES
    assert not [name for name in PAGES if "sw" in name]
