"""/api/v1/hsds: organizations and the attribute taxonomy, shaped and validated as the HSDS
3.0 OpenAPI profile and JSON schemas (bundled in directory/data/hsds-schema) say."""

import json
import uuid

import pytest
from django.test import Client
from jsonschema import Draft202012Validator

from recoverynav.directory import vocabulary
from recoverynav.directory.exports import SCHEMA_DIR, validation_errors
from recoverynav.directory.models import Organization
from recoverynav.directory.tests.factories import make_facility

pytestmark = pytest.mark.django_db
HSDS = "/api/v1/hsds"
UNKNOWN_ID = "5b0c2f8e-9a51-4b7e-8a7f-3f1f0c6f2d11"


def profile_page_errors(body: dict) -> list[str]:
    """Differences from the profile's Page schema: every field it names, with its type."""
    page = json.loads((SCHEMA_DIR / "openapi.json").read_text())["components"]["schemas"]["Page"]
    missing = [f"missing {name}" for name in page["properties"] if name not in body]
    return missing + [error.message for error in Draft202012Validator(page).iter_errors(body)]


def an_organization_with_two_facilities() -> Organization:
    organization = Organization.objects.create(
        name="Region Ten", match_key="region-ten", website="https://regionten.org"
    )
    make_facility(organization=organization, name="Mohr Center")
    make_facility(organization=organization, name="Blue Ridge House")
    return organization


def test_organizations_are_listed_in_the_profile_page_shape(visitor: Client) -> None:
    an_organization_with_two_facilities()
    make_facility(name="Another Place")

    body = visitor.get(f"{HSDS}/organizations").json()

    assert profile_page_errors(body) == []
    assert (body["total_items"], body["size"], body["first_page"], body["last_page"]) == (
        2,
        2,
        True,
        True,
    )
    assert {o["name"] for o in body["contents"]} == {"Region Ten", "Another Place"}
    for organization in body["contents"]:
        assert validation_errors(organization, "organization.json") == []


def test_an_organization_without_a_shown_facility_is_not_listed(visitor: Client) -> None:
    hidden = make_facility(name="Closed Program", is_active=False)

    body = visitor.get(f"{HSDS}/organizations").json()
    one = visitor.get(f"{HSDS}/organizations/{hidden.organization.uuid}")

    assert (body["total_items"], body["empty"]) == (0, True)
    assert one.status_code == 404


def test_organizations_are_paginated_by_per_page(visitor: Client) -> None:
    for number in range(3):
        make_facility(name=f"Program {number}")

    first = visitor.get(f"{HSDS}/organizations", {"per_page": "2"}).json()
    second = visitor.get(f"{HSDS}/organizations", {"per_page": "2", "page": "2"}).json()

    assert (first["total_pages"], first["size"], first["last_page"]) == (2, 2, False)
    assert (second["page_number"], second["size"], second["last_page"]) == (2, 1, True)
    names = [o["name"] for o in first["contents"] + second["contents"]]
    assert sorted(names) == ["Program 0", "Program 1", "Program 2"]


def test_one_organization_nests_its_locations_and_services(visitor: Client) -> None:
    organization = an_organization_with_two_facilities()

    body = visitor.get(f"{HSDS}/organizations/{organization.uuid}").json()

    assert validation_errors(body, "organization.json") == []
    assert body["id"] == str(organization.uuid)
    assert body["website"] == "https://regionten.org"
    assert [s["name"] for s in body["services"]] == ["Mohr Center", "Blue Ridge House"]
    for service, location in zip(body["services"], body["locations"], strict=True):
        full = visitor.get(f"{HSDS}/services/{service['id']}").json()
        assert full["organization"]["id"] == body["id"]
        assert full["service_at_locations"][0]["location_id"] == location["id"]
        assert location["addresses"][0]["city"] == "Charlottesville"


@pytest.mark.parametrize(("organization_id", "status"), [(UNKNOWN_ID, 404), ("nope", 400)])
def test_an_unknown_or_malformed_organization_id_is_a_clear_error(
    visitor: Client, organization_id: str, status: int
) -> None:
    response = visitor.get(f"{HSDS}/organizations/{organization_id}")

    assert response.status_code == status
    assert set(response.json()) >= {"code", "message"}


