"""The zones a visitor may choose to read online meetings in their own time, and the report
form's limits."""

import pytest
from django.utils import translation

from recoverynav.meetings.forms import VIEWER_ZONES, zone_choices
from recoverynav.meetings.importers.meeting_guide.times import is_timezone


def test_every_zone_offered_is_a_real_zone_offered_once() -> None:
    assert all(is_timezone(zone) for zone in VIEWER_ZONES)
    assert len(VIEWER_ZONES) == len(set(VIEWER_ZONES))


def test_zones_are_offered_in_words_never_by_their_iana_names() -> None:
    with translation.override("en"):
        labels = dict(zone_choices())

    assert labels["America/New_York"] == "Eastern time (New York)"
    assert labels["America/Phoenix"] == "Arizona time"
    assert labels["Europe/Madrid"] == "Madrid time"
    assert not any("/" in label or "_" in label for label in labels.values())


def test_zones_are_offered_in_spanish_on_spanish_pages() -> None:
    with translation.override("es"):
        spanish = dict(zone_choices())
    with translation.override("en"):
        english = dict(zone_choices())

    assert spanish["America/New_York"] != english["America/New_York"]
    assert set(spanish) == set(english)


@pytest.mark.django_db
@pytest.mark.parametrize(("message", "kept"), [("x" * 2000, True), ("x" * 2001, False)])
def test_a_report_may_hold_up_to_two_thousand_characters(visitor, message, kept) -> None:
    from recoverynav.meetings.models import Meeting
    from recoverynav.meetings.tests.conftest import import_records, meeting_record

    import_records([meeting_record()], source="zones")
    meeting = Meeting.objects.get()

    visitor.post(f"/meetings/{meeting.slug}/report/", {"kind": "other", "details": message})

    assert meeting.reports.exists() is kept


def test_no_two_zones_offered_read_the_same() -> None:
    for language in ("en", "es"):
        with translation.override(language):
            labels = [label for _zone, label in zone_choices()]
        assert len(labels) == len(set(labels)), language


@pytest.mark.parametrize("zone", VIEWER_ZONES)
def test_every_zone_offered_can_be_chosen_on_the_finder(zone: str) -> None:
    from django.http import QueryDict

    from recoverynav.meetings.forms import MeetingSearchForm

    form = MeetingSearchForm(QueryDict(f"tz={zone}&attendance=online"))

    assert form.is_valid(), form.errors
    assert form.viewer_zone == zone
    assert form.zone_chosen is True
