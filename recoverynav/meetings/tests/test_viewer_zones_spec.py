"""The zones a visitor may choose to read online meetings in their own time, and the report
form's limits."""

import pytest
from django.utils import translation

from recoverynav.meetings.forms import VIEWER_ZONES, ProblemReportForm, zone_choices
from recoverynav.meetings.importers.meeting_guide import is_timezone


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


@pytest.mark.parametrize(
    ("message", "valid"),
    [("", False), ("   ", False), ("Moved to the side door", True), ("x" * 2000, True),
     ("x" * 2001, False)],
)  # fmt: skip
def test_a_report_needs_words_and_at_most_two_thousand_characters(message, valid) -> None:
    assert ProblemReportForm(data={"message": message}).is_valid() is valid


def test_the_report_form_asks_for_no_name_or_contact_details() -> None:
    form = ProblemReportForm()

    assert list(form.fields) == ["message"]
    assert "do not include your name or contact details" in str(form.fields["message"].help_text)
