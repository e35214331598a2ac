"""The whole meeting feed is built once per data change and served from a file: the same bytes
the view streamed before, validators and 304s, a gzip copy, and never a stale feed after an
import or an admin edit (issue 19: two clients pulling the feed starved the site)."""

import datetime as dt
import gzip
import json
import threading
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.http import http_date

from recoverynav.core import export_files
from recoverynav.meetings import exports
from recoverynav.meetings.models import FeedSource, Meeting
from recoverynav.meetings.selectors import meetings_for_feed
from recoverynav.meetings.tests.conftest import import_records, meeting_record

pytestmark = pytest.mark.django_db
ORIGIN = "http://testserver"


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def streamed_the_old_way(source: str = "") -> bytes:
    """The feed as the view streamed it before it was built once: each record with the page
    and report URLs made absolute for this request's host."""

    def record(meeting: Meeting) -> dict:
        page = reverse("meetings:meeting", args=[meeting.slug])
        report = reverse("meetings:report", args=[meeting.slug])
        return exports.feed_record(
            meeting, url=ORIGIN + page, feedback_url=meeting.feedback_url or ORIGIN + report
        )

    chunks = exports.feed_chunks(record(m) for m in meetings_for_feed(source=source))
    return "".join(chunks).encode()


@pytest.fixture
def two_sources() -> None:
    import_records([meeting_record(), meeting_record(slug="evening", time="19:00")], source="a")
    import_records([meeting_record(slug="other-noon", name="Café de la mañana")], source="b")


