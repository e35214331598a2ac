"""An upstream meeting feed that is huge or stalls: the fetch refuses with a clear message.
(That the meetings already stored are kept is tested in meetings/tests/test_sync.py.)"""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from recoverynav.meetings.feeds import read_feed
from recoverynav.meetings.importers import FeedError


@pytest.fixture
def upstream():
    """A local feed server that sends `size` bytes, `chunk` at a time, `pause` apart."""
    state = {"size": 10, "chunk": 10, "pause": 0.0}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            sent = 0
            try:
                while sent < state["size"]:
                    self.wfile.write(b" " * state["chunk"])
                    self.wfile.flush()
                    sent += state["chunk"]
                    time.sleep(state["pause"])
            except OSError:
                pass  # the client gave up, as it should

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    state["url"] = f"http://127.0.0.1:{server.server_port}/feed.json"
    yield state
    server.shutdown()


def test_a_huge_feed_is_refused_without_reading_it_all(upstream, settings) -> None:
    settings.MEETINGS_FEED_MAX_BYTES = 100_000
    upstream.update(size=50_000_000, chunk=65_536)

    started = time.monotonic()
    with pytest.raises(FeedError, match="larger than 100000 bytes"):
        read_feed(upstream["url"])

    assert time.monotonic() - started < 10


def test_a_feed_that_stalls_is_given_up_after_the_timeout(upstream, settings) -> None:
    settings.MEETINGS_FEED_TIMEOUT = 0.5
    upstream.update(size=10, chunk=1, pause=2.0)

    with pytest.raises(FeedError, match="Could not fetch"):
        read_feed(upstream["url"])
