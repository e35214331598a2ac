"""GET /api/v1/meetings/ at its edges: what a client reads for an ambiguous or unknown
place, for 'now', for each refused parameter, and for one meeting by its slug."""

import datetime as dt

import pytest
from django.test import Client

from recoverynav.meetings.models import Meeting
from recoverynav.meetings.tests.conftest import import_records, meeting_record

pytestmark = pytest.mark.django_db
URL = "/api/v1/meetings/"


@pytest.fixture
def listed(gazetteer) -> None:
    import_records(
        [
            meeting_record(slug="noon", name="Serenity at Noon"),
            meeting_record(slug="evening", name="Evening Hope", time="19:00", end_time="20:00"),
            meeting_record(
                slug="zoom",
                name="Zoom Hope",
                conference_url="https://zoom.us/j/1",
                formatted_address=...,
                latitude=...,
                longitude=...,
            ),
        ],
        source="cville",
    )


def get(visitor: Client, url: str = URL, **params) -> dict:
    response = visitor.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.usefixtures("listed")
def test_an_ambiguous_place_gives_candidates_and_no_results(visitor: Client) -> None:
    body = get(visitor, place="Arlington")

    assert body["place"] is None
    assert body["results"] == []
    assert len(body["candidates"]) > 1


@pytest.mark.usefixtures("listed")
def test_an_unknown_place_gives_a_message_and_no_results(visitor: Client) -> None:
    body = get(visitor, place="Atlantis")

    assert body["results"] == []
    assert "Atlantis" in body["message"]


@pytest.mark.usefixtures("listed")
def test_the_calendar_link_carries_the_same_search(visitor: Client) -> None:
    body = get(visitor, place="22903", type="O", page_size=5)

    assert body["calendar_url"].startswith("http://testserver/meetings/calendar.ics?")
    assert "type=O" in body["calendar_url"]
    assert "page_size" not in body["calendar_url"]


@pytest.mark.usefixtures("listed")
def test_a_keyword_search_lists_by_name_without_a_place(visitor: Client) -> None:
    body = get(visitor, q="hope")

    assert [m["name"] for m in body["results"]] == ["Evening Hope", "Zoom Hope"]


@pytest.mark.usefixtures("listed")
def test_the_viewer_s_zone_is_eastern_time_unless_asked(visitor: Client) -> None:
    assert get(visitor, q="hope")["viewer_timezone"] == "America/New_York"
    assert get(visitor, q="hope", tz="Europe/Madrid")["viewer_timezone"] == "Europe/Madrid"


@pytest.mark.usefixtures("listed")
def test_now_lists_what_is_on_for_everyone(visitor: Client, time_machine) -> None:
    monday_noon_thirty = dt.datetime(
        2026, 12, 7, 12, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5))
    )
    time_machine.move_to(monday_noon_thirty, tick=False)

    body = get(visitor, when="now", place="22903")

    assert "Serenity at Noon" in [m["name"] for m in body["results"]]
    assert "Evening Hope" not in [m["name"] for m in body["results"]]


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"day": "7"}, "day"),
        ({"when": "later"}, "when"),
        ({"fellowship": "xyz"}, "fellowship"),
        ({"tz": "Mars/Base"}, "tz"),
        ({"q": "x" * 101}, "q"),
        ({"page_size": "0"}, "page_size"),
        ({"radius": "3"}, "radius"),
    ],
)
def test_each_refused_parameter_is_named_in_the_error(visitor: Client, params, parameter) -> None:
    response = visitor.get(URL, params)

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_parameters"
    assert any(parameter in error["loc"] for error in body["errors"])


def test_a_meeting_is_found_by_its_slug_with_its_weekly_times(visitor: Client) -> None:
    import_records([meeting_record(slug="noon", day=[1, 3])], source="cville")
    slug = Meeting.objects.get().slug

    body = get(visitor, f"{URL}{slug}")

    assert body["name"] == "Serenity at Noon"
    assert len(body["times"]) == 2


@pytest.mark.parametrize("slug", ["no-such-meeting", "x" * 64])
def test_an_unknown_slug_is_a_404_that_names_it(visitor: Client, slug: str) -> None:
    response = visitor.get(f"{URL}{slug}")

    assert response.status_code == 404
    assert slug in response.json()["message"]


@pytest.mark.parametrize("slug", ["x" * 65, "bad.slug", "spaces%20in"])
def test_a_slug_of_the_wrong_shape_is_refused_before_any_lookup(visitor: Client, slug) -> None:
    assert visitor.get(f"{URL}{slug}").status_code in {400, 404}
    assert visitor.get(f"{URL}{slug}").json()["code"] in {"invalid_parameters", "not_found"}
