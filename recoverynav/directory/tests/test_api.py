"""/api/v1/facilities and /api/v1/hsds: the locator's search and the HSDS export as JSON,
through the same selectors as the pages."""

import re
from pathlib import Path

import jsonschema
import pytest
from django.core.management import call_command
from django.test import Client

from recoverynav.api.api import api
from recoverynav.directory.exports import validation_errors
from recoverynav.directory.models import Facility
from recoverynav.directory.tests.factories import make_facility, miles_north

pytestmark = pytest.mark.django_db
URL = "/api/v1/facilities/"


def page_ids(client: Client, **params: str) -> list[int]:
    """Facility ids in the order the locator page lists them."""
    html = client.get("/treatment/", params).content.decode()
    return [int(pk) for pk in re.findall(r'<h3[^>]*><a href="/treatment/(\d+)/[?"]', html)]


def api_ids(client: Client, **params: str) -> list[int]:
    return [f["id"] for f in client.get(URL, params).json()["results"]]


@pytest.mark.parametrize(
    "params",
    [
        {"place": "22902"},
        {"place": "22902", "radius": "5"},
        {"place": "22902", "setting": "residential"},
        {"place": "Charlottesville, VA", "payment": "medicaid", "page": "2"},
        {"place": "22902", "otp": "true"},
    ],
)
def test_it_returns_the_same_facilities_in_the_same_order_as_the_page(
    visitor: Client, gazetteer: None, params: dict
) -> None:
    for number in range(30):
        make_facility(
            latitude=miles_north(number / 3)[0],
            is_otp=number % 4 == 0,
            attributes={
                "setting": ["residential" if number % 2 else "outpatient"],
                "payment": ["medicaid"] if number % 3 else [],
            },
        )

    expected = page_ids(visitor, **{**params, "otp": "on"} if "otp" in params else params)

    assert expected
    assert api_ids(visitor, **params) == expected


def test_a_result_has_what_a_person_needs(visitor: Client, gazetteer: None) -> None:
    make_facility(
        name="Region Ten",
        phone="(434) 972-1800",
        latitude=miles_north(1)[0],
        attributes={"medication": ["buprenorphine"], "payment": ["medicaid"]},
    )

    body = visitor.get(URL, {"place": "22902", "radius": "10"}).json()

    assert body["place"]["postal_code"] == "22902"
    assert body["total"] == 1
    facility = body["results"][0]
    assert facility["name"] == "Region Ten"
    assert facility["phone_uri"] == "tel:+14349721800"
    assert facility["settings"]["medication"] == ["buprenorphine"]
    assert facility["distance_miles"] == pytest.approx(1, abs=0.3)
    assert facility["page_url"] == f"http://testserver/treatment/{facility['id']}/"
    assert facility["location_approximate"] is False
    assert facility["is_current"] is True


def test_coordinates_work_like_a_place(visitor: Client, gazetteer: None) -> None:
    make_facility()

    body = visitor.get(f"{URL}near/", {"lat": "38.03", "lon": "-78.48"}).json()

    assert body["place"]["kind"] == "coordinates"
    assert body["total"] == 1


def test_tiny_coordinates_are_still_a_point(visitor: Client, gazetteer: None) -> None:
    body = visitor.get(f"{URL}near/", {"lat": "1e-05", "lon": "-0.0"}).json()

    assert body["place"]["kind"] == "coordinates"
    assert body["message"] == ""


def test_a_search_near_a_point_takes_the_same_filters(visitor: Client, gazetteer: None) -> None:
    make_facility(attributes={"payment": ["medicaid"]})
    make_facility(attributes={"payment": ["self_pay"]})
    filters = {"payment": ["medicaid", "free"], "radius": "10", "page_size": "5"}

    near = visitor.get(f"{URL}near/", {"lat": "38.03", "lon": "-78.48", **filters}).json()
    named = visitor.get(URL, {"place": "38.03,-78.48", **filters}).json()

    assert [f["id"] for f in near["results"]] == [f["id"] for f in named["results"]]
    assert near["total"] == 1


def test_a_place_that_is_only_spaces_gets_a_message_and_no_results(
    visitor: Client, gazetteer: None
) -> None:
    body = visitor.get(URL, {"place": "   "}).json()

    assert (body["place"], body["results"], body["candidates"]) == (None, [], [])
    assert body["message"]