def test_it_serves_the_same_bytes_the_streamed_feed_had(visitor, two_sources) -> None:
    response = visitor.get("/meetings/feed.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert body(response) == streamed_the_old_way()
    assert int(response["Content-Length"]) == len(streamed_the_old_way())
    assert body(visitor.get("/meetings.json")) == streamed_the_old_way()


def test_one_sources_feed_is_its_own_file(visitor, two_sources) -> None:
    assert body(visitor.get("/meetings/feed.json?source=b")) == streamed_the_old_way("b")
    assert [m["slug"] for m in json.loads(body(visitor.get("/meetings/feed.json?source=a")))] == [
        "a-serenity-noon",
        "a-evening",
    ]


@pytest.mark.parametrize("source", ["nobody", "a\x00"])
def test_an_unknown_source_is_an_empty_feed_and_builds_no_file(
    visitor, two_sources, source
) -> None:
    response = visitor.get("/meetings/feed.json", {"source": source})
    assert body(response) == b"[]"
    assert not list(export_files.folder().glob("*.json"))


def test_the_spanish_feed_links_the_spanish_pages(visitor, two_sources) -> None:
    records = json.loads(body(visitor.get("/es/meetings/feed.json")))
    assert records[0]["url"] == "http://testserver/es/meetings/a-serenity-noon/"


def test_a_client_that_has_the_feed_gets_304_not_the_feed_again(visitor, two_sources) -> None:
    first = visitor.get("/meetings/feed.json")
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag.startswith('"')
    assert not etag.startswith('W/"')
    again = visitor.get("/meetings/feed.json", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again["ETag"] == etag
    assert not body(again)
    since = visitor.get("/meetings/feed.json", headers={"If-Modified-Since": modified})
    assert since.status_code == 304
    older = http_date((dt.datetime.now(dt.UTC) - dt.timedelta(days=1)).timestamp())
    assert visitor.get("/meetings/feed.json", headers={"If-Modified-Since": older}).status_code == (
        200
    )
    assert visitor.get("/meetings/feed.json", headers={"If-None-Match": '"other"'}).status_code == (
        200
    )


def test_a_client_that_accepts_gzip_gets_the_gzip_copy_of_the_same_json(
    visitor, two_sources
) -> None:
    plain = visitor.get("/meetings/feed.json")
    packed = visitor.get("/meetings/feed.json", headers={"Accept-Encoding": "gzip, br"})
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert "Accept-Encoding" in plain["Vary"]
    assert "Content-Encoding" not in plain
    unpacked, expected = gzip.decompress(body(packed)), body(plain)
    assert unpacked == expected
    assert json.loads(unpacked) == json.loads(expected)
    # Each representation has its own strong tag, and each revalidates.
    assert packed["ETag"] != plain["ETag"]
    again = visitor.get(
        "/meetings/feed.json",
        headers={"Accept-Encoding": "gzip", "If-None-Match": packed["ETag"]},
    )
    assert again.status_code == 304
    refused = visitor.get("/meetings/feed.json", headers={"Accept-Encoding": "gzip;q=0"})
    assert "Content-Encoding" not in refused


def test_it_is_built_once_and_then_read_from_the_file(visitor, two_sources) -> None:
    built = []
    original = exports.whole_feed_chunks
    kind = export_files.KINDS[exports.FEED_EXPORT]

    def counting(params):
        built.append(params)
        return original(params)

    export_files.KINDS[exports.FEED_EXPORT] = export_files.ExportKind(
        kind.name, kind.content_type, kind.version, counting
    )
    try:
        for _ in range(3):
            visitor.get("/meetings/feed.json")
        with CaptureQueriesContext(connection) as queries:
            served = body(visitor.get("/meetings/feed.json"))
    finally:
        export_files.KINDS[exports.FEED_EXPORT] = kind
    assert len(built) == 1
    assert served == streamed_the_old_way()
    # The data version is read; the meetings and their times are not.
    read = " ".join(query["sql"] for query in queries.captured_queries)
    assert 'MAX("meetings_meeting"."id")' in read
    assert '"meetings_meeting"."name"' not in read
    assert "meetings_meetingtime" not in read


def test_an_import_is_never_followed_by_the_old_feed(visitor, two_sources) -> None:
    before = visitor.get("/meetings/feed.json")
    import_records([meeting_record(name="Serenity at One", time="13:00")], source="a", force=True)
    after = visitor.get("/meetings/feed.json", headers={"If-None-Match": before["ETag"]})
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    served = body(after)
    names = [m["name"] for m in json.loads(served)]
    assert "Serenity at One" in names
    assert "Serenity at Noon" not in names
    assert served == streamed_the_old_way()


def test_an_unchanged_import_keeps_the_tag_so_clients_still_get_304(visitor, two_sources) -> None:
    before = visitor.get("/meetings/feed.json")
    import_records([meeting_record(), meeting_record(slug="evening", time="19:00")], source="a")
    again = visitor.get("/meetings/feed.json", headers={"If-None-Match": before["ETag"]})
    assert again.status_code == 304


def test_an_admin_edit_is_in_the_next_feed(visitor, two_sources) -> None:
    visitor.get("/meetings/feed.json")
    meeting = Meeting.objects.get(slug="a-evening")
    meeting.name = "Evening Reflections"
    meeting.save()  # as the admin does: no import run, same count
    assert "Evening Reflections" in [
        m["name"] for m in json.loads(body(visitor.get("/meetings/feed.json")))
    ]


def test_after_an_import_the_served_feeds_are_rebuilt_before_anyone_asks(
    visitor, two_sources
) -> None:
    visitor.get("/meetings/feed.json")
    visitor.get("/meetings/feed.json?source=b")
    import_records([meeting_record(slug="late", time="21:00")], source="b", force=True)
    assert export_files.rebuild_stale() == 2
    assert export_files.rebuild_stale() == 0
    assert "b-late" in [m["slug"] for m in json.loads(body(visitor.get("/meetings/feed.json")))]


def test_two_requests_at_once_build_it_once() -> None:
    built = []
    started = threading.Event()

    def slow(params):
        built.append(params)
        started.wait(2)
        yield from ["[", "]"]

    export_files.register(
        export_files.ExportKind("slow-feed", "application/json", lambda params: "1", slow)
    )
    params = {"origin": ORIGIN, "language": "en", "source": ""}
    results = []
    threads = [
        threading.Thread(target=lambda: results.append(export_files.built("slow-feed", params)))
        for _ in range(2)
    ]
    try:
        for thread in threads:
            thread.start()
        started.set()
        for thread in threads:
            thread.join(10)
    finally:
        export_files.KINDS.pop("slow-feed")
    assert len(built) == 1
    assert len({r.etag for r in results}) == 1
    assert len(results) == 2


def test_a_meeting_deleted_in_the_admin_leaves_the_feed(visitor, two_sources) -> None:
    visitor.get("/meetings/feed.json")
    Meeting.objects.get(slug="a-evening").delete()
    slugs = [m["slug"] for m in json.loads(body(visitor.get("/meetings/feed.json")))]
    assert "a-evening" not in slugs


def test_a_source_deleted_with_its_meetings_leaves_the_feed(visitor, two_sources) -> None:
    visitor.get("/meetings/feed.json")
    FeedSource.objects.filter(name="b").delete()
    slugs = [m["slug"] for m in json.loads(body(visitor.get("/meetings/feed.json")))]
    assert slugs == ["a-serenity-noon", "a-evening"]


def test_import_meetings_rebuilds_the_feed_files_that_were_served(
    visitor, two_sources, tmp_path
) -> None:
    visitor.get("/meetings/feed.json")
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps([meeting_record(slug="late", time="21:00")]))
    out = StringIO()

    call_command("import_meetings", str(feed), "--source", "c", stdout=out)

    assert "Rebuilt 1 served export file(s)" in out.getvalue()
    assert export_files.rebuild_stale() == 0
    assert "c-late" in [m["slug"] for m in json.loads(body(visitor.get("/meetings/feed.json")))]


def test_the_admins_sync_rebuilds_the_feed_files_that_were_served(
    visitor, admin, two_sources, tmp_path
) -> None:
    visitor.get("/meetings/feed.json")
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps([meeting_record(slug="late", time="21:00")]))
    source = FeedSource.objects.create(name="c", url=str(feed))

    admin.post(
        "/admin/meetings/feedsource/", {"action": "sync_now", "_selected_action": [source.pk]}
    )

    assert export_files.rebuild_stale() == 0
