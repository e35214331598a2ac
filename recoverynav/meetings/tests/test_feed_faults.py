"""An upstream meeting feed that is huge or stalls: the fetch refuses with a clear message.
(That the meetings already stored are kept is tested in test_sync.py.)"""

import time

import pytest

from recoverynav.meetings.feeds import read_feed
from recoverynav.meetings.importers import FeedError


def test_a_huge_feed_is_refused_without_reading_it_all(feed_server, settings) -> None:
    settings.MEETINGS_FEED_MAX_BYTES = 100_000
    feed_server.update(body=b" " * 65_536, repeat=763)  # 50 MB

    started = time.monotonic()
    with pytest.raises(FeedError, match="larger than 100000 bytes"):
        read_feed(feed_server["url"])

    assert time.monotonic() - started < 10


def test_a_feed_that_stalls_is_given_up_after_the_timeout(feed_server, settings) -> None:
    settings.MEETINGS_FEED_TIMEOUT = 0.5
    feed_server.update(body=b" " * 10, chunk=1, pause=2.0)

    with pytest.raises(FeedError, match="Could not fetch"):
        read_feed(feed_server["url"])
