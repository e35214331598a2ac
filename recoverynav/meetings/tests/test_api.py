"""/api/v1/meetings: the meeting finder's search and single meetings as JSON (parsed by the
finder's form, run by the same selector), the Meeting Guide feed at /meetings.json and the
iCalendar links."""

import datetime as dt
import re

import icalendar
import pytest
import time_machine
from django.test import Client

from recoverynav.meetings.models import Meeting
from recoverynav.meetings.services import import_meetings
from recoverynav.meetings.tests.conftest import import_records, meeting_record

pytestmark = pytest.mark.django_db
URL = "/api/v1/meetings/"
# Monday 2026-11-23, 11:30 in Charlottesville (16:30 UTC): the noon meeting starts soon.
MONDAY_MORNING = dt.datetime(2026, 11, 23, 16, 30, tzinfo=dt.UTC)


def many_meetings() -> None:
    records = []
    for number in range(30):
        records.append(
            meeting_record(
                slug=f"m{number}",
                name=f"Group {number:02d}",
                day=number % 7,
                time=f"{7 + number % 12:02d}:00",
                end_time=f"{8 + number % 12:02d}:00",
                latitude=38.0402 + number * 0.01,
                types=["O", "D"] if number % 2 else ["C", "B"],
                conference_url="https://zoom.us/j/123" if number % 5 == 0 else None,
            )
        )
    import_records(records)


def page_slugs(client: Client, **params: str) -> list[str]:
    html = client.get("/meetings/", params).content.decode()
    results = html.split('class="meeting-results"', 1)[-1] if "meeting-results" in html else ""
    return re.findall(r'<h3 translate="no"><a href="/meetings/([^/"]+)/(?:\?[^"]*)?">', results)


def api_slugs(client: Client, **params: str) -> list[str]:
    response = client.get(URL, params)
    assert response.status_code == 200, response.content
    return [m["slug"] for m in response.json()["results"]]


@pytest.mark.parametrize(
    "params",
    [
        {"place": "22903"},
        {"place": "22903", "radius": "5", "day": "1"},
        {"place": "Charlottesville, VA", "radius": "50", "page": "2"},
        {"place": "22903", "time": "morning", "type": "C"},
        {"q": "group 1"},
        {"attendance": "hybrid", "q": "group"},
        {"place": "22903", "when": "now_or_soon"},
    ],
)
def test_it_returns_the_same_meetings_in_the_same_order_as_the_page(
    visitor: Client, gazetteer: None, params: dict
) -> None:
    many_meetings()

    with time_machine.travel(MONDAY_MORNING, tick=False):
        expected = page_slugs(visitor, **params)
        found = api_slugs(visitor, **params)

    assert found == expected
    if "when" not in params:
        assert expected


def test_a_result_says_when_where_and_how_far(visitor: Client, gazetteer: None) -> None:
    import_records([meeting_record()])

    with time_machine.travel(MONDAY_MORNING, tick=False):
        body = visitor.get(URL, {"place": "22903"}).json()

    meeting = body["results"][0]
    assert meeting["name"] == "Serenity at Noon"
    assert meeting["status"] == "soon"
    assert meeting["status_minutes"] == 30
    # RFC 3339, as the schema's date-time says: local time with the zone's offset then.
    assert meeting["times"][0]["start"] == "2026-11-23T12:00:00-05:00"
    assert meeting["times"][0]["end"] == "2026-11-23T13:00:00-05:00"
    assert meeting["distance_miles"] is not None
    assert meeting["page_url"] == "http://testserver/meetings/" + meeting["slug"] + "/"
    assert body["calendar_url"].startswith("http://testserver/meetings/calendar.ics?")


def test_online_times_are_also_given_in_the_viewers_zone(visitor: Client, db: None) -> None:
    import_records(
        [
            meeting_record(
                conference_url="https://zoom.us/j/1",
                latitude=None,
                longitude=None,
                formatted_address="",
            )
        ]
    )

    body = visitor.get(URL, {"attendance": "online", "tz": "America/Los_Angeles"}).json()

    assert body["viewer_timezone"] == "America/Los_Angeles"
    assert body["results"][0]["times"][0]["viewer_start"].endswith("T09:00:00-08:00")


def test_coordinates_work_like_a_place(visitor: Client, gazetteer: None) -> None:
    import_records([meeting_record()])

    body = visitor.get(f"{URL}near/", {"lat": "38.04", "lon": "-78.49"}).json()

    assert body["place"]["kind"] == "coordinates"
    assert [m["slug"] for m in body["results"]] == [Meeting.objects.get().slug]
    assert "place=38.040000%2C-78.490000" in body["calendar_url"]


