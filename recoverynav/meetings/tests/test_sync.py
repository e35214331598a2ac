"""Syncing the configured feeds (files or URLs), and what the admin shows about them."""

import io
import json
import time

import pytest
from django.core.management import CommandError, ManagementUtility, call_command

from recoverynav.meetings.demo_data import BMLT_SAMPLE, load_demo_data
from recoverynav.meetings.models import FeedSource, Meeting
from recoverynav.meetings.tests.conftest import meeting_record

pytestmark = pytest.mark.django_db


def test_sync_imports_each_enabled_feed_from_its_url(feed_server, capsys) -> None:
    feed_server["body"] = json.dumps([meeting_record(), meeting_record(slug="two")]).encode()
    FeedSource.objects.create(name="web", url=feed_server["url"], fellowship="aa")
    FeedSource.objects.create(name="off", url=feed_server["url"], enabled=False)

    call_command("sync_meetings")

    assert "web: 2 meetings in the feed; 2 created" in capsys.readouterr().out
    assert Meeting.objects.filter(source__name="web").count() == 2
    assert not Meeting.objects.filter(source__name="off").exists()
    assert FeedSource.objects.get(name="web").last_success_at is not None


def test_sync_exits_non_zero_for_cron_when_any_source_fails(feed_server, capsys) -> None:
    feed_server["body"] = json.dumps([meeting_record()]).encode()
    FeedSource.objects.create(name="web", url=feed_server["url"])
    FeedSource.objects.create(name="gone", url="/nonexistent/meetings.json")

    # call_command, not the command line: that closes the database connection when the
    # command ends, which on PostgreSQL ends the test's own transaction too.
    with pytest.raises(CommandError) as failure:
        call_command("sync_meetings")

    assert failure.value.returncode == 1  # what `manage.py sync_meetings` exits with
    assert "1 of 2 meeting sources failed (gone); their old meetings were kept." in str(
        failure.value
    )
    assert "web: 1 meetings in the feed; 1 created" in capsys.readouterr().out  # the rest synced
    assert Meeting.objects.filter(source__name="web").count() == 1


def test_sync_exits_zero_when_every_source_syncs(feed_server) -> None:
    feed_server["body"] = json.dumps([meeting_record()]).encode()
    FeedSource.objects.create(name="web", url=feed_server["url"])

    call_command("sync_meetings")  # no CommandError: exit status 0

    command = ManagementUtility(["recoverynav"]).fetch_command("sync_meetings")
    assert "Meeting sources" in command.help


@pytest.mark.parametrize(
    ("status", "body", "message"),
    [
        (500, b"oops", "Could not fetch"),
        (200, b"<html>", "not valid JSON"),
        (200, b"[" + b" " * 2000 + b"]", "larger than 1000 bytes"),
    ],
)
def test_a_failing_feed_keeps_its_meetings_and_the_admin_shows_why(
    feed_server, settings, admin, status, body, message
) -> None:
    settings.MEETINGS_FEED_MAX_BYTES = 1000
    feed_server["body"] = json.dumps([meeting_record()]).encode()
    source = FeedSource.objects.create(name="web", url=feed_server["url"])
    call_command("sync_meetings")
    feed_server.update(status=status, body=body)

    with pytest.raises(CommandError, match=r"1 of 1 meeting sources failed \(web\)"):
        call_command("sync_meetings")

    assert Meeting.objects.count() == 1
    assert not source.runs.first().succeeded
    assert message in source.runs.first().errors[0]
    html = admin.get("/admin/meetings/feedsource/").content.decode()
    assert message in html
    assert ">1<" in html  # meetings still stored


def test_a_feed_that_trickles_is_cut_off_at_the_deadline_and_the_old_meetings_stay(
    feed_server, settings
) -> None:
    feed_server["body"] = json.dumps([meeting_record()]).encode()
    source = FeedSource.objects.create(name="web", url=feed_server["url"])
    call_command("sync_meetings")
    # Each byte comes well within the per-read timeout, so only the overall deadline stops it.
    settings.MEETINGS_FEED_TIMEOUT = 2
    settings.MEETINGS_FEED_DEADLINE = 1
    feed_server.update(
        body=json.dumps([meeting_record(name="Changed")]).encode(), chunk=1, pause=0.1
    )

    started = time.monotonic()
    with pytest.raises(CommandError):
        call_command("sync_meetings")

    assert time.monotonic() - started < 3
    run = source.runs.first()
    assert not run.succeeded
    assert "took longer than 1 seconds (MEETINGS_FEED_DEADLINE)" in run.errors[0]
    assert list(Meeting.objects.values_list("name", flat=True)) == ["Serenity at Noon"]


