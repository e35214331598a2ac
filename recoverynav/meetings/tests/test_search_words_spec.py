"""The finder's form and the words around its results: what a query string becomes, when the
page asks 'where?' first, and how the results line, the scope of 'now', our gaps and the page
numbers are worded in English and Spanish."""

import pytest
from django.http import QueryDict
from django.utils import translation

from recoverynav.geo.selectors import Place, PlaceLookup
from recoverynav.meetings.forms import DEFAULT_ZONE, MAX_PAGE, MeetingSearchForm
from recoverynav.meetings.query import MeetingQuery
from recoverynav.meetings.selectors import MeetingSearch
from recoverynav.meetings.summary import gap_words, heading, or_list, page_words, place_label, scope

AUSTIN = Place(label="Austin, TX", latitude=30.27, longitude=-97.74, kind="place", state="TX")
NA = "Narcotics Anonymous (NA)"
POINT = Place(label="30.2700, -97.7400", latitude=30.27, longitude=-97.74, kind="coordinates")


def form(query: str) -> MeetingSearchForm:
    bound = MeetingSearchForm(QueryDict(query))
    assert bound.is_valid(), bound.errors
    return bound


def result(*, total=None, place=None, when="", page=1) -> MeetingSearch:
    lookup = PlaceLookup(query="x", places=[place], clear=True) if place else None
    return MeetingSearch(query=MeetingQuery(when=when, page=page), lookup=lookup, total=total)


# --- the form --------------------------------------------------------------------------------


def test_a_query_string_becomes_the_search_it_asks_for() -> None:
    query = form(
        "place=78701&radius=25&day=1&day=3&time=evening&attendance=online&fellowship=AA"
        "&type=O&q=serenity&when=soon&page=2"
    ).to_query()

    assert query == MeetingQuery(
        place="78701", radius_miles=25.0, days=[1, 3], bands=["evening"], types=["O"],
        attendance=["online"], fellowships=["aa"], keyword="serenity", when="soon", page=2,
    )  # fmt: skip


def test_a_search_without_a_distance_uses_ten_miles_and_the_first_page() -> None:
    query = form("place=78701").to_query()

    assert (query.radius_miles, query.page) == (10.0, 1)


def test_one_fellowship_sent_in_two_spellings_is_chosen_once() -> None:
    assert form("fellowship=AA&fellowship=alcoholics+anonymous").to_query().fellowships == ["aa"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("day=7", "day"),
        ("radius=3", "radius"),
        ("when=later", "when"),
        ("fellowship=Gamblers+Anonymous", "fellowship"),
        (f"page={MAX_PAGE + 1}", "page"),
        ("page=0", "page"),
        ("tz=Mars/Base", "tz"),
        ("q=" + "x" * 101, "q"),
    ],
)
def test_a_choice_the_form_does_not_offer_is_an_error_on_that_field(query: str, field) -> None:
    bound = MeetingSearchForm(QueryDict(query))

    assert not bound.is_valid()
    assert field in bound.errors


def test_the_viewer_s_zone_is_their_choice_or_eastern_time() -> None:
    assert form("tz=Europe/Madrid").viewer_zone == "Europe/Madrid"
    assert form("").viewer_zone == DEFAULT_ZONE
    assert form("").zone_chosen is False
    assert MeetingSearchForm(QueryDict("tz=Mars/Base")).viewer_zone == DEFAULT_ZONE


@pytest.mark.parametrize(
    ("query", "prompt"),
    [
        ("fellowship=na", True),
        ("", True),
        ("place=+++", True),
        ("place=78701", False),
        ("when=now", False),
        ("q=serenity", False),
        ("attendance=online", False),
        ("attendance=online&attendance=in_person", True),
    ],
)
def test_the_page_asks_where_first_unless_a_place_time_keyword_or_online_is_given(
    query: str, prompt: bool
) -> None:
    assert form(query).is_prompt() is prompt


# --- the words -------------------------------------------------------------------------------


def test_the_results_line_counts_meetings_near_a_place() -> None:
    assert heading(result(total=1, place=AUSTIN), radius_miles=10) == (
        "1 meeting within 10 miles of Austin, TX"
    )
    assert heading(result(total=0, place=AUSTIN), radius_miles=25) == (
        "0 meetings within 25 miles of Austin, TX"
    )


@pytest.mark.parametrize(
    ("when", "words"),
    [
        ("now", "3 meetings in progress"),
        ("soon", "3 meetings starting within an hour"),
        ("now_or_soon", "3 meetings in progress or starting within an hour"),
    ],
)
def test_the_results_line_for_now_and_soon_counts_what_is_on(when: str, words: str) -> None:
    assert heading(result(total=3, when=when, place=AUSTIN), radius_miles=10) == words


def test_a_search_without_a_count_is_headed_by_the_choices() -> None:
    assert heading(result(), radius_miles=10) == "Meetings that match your choices"


def test_a_phone_s_location_is_never_named_by_its_coordinates() -> None:
    assert place_label(POINT) == "your location"
    assert heading(result(total=2, place=POINT), radius_miles=5) == (
        "2 meetings within 5 miles of your location"
    )


def test_the_scope_of_now_says_online_everywhere_and_in_person_only_near() -> None:
    near = scope(result(total=1, when="now", place=AUSTIN), radius_miles=10)
    anywhere = scope(result(total=1, when="now"), radius_miles=10)

    assert near == "Online meetings, and meetings you can go to within 10 miles of Austin, TX."
    assert anywhere.startswith("Meetings you can join online, from anywhere.")
    assert scope(result(total=1, place=AUSTIN), radius_miles=10) == ""


@pytest.mark.parametrize(
    ("fellowships", "attendance", "words"),
    [
        (["na"], ["online"], f"We list no {NA} meetings you can join online yet."),
        (["na"], ["in_person"], f"We list no {NA} meetings you can go to in person yet."),
        ([], ["online"], "We list no meetings you can join online yet."),
        ([], ["in_person"], "We list no meetings you can go to in person yet."),
    ],
)  # fmt: skip
def test_what_we_do_not_list_is_said_as_our_gap(fellowships, attendance, words) -> None:
    assert gap_words(fellowships, attendance) == words


def test_names_are_joined_with_or() -> None:
    assert or_list([]) == ""
    assert or_list(["AA"]) == "AA"
    assert or_list(["AA", "NA"]) == "AA or NA"
    assert or_list(["AA", "NA", "CA"]) == "AA, NA or CA"
    with translation.override("es"):
        assert or_list(["AA", "NA"]) == "AA o NA"


def test_page_numbers_say_of_how_many_when_the_count_is_known() -> None:
    assert page_words(result(total=45, place=AUSTIN, page=2)) == "Page 2 of 3"
    assert page_words(result(page=4)) == "Page 4"
    assert page_words(result(total=0, place=AUSTIN)) == "Page 1 of 1"


def test_the_results_line_is_in_spanish_on_spanish_pages() -> None:
    with translation.override("es"):
        words = heading(result(total=2, place=AUSTIN), radius_miles=10)

    assert "Austin, TX" in words
    assert "meetings" not in words
