"""The HSDS 3.0 export validates against the bundled schemas and imports back."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from recoverynav.directory import vocabulary
from recoverynav.directory.exports import export_services, validation_errors
from recoverynav.directory.models import Facility
from recoverynav.directory.tests.factories import make_facility
from recoverynav.directory.tests.test_importers import DATA

pytestmark = pytest.mark.django_db


def a_full_facility() -> Facility:
    return make_facility(
        name="Region Ten Community Services Board",
        alternate_name="Mohr Center",
        intake_phone="434-972-1800",
        website="http://www.regionten.org",
        attributes={
            "setting": ["outpatient", "residential_short"],
            "medication": ["buprenorphine"],
            "payment": ["medicaid", "sliding_fee"],
            "language": ["spanish", "other"],
        },
        other_languages=["German"],
        other_services=[["Treatment Approaches", "Motivational interviewing"]],
        is_otp=True,
    )


def test_every_exported_service_is_valid_hsds() -> None:
    a_full_facility()
    make_facility(phone="", website="")
    call_command("import_samhsa_locator", str(DATA / "locator_sample.json"), stdout=StringIO())

    services = export_services(Facility.objects.select_related("organization"))

    assert len(services) > 3
    for service in services:
        assert validation_errors(service) == [], service["name"]


def test_the_validator_catches_a_broken_document() -> None:
    a_full_facility()
    service = export_services(Facility.objects.select_related("organization"))[0]
    del service["status"]
    service["service_at_locations"][0]["location"]["location_type"] = "boat"

    errors = validation_errors(service)

    assert any("'status' is a required property" in e for e in errors)
    assert any("'boat' is not one of" in e for e in errors)


def test_the_export_command_writes_validated_json(tmp_path: Path) -> None:
    a_full_facility()
    out = tmp_path / "hsds.json"

    call_command("export_hsds", str(out), "--validate", stderr=StringIO())

    services = json.loads(out.read_text())
    assert services[0]["name"] == "Region Ten Community Services Board"
    codes = {a["taxonomy_term"]["code"] for a in services[0]["attributes"]}
    assert {"setting:outpatient", "payment:medicaid", "otp"} <= codes


def test_the_hsds_url_serves_pages_of_services(visitor: Client) -> None:
    a_full_facility()

    response = visitor.get("/treatment/hsds.json")

    assert response.status_code == 200
    page = response.json()
    assert (page["total_items"], page["page_number"], page["size"]) == (1, 1, 1)
    assert page["contents"][0]["organization"]["name"] == "Region Ten Community Services Board"
    assert not response.cookies


def test_an_export_imports_back_into_the_same_listing(tmp_path: Path) -> None:
    original = a_full_facility()
    out = tmp_path / "hsds.json"
    call_command("export_hsds", str(out), stderr=StringIO())

    call_command("import_hsds", str(out), "--source=partner", stdout=StringIO())

    assert Facility.objects.count() == 1  # merged into the same place, not duplicated
    again = Facility.objects.get()
    assert again.pk == original.pk
    assert again.records.get().source == "partner"
    assert vocabulary.SETTING.decode(again.care_settings) == ["outpatient", "residential_short"]
    assert again.is_otp


def test_hsds_json_from_elsewhere_is_imported_with_clear_errors(tmp_path: Path) -> None:
    a_full_facility()
    services = json.loads(
        json.dumps(export_services(Facility.objects.select_related("organization")))
    )
    broken = json.loads(json.dumps(services[0]))
    broken["id"] = "11111111-2222-4333-8444-555555555555"
    broken["service_at_locations"] = []
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps({"contents": [*services, broken]}))
    Facility.objects.all().delete()

    out = StringIO()
    call_command("import_hsds", str(feed), stdout=out, stderr=out)

    assert Facility.objects.count() == 1
    assert (
        "service 2 (11111111-2222-4333-8444-555555555555): the service has no location"
        in out.getvalue()
    )
