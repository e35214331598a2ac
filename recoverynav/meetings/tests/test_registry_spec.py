"""The registry of meeting sources as operators keep it: what a source's form accepts, the
name shown to visitors, sync_meetings over files (no network needed), and the admin's sync
action for a broken source."""

import io
import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from recoverynav.meetings.models import FeedSource, Meeting
from recoverynav.meetings.tests.conftest import meeting_record

pytestmark = pytest.mark.django_db


def feed_file(tmp_path: Path, name: str, records) -> str:
    path = tmp_path / f"{name}.json"
    path.write_text(records if isinstance(records, str) else json.dumps(records), encoding="utf-8")
    return str(path)


def test_a_source_is_shown_by_its_title_or_else_its_name() -> None:
    assert FeedSource(name="sepia", title="Southeastern PA Intergroup").shown_name == (
        "Southeastern PA Intergroup"
    )
    assert FeedSource(name="sepia").shown_name == "sepia"


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"default_timezone": "Eastern"}, "default_timezone"),
        ({"filters": "services[]=1", "kind": "meeting_guide"}, "filters"),
    ],
)
def test_a_source_s_form_refuses_what_cannot_work(values: dict, field: str) -> None:
    with pytest.raises(ValidationError) as raised:
        FeedSource(name="x", **values).clean()

    assert field in raised.value.message_dict


def test_a_bmlt_source_may_have_filters_and_a_real_zone() -> None:
    FeedSource(
        name="x", kind="bmlt", filters="services[]=1", default_timezone="America/Chicago"
    ).clean()


def test_sync_imports_every_enabled_source_and_skips_the_others(tmp_path) -> None:
    FeedSource.objects.create(name="north", url=feed_file(tmp_path, "north", [meeting_record()]))
    FeedSource.objects.create(
        name="south", url=feed_file(tmp_path, "south", [meeting_record()]), enabled=False
    )
    FeedSource.objects.create(name="blank", url="")
    out = io.StringIO()

    call_command("sync_meetings", stdout=out)

    assert list(Meeting.objects.values_list("source__name", flat=True)) == ["north"]
    assert "north: 1 meetings in the feed; 1 created" in out.getvalue()


def test_one_broken_source_is_named_and_the_others_still_sync(tmp_path) -> None:
    FeedSource.objects.create(name="good", url=feed_file(tmp_path, "good", [meeting_record()]))
    FeedSource.objects.create(name="bad", url=feed_file(tmp_path, "bad", "{oops"))

    with pytest.raises(CommandError) as raised:
        call_command("sync_meetings", stdout=io.StringIO())

    assert str(raised.value) == "1 of 2 meeting sources failed (bad); their old meetings were kept."
    assert Meeting.objects.filter(source__name="good").exists()
    assert "not valid JSON" in FeedSource.objects.get(name="bad").last_error


def test_the_admin_s_sync_says_which_source_failed_and_why(admin: Client, tmp_path) -> None:
    broken = FeedSource.objects.create(name="bad", url=feed_file(tmp_path, "bad", "{oops"))

    response = admin.post(
        "/admin/meetings/feedsource/",
        {"action": "sync_now", "_selected_action": [broken.pk]},
        follow=True,
    )

    shown = [str(message) for message in response.context["messages"]]
    assert any(message.startswith("bad: The feed is not valid JSON") for message in shown)
    assert not any("synced" in message for message in shown)


def test_the_sources_list_shows_the_last_error_cut_short(admin: Client) -> None:
    FeedSource.objects.create(name="bad", url="x", last_error="E" * 1000)

    body = admin.get("/admin/meetings/feedsource/").content.decode()

    assert "E" * 1000 not in body
    assert "…" in body
