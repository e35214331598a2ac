"""Adding a meeting source in the admin: the form says what is wrong with a zone or with
filters for the wrong kind of source, and a good source is saved ready to sync."""

import pytest
from django.test import Client

from recoverynav.meetings.models import FeedSource

pytestmark = pytest.mark.django_db
ADD = "/admin/meetings/feedsource/add/"


def form(**values) -> dict:
    data = {
        "name": "north",
        "title": "",
        "kind": "meeting_guide",
        "url": "https://example.org/feed.json",
        "filters": "",
        "fellowship": "aa",
        "default_timezone": "",
        "zone_from_place": "on",
        "data_as_of": "",
        "enabled": "on",
        "runs-TOTAL_FORMS": "0",
        "runs-INITIAL_FORMS": "0",
    }
    return data | values


def test_a_good_source_is_saved_ready_to_sync(admin: Client) -> None:
    response = admin.post(ADD, form(default_timezone="America/Chicago"))

    assert response.status_code == 302
    source = FeedSource.objects.get(name="north")
    assert (source.enabled, source.default_timezone) == (True, "America/Chicago")


def test_a_zone_that_is_not_a_zone_name_is_explained(admin: Client) -> None:
    response = admin.post(ADD, form(default_timezone="Eastern"))

    errors = response.context["adminform"].form.errors
    assert errors["default_timezone"] == ["Use a time zone name such as America/Chicago."]
    assert not FeedSource.objects.exists()


def test_filters_on_a_meeting_guide_feed_are_explained(admin: Client) -> None:
    response = admin.post(ADD, form(filters="services[]=1"))

    errors = response.context["adminform"].form.errors
    assert errors["filters"] == ["Search filters are for BMLT servers only."]


def test_a_name_that_is_not_a_short_slug_is_refused(admin: Client) -> None:
    response = admin.post(ADD, form(name="North Feed!"))

    assert "name" in response.context["adminform"].form.errors
    assert not FeedSource.objects.exists()


def test_a_source_s_sync_record_is_read_only(admin: Client) -> None:
    source = FeedSource.objects.create(name="north", url="x", last_error="boom")

    body = admin.get(f"/admin/meetings/feedsource/{source.pk}/change/").content.decode()

    assert 'name="last_error"' not in body
    assert 'name="meeting_count"' not in body
    assert "boom" in body
