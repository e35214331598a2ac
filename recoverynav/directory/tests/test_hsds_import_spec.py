"""Open Referral HSDS services coming in: one record per service and location, what their
attributes and languages become, where each date comes from, and each reason a service is
refused. (Our own HSDS export is specified in test_hsds.)"""

import datetime as dt
import json
from pathlib import Path

import pytest

from recoverynav.directory.importers.base import ImportFileError
from recoverynav.directory.importers.hsds import TAXONOMY, parse_hsds_json, parse_hsds_tabular

DAY = dt.date(2026, 11, 1)


def location(number: int = 1, **overrides) -> dict:
    values = {
        "id": f"loc-{number}",
        "name": f"Site {number}",
        "latitude": 38.03,
        "longitude": -78.48,
        "addresses": [
            {"address_1": f"{number} Main Street", "city": "Charlottesville",
             "state_province": "va", "postal_code": "22902"}
        ],
        "phones": [{"number": "434-555-0100"}],
    }  # fmt: skip
    return values | overrides


def service(**overrides) -> dict:
    values = {
        "id": "svc-1",
        "name": "Outpatient recovery",
        "organization": {"name": "Blue Ridge Health", "website": "blueridge.example.org"},
        "phones": [{"number": "434-555-0199"}],
        "service_at_locations": [{"location": location()}],
    }
    return values | overrides


def parse(tmp_path: Path, document) -> object:
    path = tmp_path / "services.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return parse_hsds_json(path, verified=DAY)


def ours(code: str) -> dict:
    return {"taxonomy_term": {"taxonomy": TAXONOMY, "code": code, "name": code}}


def test_a_service_at_two_locations_is_two_records_keyed_by_both_ids(tmp_path) -> None:
    parsed = parse(tmp_path, [service(service_at_locations=[
        {"location": location(1)}, {"location": location(2)},
    ])])  # fmt: skip

    assert [r.source_id for r in parsed.records] == ["svc-1/loc-1", "svc-1/loc-2"]
    assert parsed.errors == []


def test_a_record_takes_the_location_s_phone_first_and_the_service_s_as_intake(tmp_path):
    record = parse(tmp_path, [service()]).records[0]

    assert (record.phone, record.intake_phone) == ("(434) 555-0100", "(434) 555-0199")
    assert (record.organization, record.state) == ("Blue Ridge Health", "VA")
    assert record.website == "http://blueridge.example.org"
    assert record.alternate_name == "Site 1"


@pytest.mark.parametrize(
    "document",
    [
        lambda: [service()],
        lambda: {"contents": [service()], "total_items": 1},
        lambda: service(),
    ],
)
def test_services_may_come_as_a_list_an_api_page_or_one_service(tmp_path, document) -> None:
    assert len(parse(tmp_path, document()).records) == 1


def test_a_document_that_is_not_hsds_services_is_refused_by_name(tmp_path) -> None:
    with pytest.raises(ImportFileError, match=r"services\.json is not HSDS service JSON"):
        parse(tmp_path, {"organizations": []})


def test_our_own_taxonomy_s_codes_become_searchable_and_others_are_kept_by_name(tmp_path):
    attributes = [
        ours("setting:outpatient"),
        ours("otp"),
        ours("setting:spa"),
        {"taxonomy_term": {"taxonomy": "other-tax", "name": "Peer support"}},
        {"taxonomy_term": {"taxonomy": TAXONOMY, "code": "other:Services", "name": "Yoga"}},
    ]

    record = parse(tmp_path, [service(attributes=attributes)]).records[0]

    assert record.attributes == {"setting:outpatient", "otp"}
    assert ["other-tax", "Peer support"] in record.other_services
    assert ["Services", "Yoga"] in record.other_services
    assert [TAXONOMY, "setting:spa"] in record.other_services


def test_languages_are_read_by_code_or_name_and_others_named(tmp_path) -> None:
    languages = [{"code": "spa"}, {"name": "American Sign Language"}, {"name": "Hmong"}]

    record = parse(tmp_path, [service(languages=languages)]).records[0]

    assert record.attributes == {"language:spanish", "language:asl", "language:other"}
    assert record.other_languages == ["Hmong"]


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        ({"assured_date": "2026-05-01", "last_modified": "2026-09-01"}, dt.date(2026, 5, 1)),
        ({"last_modified": "2026-09-01T10:00:00Z"}, dt.date(2026, 9, 1)),
        ({}, DAY),
    ],
)
def test_a_record_is_dated_by_its_assured_date_else_its_last_change_else_the_run(
    tmp_path, dates, expected
) -> None:
    assert parse(tmp_path, [service(**dates)]).records[0].last_verified == expected


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"id": ""}, "service 1 (): a service needs an id"),
        ({"service_at_locations": []}, "the service has no location with coordinates"),
        ({"assured_date": "spring"}, "assured_date 'spring' is not a date"),
        ({"name": ""}, "the facility has no name"),
        (
            {"service_at_locations": [{"location": location(latitude="north")}]},
            "latitude 'north' is not a number",
        ),
    ],
)
def test_each_refused_service_says_which_and_why(tmp_path, overrides, reason) -> None:
    parsed = parse(tmp_path, [service(**overrides), service(id="svc-2")])

    assert len(parsed.errors) == 1
    assert reason in parsed.errors[0]
    assert [r.source_id for r in parsed.records] == ["svc-2/loc-1"]


def test_a_refused_service_s_locations_are_kept_from_removal(tmp_path) -> None:
    parsed = parse(tmp_path, [service(name="")])

    assert parsed.rejected_ids == {"svc-1/loc-1"}


def test_an_item_that_is_not_a_service_is_refused_by_its_number(tmp_path) -> None:
    parsed = parse(tmp_path, ["not a service"])

    assert parsed.errors == ["service 1: a service needs an id"]


def test_a_folder_without_services_csv_is_not_a_data_package(tmp_path) -> None:
    (tmp_path / "organizations.csv").write_text("id,name\n", encoding="utf-8")

    with pytest.raises(ImportFileError, match=r"has no services\.csv: is it an HSDS data package"):
        parse_hsds_tabular(tmp_path, verified=DAY)


def test_the_bundled_data_package_rebuilds_the_same_services_as_its_json_would(tmp_path) -> None:
    folder = Path(__file__).resolve().parent / "data" / "hsds_tabular"

    from_folder = parse_hsds_tabular(folder, verified=DAY)
    from_file = parse_hsds_tabular(folder / "services.csv", verified=DAY)

    assert [r.source_id for r in from_folder.records] == [r.source_id for r in from_file.records]
    assert from_folder.records
    assert all("/" in r.source_id for r in from_folder.records)