def test_results_are_paginated(visitor: Client, gazetteer: None) -> None:
    for miles in range(25):
        make_facility(latitude=miles_north(miles / 5)[0])

    first = visitor.get(URL, {"place": "22902", "page_size": "10"}).json()
    third = visitor.get(URL, {"place": "22902", "page_size": "10", "page": "3"}).json()

    assert (first["total"], first["pages"], len(first["results"])) == (25, 3, 10)
    assert (third["page"], len(third["results"])) == (3, 5)
    assert not {f["id"] for f in first["results"]} & {f["id"] for f in third["results"]}


def test_an_ambiguous_place_gives_candidates_and_no_results(
    visitor: Client, gazetteer: None
) -> None:
    body = visitor.get(URL, {"place": "Arlington"}).json()

    assert body["place"] is None
    assert body["results"] == []
    assert {"Arlington, TX", "Arlington, VA"} <= {c["label"] for c in body["candidates"]}


def test_nothing_nearby_is_an_empty_list(visitor: Client, gazetteer: None) -> None:
    body = visitor.get(URL, {"place": "78701"}).json()

    assert (body["total"], body["results"]) == (0, [])


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({}, "place"),
        ({"place": "22902", "payment": "gold"}, "payment"),
        ({"place": "22902", "setting": "spaceship"}, "setting"),
        ({"place": "22902", "radius": "500"}, "radius"),
        ({"place": "22902", "radius": "1"}, "radius"),
        ({"place": "22902", "page_size": "1000"}, "page_size"),
        ({"place": "22902", "page": "0"}, "page"),
        ({"place": ""}, "place"),
    ],
)
def test_a_bad_parameter_is_a_400_naming_it(
    visitor: Client, gazetteer: None, params: dict, parameter: str
) -> None:
    response = visitor.get(URL, params)

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_parameters"
    assert any(parameter in error["loc"] for error in body["errors"])


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"lat": "38.03"}, "lon"),
        ({"lon": "-78.48"}, "lat"),
        ({"lat": "91", "lon": "0"}, "lat"),
        ({"lat": "north", "lon": "0"}, "lat"),
        ({"lat": "nan", "lon": "0"}, "lat"),
        ({"lat": "38", "lon": "-78", "payment": "gold"}, "payment"),
        ({"lat": "38", "lon": "-78", "radius": "500"}, "radius"),
    ],
)
def test_a_bad_parameter_near_a_point_is_a_400_naming_it(
    visitor: Client, gazetteer: None, params: dict, parameter: str
) -> None:
    response = visitor.get(f"{URL}near/", params)

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_parameters"
    assert any(parameter in error["loc"] for error in body["errors"])


def test_one_facility_has_its_labels_in_the_asked_language(visitor: Client) -> None:
    facility = make_facility(attributes={"payment": ["medicaid"]})

    english = visitor.get(f"{URL}{facility.pk}").json()
    spanish = visitor.get(f"{URL}{facility.pk}", {"lang": "es"}).json()

    assert english["labels"]["payment"] == ["Medicaid"]
    assert spanish["name"] == english["name"]
    assert english["address_lines"][0].endswith("Main Street")


def test_a_hidden_or_unknown_facility_is_a_404(visitor: Client) -> None:
    hidden = make_facility(is_active=False)

    for pk in (hidden.pk, 999999):
        response = visitor.get(f"{URL}{pk}")
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"


def test_the_hsds_export_validates_against_the_hsds_schemas(visitor: Client) -> None:
    for _ in range(3):
        make_facility(attributes={"setting": ["outpatient"], "language": ["spanish"]})

    body = visitor.get("/api/v1/hsds/services").json()

    assert (body["total_items"], body["size"], body["first_page"]) == (3, 3, True)
    for service in body["contents"]:
        assert validation_errors(service) == []


def test_the_hsds_export_answers_304_until_the_data_changes(visitor: Client) -> None:
    make_facility()
    first = visitor.get("/api/v1/hsds/services")

    unchanged = visitor.get("/api/v1/hsds/services", HTTP_IF_NONE_MATCH=first["ETag"])
    make_facility()
    changed = visitor.get("/api/v1/hsds/services", HTTP_IF_NONE_MATCH=first["ETag"])

    assert unchanged.status_code == 304
    assert changed.status_code == 200
    assert changed.json()["total_items"] == 2


def test_the_hsds_root_names_the_version(visitor: Client) -> None:
    body = visitor.get("/api/v1/hsds/").json()

    assert body["version"] == "3.0"
    assert body["openapi_url"] == "http://testserver/api/v1/openapi.json"


def test_an_hsds_page_past_the_end_is_empty(visitor: Client) -> None:
    make_facility()

    body = visitor.get("/api/v1/hsds/services", {"page": "5"}).json()

    assert (body["empty"], body["contents"], body["last_page"]) == (True, [], True)


