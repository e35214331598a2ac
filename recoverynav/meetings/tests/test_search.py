"""The finder: one search function behind the page, the calendar and the benchmark."""

import pytest

from recoverynav.meetings.models import Fellowship
from recoverynav.meetings.selectors import MeetingQuery, search_meetings
from recoverynav.meetings.tests.conftest import import_records, meeting_record

pytestmark = pytest.mark.django_db

CHARLOTTESVILLE = {"latitude": 38.0402, "longitude": -78.4917}
RICHMOND = {
    "latitude": 37.5407,
    "longitude": -77.4360,
    "formatted_address": "1 E Broad St, Richmond, VA 23219, USA",
}


def slugs(**query) -> list[str]:
    return [m.source_slug for m in search_meetings(query=MeetingQuery(**query)).meetings]


@pytest.fixture
def meetings(gazetteer) -> None:
    import_records(
        [
            meeting_record(slug="near", name="Downtown Serenity", **CHARLOTTESVILLE),
            meeting_record(
                slug="nearby",
                name="Belmont Women",
                day=[2, 4],
                time="07:00",
                types=["W", "C"],
                latitude=38.0205,
                longitude=-78.4780,
            ),
            meeting_record(slug="far", name="Richmond Men", types=["M"], time="21:30", **RICHMOND),
            meeting_record(
                slug="online",
                name="Zoom Serenity",
                time="18:00",
                conference_url="https://zoom.us/j/1",
                formatted_address=...,
                latitude=...,
                longitude=...,
            ),
            meeting_record(slug="gone", name="Gone Group", attendance_option="inactive"),
        ],
        fellowship=Fellowship.AA,
    )
    import_records(
        [meeting_record(slug="family", name="Hope AFG", time="19:00", **CHARLOTTESVILLE)],
        source="al-anon",
        fellowship=Fellowship.AL_ANON,
    )


@pytest.mark.usefixtures("meetings")
def test_it_lists_meetings_near_a_place_nearest_first_with_the_distance() -> None:
    result = search_meetings(query=MeetingQuery(place="22903", radius_miles=10))

    assert result.place.postal_code == "22903"
    assert [m.source_slug for m in result.meetings] == ["near", "family", "nearby"]
    assert [round(m.miles, 1) for m in result.meetings] == [0.4, 0.4, 1.2]
    assert slugs(place="22903", radius_miles=100)[-1] == "far"


@pytest.mark.usefixtures("meetings")
def test_online_meetings_are_found_wherever_the_person_is() -> None:
    assert slugs(place="22903", attendance=["online"]) == ["online"]
    assert slugs(place="Beverly Hills, CA", attendance=["online"]) == ["online"]
    assert "online" not in slugs(place="22903")


@pytest.mark.usefixtures("meetings")
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"days": [4]}, ["nearby"]),
        ({"days": [1], "bands": ["night"]}, ["far"]),
        ({"bands": ["morning"]}, ["nearby"]),
        ({"bands": ["midday"]}, ["near"]),
        ({"bands": ["evening"]}, ["family", "online"]),
        ({"types": ["W"]}, ["nearby"]),
        ({"types": ["W", "M"]}, []),
        ({"fellowships": [Fellowship.AL_ANON]}, ["family"]),
        ({"keyword": "serenity"}, ["near", "online"]),
        ({"keyword": "SERENITY zoom"}, ["online"]),
        ({"keyword": "richmond"}, ["far"]),
        ({"attendance": ["inactive"]}, ["gone"]),
        ({}, ["nearby", "near", "family", "far", "online"]),
    ],
)
def test_it_filters_by_every_choice_on_the_form(query, expected) -> None:
    assert slugs(**query) == expected


@pytest.mark.usefixtures("meetings")
def test_it_pages_through_results_without_counting_them_all() -> None:
    first = search_meetings(query=MeetingQuery(), per_page=2)
    third = search_meetings(query=MeetingQuery(page=3), per_page=2)

    assert first.has_next
    assert [m.source_slug for m in first.meetings] == ["nearby", "near"]
    assert not third.has_next
    assert [m.source_slug for m in third.meetings] == ["online"]


def test_the_page_asks_a_bounded_number_of_queries(
    visitor, gazetteer, django_assert_num_queries
) -> None:
    import_records(
        [meeting_record(slug=f"m{i}", day=[1, 3, 5], **CHARLOTTESVILLE) for i in range(30)]
    )

    # The place, the box around it, one page of meetings, and their weekly times.
    with django_assert_num_queries(4):
        response = visitor.get("/meetings/", {"place": "22903", "day": ["1", "3"], "q": "noon"})

    assert response.status_code == 200
    assert response.content.decode().count('class="card"') == 20
    assert "page=2" in response.content.decode()


@pytest.mark.usefixtures("meetings")
def test_the_page_offers_a_choice_when_the_place_is_ambiguous(visitor) -> None:
    html = visitor.get("/meetings/", {"place": "Arlington"}).content.decode()

    assert "Which place did you mean?" in html
    assert "Arlington, VA" in html


@pytest.mark.usefixtures("meetings")
@pytest.mark.parametrize(
    "params",
    [
        {"radius": "far"},
        {"day": "9"},
        {"time": "brunch"},
        {"page": "-1"},
        {"tz": "Mars/Base"},
        {"place": "x" * 500},
        {"place": "99999"},
    ],
)
def test_bad_input_gets_a_clear_answer_not_an_error(visitor, params) -> None:
    response = visitor.get("/meetings/", params)

    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()


def test_the_page_is_kind_on_an_empty_database(visitor) -> None:
    html = visitor.get("/meetings/", {"q": "anything"}).content.decode()

    assert "No meetings match all of these choices" in html
