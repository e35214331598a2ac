"""The meeting finder's page after a search: links that keep the visitor's choices, the
viewer's zone taken from the place, the way back from a meeting page, and what the page
offers when nothing matches (our gap, or the visitor's choices)."""

import pytest
from django.test import Client

from recoverynav.meetings.tests.conftest import import_records, meeting_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed(gazetteer) -> None:
    import_records(
        [meeting_record(slug=f"m{n}", name=f"Meeting {n}", latitude=38.04 + n / 1000)
         for n in range(25)],
        source="cville",
        fellowship="aa",
    )  # fmt: skip


@pytest.mark.usefixtures("listed")
def test_paging_links_keep_the_search_and_the_calendar_link_drops_the_page(
    visitor: Client,
) -> None:
    first = visitor.get("/meetings/", {"place": "22903", "type": "O"})
    second = visitor.get("/meetings/", {"place": "22903", "type": "O", "page": "2"})

    assert "page=2" in first.context["next_url"]
    assert "type=O" in first.context["next_url"]
    assert first.context["previous_url"] == ""
    assert "page=1" in second.context["previous_url"]
    assert "page" not in second.context["calendar_url"]
    assert second.context["calendar_url"].startswith("/meetings/calendar.ics?")


@pytest.mark.usefixtures("listed")
def test_the_online_link_keeps_the_search_and_asks_for_online_meetings(visitor: Client) -> None:
    response = visitor.get("/meetings/", {"place": "22903", "page": "2"})

    assert "attendance=online" in response.context["online_url"]
    assert "page=" not in response.context["online_url"]


@pytest.mark.usefixtures("listed")
def test_times_are_shown_in_the_searched_place_s_zone_unless_the_visitor_chose(
    visitor: Client,
) -> None:
    near = visitor.get("/meetings/", {"place": "78701"})
    chosen = visitor.get("/meetings/", {"place": "78701", "tz": "Europe/Madrid"})

    assert near.context["cards"].viewer_zone == "America/Chicago"
    assert chosen.context["cards"].viewer_zone == "Europe/Madrid"


@pytest.mark.usefixtures("listed")
def test_a_place_with_few_meetings_we_list_says_our_listings_do_not_cover_it(
    visitor: Client,
) -> None:
    response = visitor.get("/meetings/", {"place": "78701"})

    assert response.context["uncovered"] is True
    assert response.context["place_words"] == "78701 · Austin, TX"
    assert response.context["finders"]


@pytest.mark.usefixtures("listed")
def test_a_covered_place_where_choices_hide_everything_says_the_choices_narrowed_it(
    visitor: Client,
) -> None:
    response = visitor.get("/meetings/", {"place": "22903", "type": "W"})

    assert response.context["narrowed"] is True
    assert response.context["listed_nearby"] >= 5


@pytest.mark.usefixtures("listed")
def test_a_fellowship_we_list_nothing_of_is_our_gap_with_all_online_meetings_offered(
    visitor: Client,
) -> None:
    response = visitor.get("/meetings/", {"fellowship": "na", "attendance": "online"})

    assert response.context["gap_words"] == (
        "We list no Narcotics Anonymous (NA) meetings you can join online yet."
    )
    assert response.context["all_online_url"] == "?when=now_or_soon&attendance=online"


@pytest.mark.usefixtures("listed")
def test_a_keyword_that_finds_nothing_offers_online_meetings_now(visitor: Client) -> None:
    response = visitor.get("/meetings/", {"q": "nothing-like-this", "fellowship": "aa"})

    assert response.context["online_now_url"] == (
        "?when=now_or_soon&attendance=online&fellowship=aa"
    )
    assert response.context["any_time_url"] == ""


@pytest.mark.usefixtures("listed")
def test_the_way_back_from_a_meeting_keeps_only_the_search_s_choices(visitor: Client) -> None:
    from recoverynav.meetings.models import Meeting

    slug = Meeting.objects.first().slug
    referer = "http://testserver/meetings/?place=22903&type=O&utm_source=mail"

    response = visitor.get(f"/meetings/{slug}/", HTTP_REFERER=referer)

    assert response.context["search_url"].startswith("/meetings/?")
    assert "place=22903" in response.context["search_url"]
    assert "utm_source" not in response.context["search_url"]


@pytest.mark.usefixtures("listed")
@pytest.mark.parametrize(
    "referer",
    [
        "https://elsewhere.example/meetings/?place=22903",
        "http://testserver/treatment/?place=22903",
        "http://testserver/meetings/",
        "",
    ],
)
def test_the_way_back_is_the_plain_finder_unless_the_visitor_came_from_our_search(
    visitor: Client, referer: str
) -> None:
    from recoverynav.meetings.models import Meeting

    slug = Meeting.objects.first().slug

    response = visitor.get(f"/meetings/{slug}/", HTTP_REFERER=referer)

    assert response.context["search_url"] == "/meetings/"


def test_a_link_that_only_names_a_fellowship_asks_where_and_offers_its_finder(
    visitor: Client,
) -> None:
    response = visitor.get("/meetings/", {"fellowship": "AA"})

    assert response.context["prompt"] is True
    assert [finder.fellowship for finder in response.context["finders"]] == ["aa"]
    assert "online_soon" in response.context