def test_one_hsds_service_is_found_by_the_id_the_list_gives_it(visitor: Client) -> None:
    facility = make_facility(attributes={"setting": ["outpatient"]})
    listed = visitor.get("/api/v1/hsds/services").json()["contents"][0]

    body = visitor.get(f"/api/v1/hsds/services/{listed['id']}").json()

    assert body == listed
    assert body["id"] == str(facility.uuid)
    assert validation_errors(body) == []


@pytest.mark.parametrize(
    ("service_id", "status"),
    [("5b0c2f8e-9a51-4b7e-8a7f-3f1f0c6f2d11", 404), ("not-a-uuid", 400)],
)
def test_an_unknown_or_malformed_hsds_service_id_is_a_clear_error(
    visitor: Client, service_id: str, status: int
) -> None:
    response = visitor.get(f"/api/v1/hsds/services/{service_id}")

    assert response.status_code == status
    assert set(response.json()) >= {"code", "message"}


def test_a_hidden_facility_is_not_an_hsds_service(visitor: Client) -> None:
    hidden = make_facility(is_active=False)

    assert visitor.get(f"/api/v1/hsds/services/{hidden.uuid}").status_code == 404


def _response_schema(name: str) -> jsonschema.Draft202012Validator:
    """A validator for one of the API's response schemas, as the OpenAPI document declares it."""
    document = api.get_openapi_schema(path_prefix="/api/v1")
    return jsonschema.Draft202012Validator({**document, "$ref": f"#/components/schemas/{name}"})


IMPORTER_SAMPLES = [
    ("import_samhsa_locator", "locator_sample.json"),
    ("import_samhsa_directory", "directory_2024_sample.csv"),
    ("import_samhsa_facilities", "sut_sample.csv"),
    ("import_hsds_tabular", "hsds_tabular"),
]


@pytest.mark.parametrize(("command", "sample"), IMPORTER_SAMPLES)
def test_every_imported_facility_is_served_as_its_schema_says(
    visitor: Client, gazetteer: None, command: str, sample: str
) -> None:
    """Each importer's stored shapes (other services are [category, name] pairs) come out
    of /facilities/{id} as a 200 that matches the declared schema, never a 500."""
    call_command(command, str(Path(__file__).parent / "data" / sample), verbosity=0)
    validator = _response_schema("FacilityDetailOut")
    facilities = Facility.objects.filter(is_active=True)
    assert facilities.exists()
    for facility in facilities:
        response = visitor.get(f"{URL}{facility.pk}")
        assert response.status_code == 200, (facility.pk, facility.other_services)
        assert not list(validator.iter_errors(response.json()))


def test_other_services_come_with_their_category(visitor: Client) -> None:
    facility = make_facility(
        other_services=[
            ["Treatment Approaches", "Motivational interviewing"],
            ["Services", "Equine therapy"],
        ]
    )

    services = visitor.get(f"{URL}{facility.pk}").json()["other_services"]

    assert services == [
        {"category": "Treatment Approaches", "name": "Motivational interviewing"},
        {"category": "Services", "name": "Equine therapy"},
    ]


@pytest.mark.parametrize("page", ["²", "\uff12", "1_000", " 2 "])
def test_a_page_number_in_other_digits_is_a_400_naming_it(visitor: Client, page: str) -> None:
    for url in (f"{URL}?place=22902", "/api/v1/hsds/services?"):
        response = visitor.get(f"{url}&page={page}")

        assert response.status_code == 400
        assert ["query", "page"] in [error["loc"] for error in response.json()["errors"]]


@pytest.mark.parametrize("page", ["²", "٣", "0", "abc"])
def test_the_hsds_file_gives_the_first_page_for_an_unreadable_page_number(
    visitor: Client, page: str
) -> None:
    response = visitor.get("/treatment/hsds.json", {"page": page})

    assert response.status_code == 200
    assert response.json()["page_number"] == 1


def test_the_hsds_file_caps_an_overflowing_page_number(visitor: Client) -> None:
    make_facility()

    response = visitor.get("/treatment/hsds.json?page=99999999999999999999")

    assert response.status_code == 200
    body = response.json()
    assert body["page_number"] == 100_000
    assert body["last_page"] is True
    assert body["contents"] == []


def test_the_place_searched_is_described_as_the_place_lookup_describes_it(
    visitor: Client, gazetteer: None
) -> None:
    """One PlaceOut for the whole API: the facility search's place has the zone too."""
    searched = visitor.get(URL, {"place": "22902"}).json()["place"]
    looked_up = visitor.get("/api/v1/places/", {"q": "22902"}).json()["place"]

    assert searched == looked_up
    assert searched["timezone"] == "America/New_York"
