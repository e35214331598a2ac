"""GET /api/v1/facilities/ at its edges: a result's fields for each kind of listing, filters
combined, pages and their ends, the same search near a point, and one facility by id."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from recoverynav.directory.tests.factories import make_facility, miles_north

pytestmark = pytest.mark.django_db
URL = "/api/v1/facilities/"


def get(visitor: Client, url: str = URL, **params) -> dict:
    response = visitor.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


def test_an_approximate_listing_says_its_point_is_the_zip_code_s(visitor: Client, gazetteer):
    make_facility(location_approximate=True, address_1="")

    result = get(visitor, place="22902")["results"][0]

    assert result["location_approximate"] is True
    assert not any("Main Street" in line for line in result["address_lines"])


def test_a_listing_gives_its_call_link_page_and_currency(visitor: Client, gazetteer) -> None:
    facility = make_facility(phone="(434) 555-0100 ext. 12")

    result = get(visitor, place="22902")["results"][0]

    assert result["phone_uri"] == "tel:+14345550100"
    assert result["page_url"].endswith(f"/treatment/{facility.pk}/")
    assert result["is_current"] is True
    assert result["as_of_year_only"] is False


def test_filters_from_several_groups_must_all_hold_and_values_in_one_group_any(
    visitor: Client, gazetteer
) -> None:
    make_facility(name="Both", attributes={"setting": ["detox"], "payment": ["medicaid"]})
    make_facility(name="Detox only", attributes={"setting": ["detox"]})
    make_facility(
        name="Outpatient", attributes={"setting": ["outpatient"], "payment": ["medicaid"]}
    )

    both = get(visitor, place="22902", setting="detox", payment="medicaid")
    either = visitor.get(URL, {"place": "22902", "setting": ["detox", "outpatient"]}).json()

    assert [r["name"] for r in both["results"]] == ["Both"]
    assert either["total"] == 3


def test_the_last_page_is_short_and_past_it_the_last_page_is_given(
    visitor: Client, gazetteer
) -> None:
    for n in range(5):
        make_facility(name=f"Place {n}", latitude=miles_north(n)[0])

    last = get(visitor, place="22902", page_size=2, page=3)
    past = get(visitor, place="22902", page_size=2, page=9)

    assert (last["page"], last["pages"], len(last["results"])) == (3, 3, 1)
    assert past["page"] == 3


def test_near_a_point_finds_the_same_listings_as_near_its_zip_code(
    visitor: Client, gazetteer
) -> None:
    make_facility(name="Here")

    near = get(visitor, f"{URL}near/", lat=38.0293, lon=-78.4767)

    assert [r["name"] for r in near["results"]] == ["Here"]
    assert near["place"]["kind"] == "coordinates"
    assert near["results"][0]["distance_miles"] == pytest.approx(0, abs=0.01)


def test_a_listing_no_current_source_confirms_is_found_by_id_but_says_so(
    visitor: Client, settings
) -> None:
    settings.DIRECTORY_CURRENT_SINCE = timezone.localdate() - dt.timedelta(days=10)
    old = make_facility(last_verified=timezone.localdate() - dt.timedelta(days=400))

    body = get(visitor, f"{URL}{old.pk}")

    assert body["is_current"] is False


@pytest.mark.parametrize("facility_id", ["0", "-1", "abc", str(2**53 + 1)])
def test_an_id_that_cannot_be_a_facility_is_refused(visitor: Client, facility_id) -> None:
    response = visitor.get(f"{URL}{facility_id}")

    assert response.status_code in {400, 404}
    assert response.json()["code"] in {"invalid_parameters", "not_found"}


def test_an_unknown_facility_s_404_names_it_in_the_asked_language(visitor: Client) -> None:
    english = visitor.get(f"{URL}999999").json()
    spanish = visitor.get(f"{URL}999999", {"lang": "es"}).json()

    assert english["message"] == "There is no facility 999999."
    assert "999999" in spanish["message"]
    assert spanish["message"] != english["message"]


def test_the_radius_used_is_the_radius_asked_for(visitor: Client, gazetteer) -> None:
    assert get(visitor, place="22902", radius=50)["radius_miles"] == 50
    assert get(visitor, place="22902")["radius_miles"] == 25
