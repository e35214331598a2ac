"""The live sync against a local server that answers as FindTreatment.gov's locator does:
every page is read, a failure midway or a cut-short answer changes nothing."""

import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from recoverynav.directory.models import Facility, ImportRun

DATA = Path(__file__).resolve().parent / "data"
# One real page of the locator's answer (30 Virginia facilities, 2019), split into pages.
SAMPLE_ROWS = json.loads(
    (
        Path(__file__).resolve().parents[1] / "data" / "findtreatment_api_sample_2019.json"
    ).read_text()
)["rows"]

pytestmark = pytest.mark.django_db


class Locator:
    """What the fake server answers: `rows` in pages of `page_size`; `fault(page, attempt)`
    may return (status, body, headers) instead of the page."""

    def __init__(self, rows: list[dict], page_size: int = 10) -> None:
        self.rows, self.page_size = rows, page_size
        self.requests: list[dict[str, list[str]]] = []
        self.attempts: dict[int, int] = {}
        self.fault: Callable[[int, int], tuple[int, bytes, dict] | None] = lambda p, a: None
        self.record_count: int | None = None

    def answer(self, query: dict[str, list[str]]) -> tuple[int, bytes, dict]:
        self.requests.append(query)
        page = int(query["page"][0])
        self.attempts[page] = self.attempts.get(page, 0) + 1
        faulty = self.fault(page, self.attempts[page])
        if faulty:
            return faulty
        size = int(query["pageSize"][0])
        pages = max(1, -(-len(self.rows) // size))
        body = {
            "page": page,
            "totalPages": pages,
            "recordCount": self.record_count if self.record_count is not None else len(self.rows),
            "rows": self.rows[(page - 1) * size : page * size],
        }
        return 200, json.dumps(body).encode(), {}


@pytest.fixture
def locator() -> Iterator[tuple[Locator, str]]:
    fake = Locator(SAMPLE_ROWS)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            status, body, headers = fake.answer(parse_qs(urlparse(self.path).query))
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", headers.get("Content-Length", str(len(body))))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield fake, f"http://127.0.0.1:{server.server_address[1]}/locator/exportsAsJson/v2"
    server.shutdown()
    server.server_close()


def sync(url: str, *args: str) -> str:
    out = StringIO()
    call_command(
        "sync_samhsa_locator",
        f"--url={url}",
        "--page-size=10",
        "--retry-wait=0",
        "--timeout=5",
        *args,
        stdout=out,
        stderr=out,
    )
    return out.getvalue()


def stored() -> list[tuple]:
    return list(Facility.objects.order_by("pk").values_list("pk", "name", "phone"))


def test_it_reads_every_page_with_the_locators_parameters_and_imports_them(locator) -> None:
    fake, url = locator

    output = sync(url)

    assert [q["page"] for q in fake.requests] == [["1"], ["2"], ["3"]]
    first = fake.requests[0]
    assert first["sType"] == ["sa"]
    assert first["limitType"] == ["2"]
    assert first["pageSize"] == ["10"]
    assert first["sort"] == ["0"]
    assert "page 3 of 3: 30 facilities so far" in output
    run = ImportRun.objects.get(source="samhsa-locator-live")
    assert run.succeeded
    assert run.created + run.merged == 30
    mohr = Facility.objects.get(alternate_name="Mohr Center")
    assert mohr.phone == "(434) 979-8871"


def test_the_listings_are_dated_the_day_of_the_download(locator, time_machine) -> None:
    time_machine.move_to("2026-12-05 10:00")
    _fake, url = locator

    sync(url)

    assert {str(d) for d in Facility.objects.values_list("last_verified", flat=True)} == {
        "2026-12-05"
    }


def test_a_failure_midway_leaves_the_old_data(locator) -> None:
    fake, url = locator
    sync(url)
    before = stored()
    fake.rows = SAMPLE_ROWS[:20]  # a second sync that would remove ten
    fake.fault = lambda page, attempt: (503, b"busy", {}) if page == 2 else None

    with pytest.raises(CommandError, match=r"after 4 tries: HTTP 503.*Nothing was changed"):
        sync(url)

    assert stored() == before
    assert fake.attempts[2] == 1 + 4  # the first sync's, then one try and three retries
    assert "page=3" not in str(fake.requests[-1])
    assert ImportRun.objects.order_by("-pk").first().succeeded is False


def test_a_page_that_fails_once_is_tried_again(locator) -> None:
    fake, url = locator
    fake.fault = lambda page, attempt: (500, b"oops", {}) if attempt == 1 else None

    sync(url)

    assert fake.attempts == {1: 2, 2: 2, 3: 2}
    assert Facility.objects.exists()


def test_a_cut_short_answer_is_refused(locator) -> None:
    fake, url = locator
    sync(url)
    before = stored()

    def cut_short(page: int, attempt: int) -> tuple[int, bytes, dict] | None:
        if page != 3:
            return None
        whole = json.dumps({"page": 3, "totalPages": 3, "rows": SAMPLE_ROWS[20:]}).encode()
        return 200, whole[:500], {"Content-Length": str(len(whole))}

    fake.fault = cut_short

    with pytest.raises(CommandError, match="cut short"):
        sync(url)
    assert stored() == before


def test_an_answer_with_fewer_facilities_than_announced_is_refused(locator) -> None:
    fake, url = locator
    fake.record_count = 31

    with pytest.raises(CommandError, match="announced 31 facilities but its 3 pages held 30"):
        sync(url)
    assert not Facility.objects.exists()


def test_an_answer_larger_than_the_limit_is_refused(locator) -> None:
    _fake, url = locator

    with pytest.raises(CommandError, match="more than 1,000 bytes"):
        sync(url, "--max-bytes=1000")
    assert not Facility.objects.exists()


def test_an_answer_that_is_not_a_locator_page_is_refused(locator) -> None:
    fake, url = locator
    fake.fault = lambda page, attempt: (200, b'{"error": "maintenance"}', {})

    with pytest.raises(CommandError, match="no 'rows' list"):
        sync(url)


def test_a_sync_that_would_remove_more_than_half_is_refused_unless_forced(locator) -> None:
    fake, url = locator
    sync(url)
    before = stored()
    fake.rows = SAMPLE_ROWS[:10]

    with pytest.raises(CommandError, match="would remove 20 of the 30 records"):
        sync(url)
    assert stored() == before

    sync(url, "--force")
    assert ImportRun.objects.order_by("-pk").first().removed == 20


def test_the_same_download_again_changes_nothing(locator) -> None:
    _fake, url = locator
    sync(url)
    before = stored()

    sync(url)

    assert stored() == before
    assert ImportRun.objects.order_by("-pk").first().unchanged == 30


def test_the_base_url_comes_from_the_settings(locator, settings) -> None:
    fake, url = locator
    settings.DIRECTORY_LOCATOR_API_URL = url

    out = StringIO()
    call_command("sync_samhsa_locator", "--page-size=10", "--retry-wait=0", stdout=out)

    assert fake.requests
