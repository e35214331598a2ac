"""Helpers for the meetings tests: feeds built from plain dicts, imported like the command does."""

import json

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