def test_organizations_answer_304_until_the_data_changes(visitor: Client) -> None:
    make_facility()
    first = visitor.get(f"{HSDS}/organizations")

    unchanged = visitor.get(f"{HSDS}/organizations", HTTP_IF_NONE_MATCH=first["ETag"])
    make_facility()
    changed = visitor.get(f"{HSDS}/organizations", HTTP_IF_NONE_MATCH=first["ETag"])

    assert unchanged.status_code == 304
    assert changed.status_code == 200


def test_the_one_taxonomy_is_listed_and_found_by_its_id(visitor: Client) -> None:
    body = visitor.get(f"{HSDS}/taxonomies").json()
    (listed,) = body["contents"]

    one = visitor.get(f"{HSDS}/taxonomies/{listed['id']}").json()

    assert profile_page_errors(body) == []
    assert validation_errors(listed, "taxonomy.json") == []
    assert one == listed
    assert listed["name"] == "recoverynav"


def test_every_taxonomy_term_is_valid_and_in_the_taxonomy(visitor: Client) -> None:
    taxonomy_id = visitor.get(f"{HSDS}/taxonomies").json()["contents"][0]["id"]

    body = visitor.get(f"{HSDS}/taxonomy_terms").json()

    assert profile_page_errors(body) == []
    values = sum(len(group.values) for group in vocabulary.GROUPS.values())
    assert body["total_items"] == len(vocabulary.GROUPS) + values + 1  # groups, values, otp
    for term in body["contents"]:
        assert validation_errors(term, "taxonomy_term.json") == [], term["code"]
        assert term["taxonomy_id"] == taxonomy_id


def test_a_group_term_has_its_values_as_children(visitor: Client) -> None:
    terms = visitor.get(f"{HSDS}/taxonomy_terms").json()["contents"]
    setting = next(term for term in terms if term["code"] == "setting")

    children = visitor.get(f"{HSDS}/taxonomy_terms", {"parent_id": setting["id"]}).json()

    assert "parent_id" not in setting
    assert [term["code"] for term in children["contents"]] == [
        f"setting:{value}" for value in vocabulary.SETTING.values
    ]


def test_a_services_attributes_name_terms_the_taxonomy_serves(visitor: Client) -> None:
    make_facility(
        attributes={"setting": ["outpatient"], "payment": ["medicaid"]},
        is_otp=True,
        other_services=[["Treatment Approaches", "Motivational interviewing"]],
    )
    service = visitor.get(f"{HSDS}/services").json()["contents"][0]

    for attribute in service["attributes"]:
        term = attribute["taxonomy_term"]
        response = visitor.get(f"{HSDS}/taxonomy_terms/{attribute['taxonomy_term_id']}")
        if term["code"].startswith("other:"):
            # Free text from a source: its term travels inline only.
            assert response.status_code == 404
            assert "taxonomy_id" not in term
        else:
            assert response.json() == term
    assert {a["taxonomy_term"]["code"] for a in service["attributes"]} >= {
        "setting:outpatient",
        "payment:medicaid",
        "otp",
    }


def test_terms_are_named_in_the_asked_language(visitor: Client) -> None:
    english = visitor.get(f"{HSDS}/taxonomy_terms").json()["contents"]
    spanish = visitor.get(f"{HSDS}/taxonomy_terms", {"lang": "es"}).json()["contents"]

    assert [t["id"] for t in english] == [t["id"] for t in spanish]
    free_es = next(t for t in spanish if t["code"] == "payment:free")
    assert free_es["language"] == "es"
    assert free_es["name"] != next(t for t in english if t["code"] == "payment:free")["name"]


@pytest.mark.parametrize("path", [f"taxonomies/{UNKNOWN_ID}", f"taxonomy_terms/{UNKNOWN_ID}"])
def test_an_unknown_taxonomy_or_term_is_a_404(visitor: Client, path: str) -> None:
    response = visitor.get(f"{HSDS}/{path}")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_terms_of_an_unknown_taxonomy_are_an_empty_page(visitor: Client) -> None:
    body = visitor.get(f"{HSDS}/taxonomy_terms", {"taxonomy_id": str(uuid.uuid4())}).json()

    assert (body["total_items"], body["empty"], body["contents"]) == (0, True, [])


def test_the_locator_page_points_feed_readers_at_the_hsds_export(visitor: Client) -> None:
    html = visitor.get("/treatment/").content.decode()

    assert (
        '<link rel="alternate" type="application/json" title="Open Referral HSDS" '
        'href="/api/v1/hsds/services">'
    ) in html
