"""The treatment locator's pages as a visitor meets them: how the results are headed, the
links that widen a search that found nothing, a facility's page and the problem report."""

import pytest
from django.test import Client

from recoverynav.directory.models import ProblemReport
from recoverynav.directory.selectors import SearchPage
from recoverynav.directory.tests.factories import make_facility, miles_north
from recoverynav.directory.views import place_words, results_heading
from recoverynav.geo.selectors import Place

pytestmark = pytest.mark.django_db


def page(total: int, radius: float = 25) -> SearchPage:
    return SearchPage(facilities=[], total=total, page=1, per_page=20, radius_miles=radius)


def test_the_heading_counts_places_within_the_radius_of_the_place() -> None:
    assert results_heading(page(1), "Austin, TX") == "1 place within 25 miles of Austin, TX"
    assert results_heading(page(12, 100), "22903") == "12 places within 100 miles of 22903"


def test_a_phone_s_location_is_named_by_its_town_never_by_coordinates(gazetteer) -> None:
    located = Place(label="38.0300, -78.4800", latitude=38.03, longitude=-78.48, kind="coordinates")
    at_sea = Place(label="30.0000, -40.0000", latitude=30, longitude=-40, kind="coordinates")

    assert place_words(located) == "your location, near Charlottesville, VA"
    assert place_words(at_sea) == "your location"


def test_a_search_that_finds_nothing_offers_the_next_wider_radius(
    visitor: Client, gazetteer
) -> None:
    response = visitor.get("/treatment/", {"place": "22903", "radius": "10", "setting": "detox"})

    assert "radius=25" in response.context["wider_url"]
    assert "setting=detox" in response.context["wider_url"]
    assert "setting=telehealth" in response.context["telehealth_url"]


def test_at_the_widest_radius_no_wider_search_is_offered(visitor: Client, gazetteer) -> None:
    response = visitor.get("/treatment/", {"place": "22903", "radius": "100"})

    assert response.context["wider_url"] == ""


def test_paging_links_keep_the_search_and_step_one_page(visitor: Client, gazetteer) -> None:
    for n in range(45):
        make_facility(name=f"Place {n}", latitude=miles_north(n / 10)[0])

    first = visitor.get("/treatment/", {"place": "22902"})
    second = visitor.get("/treatment/", {"place": "22902", "page": "2"})

    assert "page=2" in first.context["next_url"]
    assert "previous_url" not in first.context
    assert "page=1" in second.context["previous_url"]
    assert "page=3" in second.context["next_url"]


@pytest.mark.parametrize("page_text", ["abc", "-1", "0", "", "1.5"])
def test_a_page_number_that_is_not_a_page_shows_the_first(
    visitor: Client, gazetteer, page_text: str
) -> None:
    make_facility()

    response = visitor.get("/treatment/", {"place": "22902", "page": page_text})

    assert response.status_code == 200
    assert response.context["results"].page == 1


def test_a_facility_page_shows_how_to_reach_it_and_where_its_data_is_from(visitor: Client) -> None:
    facility = make_facility(
        name="Blue Ridge Recovery",
        phone="(434) 555-0100",
        other_services=[["Services", "Peer support"]],
    )

    response = visitor.get(f"/treatment/{facility.pk}/")

    body = response.content.decode()
    assert "Blue Ridge Recovery" in body
    assert 'href="tel:+14345550100"' in body
    assert "Peer support" in body
    assert response.context["back_url"] == "/treatment/"


def test_the_report_page_asks_what_is_wrong(visitor: Client) -> None:
    facility = make_facility()

    response = visitor.get(f"/treatment/{facility.pk}/report/")

    assert response.status_code == 200
    assert "What is wrong?" in response.content.decode()


def test_a_report_is_kept_without_who_sent_it_and_thanks_the_visitor(visitor: Client) -> None:
    facility = make_facility()

    response = visitor.post(
        f"/treatment/{facility.pk}/report/", {"kind": "closed", "details": "  Shut in May.  "}
    )

    assert response.status_code == 302
    assert response["Location"] == f"/treatment/{facility.pk}/?reported=1"
    report = ProblemReport.objects.get()
    assert (report.kind, report.details, report.status) == ("closed", "Shut in May.", "new")


def test_a_report_with_an_unknown_problem_is_refused_with_the_form_again(visitor: Client) -> None:
    facility = make_facility()

    response = visitor.post(f"/treatment/{facility.pk}/report/", {"kind": "rude"})

    assert response.status_code == 400
    assert response.context["form"].errors["kind"]
    assert not ProblemReport.objects.exists()


def test_details_longer_than_two_thousand_characters_are_refused(visitor: Client) -> None:
    facility = make_facility()

    response = visitor.post(
        f"/treatment/{facility.pk}/report/", {"kind": "other", "details": "x" * 2001}
    )

    assert response.status_code == 400
    assert not ProblemReport.objects.exists()


def test_a_hidden_listing_cannot_be_reported(visitor: Client) -> None:
    facility = make_facility(is_active=False)

    assert visitor.get(f"/treatment/{facility.pk}/report/").status_code == 404
    assert visitor.post(f"/treatment/{facility.pk}/report/", {"kind": "closed"}).status_code == 404


def test_the_report_page_takes_only_get_and_post(visitor: Client) -> None:
    facility = make_facility()

    assert visitor.delete(f"/treatment/{facility.pk}/report/").status_code == 405


def test_the_hsds_file_pages_say_where_they_are_in_the_whole(visitor: Client) -> None:
    make_facility()

    first = visitor.get("/treatment/hsds.json").json()
    past = visitor.get("/treatment/hsds.json", {"page": "5"}).json()
    nonsense = visitor.get("/treatment/hsds.json", {"page": "x"}).json()

    assert (first["total_items"], first["first_page"], first["last_page"]) == (1, True, True)
    assert (past["empty"], past["page_number"], past["size"]) == (True, 5, 0)
    assert nonsense["page_number"] == 1
