"""Helpers for the meetings tests: feeds built from plain dicts, imported like the command
does, and a local web server that sends a feed the way a real one may (slowly, hugely,
with an error)."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from recoverynav.meetings.models import FeedSource
from recoverynav.meetings.services import ImportReport, import_meetings


def meeting_record(**overrides) -> dict:
    """A valid Meeting Guide record (a Charlottesville, VA meeting), changed by `overrides`."""
    record = {
        "name": "Serenity at Noon",
        "slug": "serenity-noon",
        "day": 1,
        "time": "12:00",
        "end_time": "13:00",
        "types": ["O", "D"],
        "location": "Trinity Church",
        "formatted_address": "1118 Preston Ave, Charlottesville, VA 22903, USA",
        "latitude": 38.0402,
        "longitude": -78.4917,
        "timezone": "America/New_York",
        "updated": "2026-10-01 12:00:00",
    }
    record.update(overrides)
    return {key: value for key, value in record.items() if value is not ...}


def import_records(
    records: list, *, source: str = "test", force: bool = False, dry_run: bool = False, **config
) -> ImportReport:
    feed = FeedSource.objects.filter(name=source).first() or FeedSource(name=source, **config)
    return import_meetings(
        source=feed, data=json.dumps(records).encode(), force=force, dry_run=dry_run
    )


@pytest.fixture
def feeds_dir():
    from recoverynav.meetings.demo_data import FEEDS_DIR

    return FEEDS_DIR


@pytest.fixture
def feed_server():
    """A local web server that answers `status` and sends `body` `repeat` times, `chunk`
    bytes per write (0: all at once) with `pause` seconds after each write; or, when the
    test sets `answer` (path → (status, body)), what that says for each request. Requests
    are recorded in `asked`; its address is `feed_server["url"]`."""
    state = {"body": b"[]", "status": 200, "chunk": 0, "pause": 0.0, "repeat": 1, "asked": []}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state["asked"].append(self.path)
            answer = state.get("answer")
            status, body = answer(self.path) if answer else (state["status"], state["body"])
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            step = state["chunk"] or len(body) or 1
            try:
                for _ in range(state["repeat"]):
                    for start in range(0, len(body), step):
                        self.wfile.write(body[start : start + step])
                        self.wfile.flush()
                        if state["pause"]:
                            time.sleep(state["pause"])
            except OSError:
                pass  # the client gave up, as it should

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    state["url"] = f"http://127.0.0.1:{server.server_port}/meetings.json"
    yield state
    server.shutdown()
