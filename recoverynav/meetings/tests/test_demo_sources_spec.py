"""The bundled meeting sources in the registry: each registered with what it needs, an
operator's own settings left alone, and every bundled file where its entry says it is."""

import datetime as dt

import pytest

from recoverynav.meetings.demo_data import BUNDLED_SOURCES, register_demo_sources
from recoverynav.meetings.importers.meeting_guide.times import is_timezone
from recoverynav.meetings.models import FeedSource, Fellowship


def test_every_bundled_source_names_a_file_that_exists_a_real_zone_and_a_fellowship() -> None:
    from recoverynav.meetings.feeds import local_path

    for demo in BUNDLED_SOURCES:
        assert local_path(demo.location).is_file(), demo.location
        assert is_timezone(demo.timezone), demo.name
        assert demo.fellowship in Fellowship.values, demo.name
        assert 2000 < demo.as_of_year <= dt.date.today().year, demo.name


def test_bundled_source_names_are_unique_registry_names() -> None:
    names = [demo.name for demo in BUNDLED_SOURCES]

    assert len(names) == len(set(names))
    assert all(FeedSource._meta.get_field("name").max_length >= len(name) for name in names)


@pytest.mark.django_db
def test_registering_adds_each_bundled_source_with_its_snapshot_date() -> None:
    register_demo_sources()

    sepia = FeedSource.objects.get(name="sepia")
    assert (sepia.url, sepia.fellowship, sepia.default_timezone) == (
        "bundled:feeds/aasepia.json", "aa", "America/New_York",
    )  # fmt: skip
    assert sepia.data_as_of == dt.date(2022, 1, 1)
    assert FeedSource.objects.get(name="eda").zone_from_place is False


@pytest.mark.django_db
def test_registering_again_leaves_an_operator_s_changes_alone() -> None:
    register_demo_sources()
    FeedSource.objects.filter(name="sepia").update(enabled=False, title="Our intergroup")

    register_demo_sources()

    sepia = FeedSource.objects.get(name="sepia")
    assert (sepia.enabled, sepia.title) == (False, "Our intergroup")
    assert FeedSource.objects.count() == len(BUNDLED_SOURCES)


@pytest.mark.django_db
def test_an_entry_left_from_an_older_version_without_a_location_is_completed() -> None:
    FeedSource.objects.create(name="sepia", url="")

    register_demo_sources()

    assert FeedSource.objects.get(name="sepia").url == "bundled:feeds/aasepia.json"


@pytest.mark.django_db
def test_an_entry_without_a_title_gets_the_bundled_one_and_keeps_its_location() -> None:
    FeedSource.objects.create(name="sepia", url="https://example.org/feed.json")

    register_demo_sources()

    sepia = FeedSource.objects.get(name="sepia")
    assert (sepia.title, sepia.url) == (
        "AA, Southeastern Pennsylvania",
        "https://example.org/feed.json",
    )