def test_a_search_near_a_point_takes_the_same_filters(visitor: Client, gazetteer: None) -> None:
    import_records([meeting_record()])

    near = visitor.get(f"{URL}near/", {"lat": "38.04", "lon": "-78.49", "day": "1"}).json()
    named = visitor.get(URL, {"place": "38.04,-78.49", "day": "1"}).json()

    assert [m["slug"] for m in near["results"]] == [m["slug"] for m in named["results"]]


def test_results_are_paginated(visitor: Client, gazetteer: None) -> None:
    many_meetings()

    first = visitor.get(URL, {"place": "22903", "radius": "50", "page_size": "10"}).json()
    second = visitor.get(
        URL, {"place": "22903", "radius": "50", "page_size": "10", "page": "2"}
    ).json()

    assert first["has_next"] is True
    assert len(first["results"]) == 10
    assert not {m["slug"] for m in first["results"]} & {m["slug"] for m in second["results"]}


def test_nothing_found_is_an_empty_list(visitor: Client, gazetteer: None) -> None:
    body = visitor.get(URL, {"place": "78701"}).json()

    assert (body["results"], body["total"]) == ([], 0)


@pytest.mark.parametrize(
    "params",
    [
        {"day": "9"},
        {"time": "teatime"},
        {"type": "NOT-A-TYPE"},
        {"attendance": "by-carrier-pigeon"},
        {"fellowship": "xx"},
        {"radius": "500"},
        {"when": "yesterday"},
        {"tz": "Mars/Olympus"},
        {"page": "0"},
        {"page_size": "1000"},
    ],
)
def test_a_bad_parameter_is_a_400(visitor: Client, params: dict) -> None:
    response = visitor.get(URL, params)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_parameters"


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"lat": "38"}, "lon"),
        ({"lon": "-78"}, "lat"),
        ({"lat": "91", "lon": "0"}, "lat"),
        ({"lat": "38", "lon": "east"}, "lon"),
        ({"lat": "38", "lon": "-78", "day": "9"}, "day"),
    ],
)
def test_a_search_near_a_point_needs_both_coordinates_on_earth(
    visitor: Client, params: dict, named: str
) -> None:
    response = visitor.get(f"{URL}near/", params)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_parameters"
    assert any(named in error["loc"] for error in response.json()["errors"])


def test_one_meeting_has_its_details_and_calendar(visitor: Client) -> None:
    import_records([meeting_record(notes="Use the side door.")])
    slug = Meeting.objects.get().slug

    body = visitor.get(f"{URL}{slug}").json()
    calendar = visitor.get(body["calendar_url"])

    assert body["notes"] == "Use the side door."
    assert body["types"] == ["O", "D"]
    assert len(icalendar.Calendar.from_ical(calendar.content).walk("VEVENT")) == 1


def test_an_unknown_meeting_is_a_404(visitor: Client) -> None:
    response = visitor.get(f"{URL}no-such-meeting")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_the_meeting_guide_feed_at_the_root_round_trips_through_the_importer(
    visitor: Client, gazetteer: None
) -> None:
    many_meetings()
    before = {m.name: (m.types, m.latitude) for m in Meeting.objects.all()}
    links = visitor.get("/api/v1/").json()["links"]

    feed = visitor.get(links["meeting_guide_feed"])
    data = b"".join(feed.streaming_content)
    Meeting.objects.all().delete()
    from recoverynav.meetings.models import FeedSource

    report = import_meetings(source=FeedSource.objects.create(name="again"), data=data)

    assert links["meeting_guide_feed"] == "http://testserver/meetings.json"
    assert report.created == 30
    assert {m.name: (m.types, m.latitude) for m in Meeting.objects.all()} == before


def test_times_in_summer_carry_the_daylight_saving_offset(visitor: Client, db: None) -> None:
    import_records([meeting_record()])

    with time_machine.travel(dt.datetime(2026, 7, 6, 12, 0, tzinfo=dt.UTC), tick=False):
        times = visitor.get(f"{URL}{Meeting.objects.get().slug}").json()["times"]

    assert times == [
        {
            "start": "2026-07-06T12:00:00-04:00",
            "end": "2026-07-06T13:00:00-04:00",
            "viewer_start": None,
        }
    ]