def test_the_demo_data_loads_every_bundled_feed_once(gazetteer) -> None:
    class Out:
        lines: list[str] = []

        def write(self, text: str) -> None:
            self.lines.append(text)

    load_demo_data(stdout=Out())
    count = Meeting.objects.count()
    Out.lines.clear()
    load_demo_data(stdout=Out())

    assert count == 5654 - 1 + 1513  # one San José meeting repeats a slug; the NA sample
    assert Meeting.objects.count() == count
    assert FeedSource.objects.count() == 12
    assert all(" 0 created, 0 updated" in line for line in Out.lines), Out.lines
    na = FeedSource.objects.get(name="na-greater-new-york")
    assert (na.kind, na.url, na.meeting_count) == ("bmlt", BMLT_SAMPLE, 1513)
    assert na.data_as_of.year == 2018


def test_the_data_sources_page_names_every_meeting_source_with_its_date(visitor) -> None:
    import datetime as dt

    FeedSource.objects.create(
        name="gnyr", title="NA, Greater New York Region", kind="bmlt", meeting_count=1513,
        data_as_of=dt.date(2018, 1, 1),
    )  # fmt: skip
    FeedSource.objects.create(
        name="live", title="AA, Central Ohio", meeting_count=40,
        last_success_at=dt.datetime(2026, 12, 1, 6, 0, tzinfo=dt.UTC),
    )  # fmt: skip
    FeedSource.objects.create(name="empty", title="Nothing yet")

    html = visitor.get("/data-sources/").content.decode()

    assert "NA, Greater New York Region</strong>: 1513 meetings" in html
    assert "a copy of the listings as they were in 2018" in html
    assert "AA, Central Ohio</strong>: 40 meetings, last brought up to date Dec. 1, 2026" in html
    assert "Nothing yet" not in html
    assert "gnyr" not in html


def test_the_admin_syncs_the_chosen_sources_now(admin, tmp_path) -> None:
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps([meeting_record(), meeting_record(slug="two")]))
    good = FeedSource.objects.create(name="local", url=str(feed), fellowship="aa")
    broken = FeedSource.objects.create(name="broken", url=str(tmp_path / "missing.json"))
    untouched = FeedSource.objects.create(name="other", url=str(feed))

    response = admin.post(
        "/admin/meetings/feedsource/",
        {"action": "sync_now", "_selected_action": [good.pk, broken.pk]},
        follow=True,
    )

    html = response.content.decode()
    # (the admin's messages start with a capital)
    assert '<li class="success">Local: 2 meetings in the feed; 2 created' in html
    assert '<li class="error">Broken: Could not read' in html
    assert "1 source synced." in html
    assert Meeting.objects.filter(source=good).count() == 2
    assert not Meeting.objects.filter(source=untouched).exists()
    broken.refresh_from_db()
    assert broken.last_error
    assert not broken.runs.get().succeeded


def test_the_admin_lists_each_run_with_its_outcome_and_reasons(admin, tmp_path) -> None:
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps([meeting_record(), meeting_record(slug="bad", day="Funday")]))
    source = FeedSource.objects.create(name="local", url=str(feed), fellowship="aa")
    call_command("sync_meetings", stdout=io.StringIO())
    run = source.runs.get()

    listing = admin.get("/admin/meetings/importrun/").content.decode()
    source_page = admin.get(f"/admin/meetings/feedsource/{source.pk}/change/")
    run_page = admin.get(f"/admin/meetings/importrun/{run.pk}/change/").content.decode()

    assert run.succeeded
    assert (run.created, run.rejected) == (1, 1)
    assert "Succeeded" in listing
    assert source_page.status_code == 200
    assert "bad" in run.errors[0]
    assert "bad" in run_page
