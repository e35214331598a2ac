"""A meeting's own page: its weekly times, what its types mean at this fellowship's meetings,
the thanks after a report, and where to go for one that moved online."""

import pytest
from django.test import Client

from recoverynav.meetings.models import Meeting
from recoverynav.meetings.tests.conftest import import_records, meeting_record

pytestmark = pytest.mark.django_db


def page(visitor: Client, fellowship: str = "", **overrides):
    import_records([meeting_record(**overrides)], source="page", fellowship=fellowship)
    meeting = Meeting.objects.get(source__name="page")
    return meeting, visitor.get(f"/meetings/{meeting.slug}/")


def test_the_page_lists_one_time_per_weekday(visitor: Client) -> None:
    _meeting, response = page(visitor, day=[1, 3])

    assert len(response.context["times"]) == 2


def test_closed_is_explained_for_a_family_group_as_for_family_and_friends(visitor) -> None:
    _meeting, response = page(visitor, fellowship="al-anon", types=["C"])

    [closed] = response.context["types"]
    assert closed["explanation"] == "For family and friends of someone with a drinking problem."


def test_a_type_without_an_explanation_is_still_named(visitor: Client) -> None:
    _meeting, response = page(visitor, types=["D", "LIT"])

    labels = {entry["code"]: entry for entry in response.context["types"]}
    assert labels["D"]["explanation"] == "People take turns sharing about a topic."
    assert labels["LIT"]["label"]
    assert labels["LIT"]["explanation"] == ""


def test_after_a_report_the_page_thanks_the_visitor(visitor: Client) -> None:
    meeting, _response = page(visitor)

    response = visitor.get(f"/meetings/{meeting.slug}/", {"reported": "1"})

    assert response.context["reported"] is True


def test_an_online_meeting_has_no_address_for_a_plan(visitor: Client) -> None:
    _meeting, response = page(
        visitor, conference_url="https://zoom.us/j/1", formatted_address=..., latitude=...,
        longitude=...,
    )  # fmt: skip

    assert response.context["plan_address"] == ""
    assert response.context["place"] == ""


def test_a_meeting_one_goes_to_offers_its_address_for_a_plan(visitor: Client) -> None:
    _meeting, response = page(visitor)

    assert response.context["plan_address"] == "1118 Preston Ave, Charlottesville, VA 22903, USA"
