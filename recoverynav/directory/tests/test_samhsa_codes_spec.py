"""SAMHSA's service codes and locator wordings, read one way whichever file they come from:
what a code becomes on a listing, what is kept under its official name, and what is never
shown."""

import datetime as dt

import pytest

from recoverynav.directory.importers import samhsa, samhsa_codes
from recoverynav.directory.importers.base import ImportFileError, Record
from recoverynav.directory.importers.samhsa import parse_locator_rows, split_contact
from recoverynav.directory.importers.samhsa.common import add_codes
from recoverynav.directory.importers.samhsa.locator import locator_rows, locator_tokens


def blank() -> Record:
    return Record(
        source_id="1", organization="", name="A place", latitude=38.0, longitude=-78.0,
        last_verified=dt.date(2024, 1, 1),
    )  # fmt: skip


def coded(*codes: str) -> tuple[Record, list[str]]:
    record, notes = blank(), []
    add_codes(record, codes, notes)
    return record, notes


@pytest.mark.parametrize(
    ("code", "attributes"),
    [
        ("SA", {"care:substance_use"}),
        ("OD", {"setting:outpatient", "setting:detox"}),
        ("RL", {"setting:residential", "setting:residential_long"}),
        ("MM", {"medication:methadone"}),
        ("BU", {"medication:buprenorphine"}),
        ("TELE", {"setting:telehealth"}),
    ],
)
def test_a_code_with_a_meaning_in_our_vocabulary_becomes_searchable(code, attributes) -> None:
    record, notes = coded(code)

    assert record.attributes == attributes
    assert record.other_services == []
    assert notes == []


def test_a_language_code_names_the_language_and_marks_other_languages() -> None:
    record, _ = coded("F4", "F28")

    assert "language:other" in record.attributes
    assert record.other_languages == ["Arabic", "French"]


def test_a_code_without_a_search_meaning_is_kept_by_its_official_category_and_name() -> None:
    entry = next(
        e
        for e in samhsa_codes.codes().values()
        if not e.attributes and not e.is_language and e.shown
    )

    record, _ = coded(entry.code)

    assert record.other_services == [[entry.category, entry.name]]
    assert entry.code not in str(record.other_services)


def test_an_unknown_code_is_kept_out_of_sight_and_noted() -> None:
    record, notes = coded("SA", "ZZZ9")

    assert record.unknown_codes == ["ZZZ9"]
    assert notes == ["service code(s) ZZZ9 are not in SAMHSA's reference (kept)"]
    assert "ZZZ9" not in str(record.other_services)


def test_an_unconfirmed_earlier_code_is_never_shown() -> None:
    record, notes = coded("OTPA")

    assert samhsa_codes.service_code("OTPA").shown is False
    assert (record.attributes, record.other_services, notes) == (set(), [], [])


def test_a_repeated_code_is_listed_once() -> None:
    record, _ = coded("F4", "F4", " F4 ")

    assert record.other_languages == ["Arabic"]


def test_naltrexone_without_a_form_means_the_pills_unless_a_form_is_named() -> None:
    unspecified = next(iter(samhsa_codes.NALTREXONE_UNSPECIFIED & set(samhsa_codes.codes())))

    assert "medication:naltrexone" in coded(unspecified)[0].attributes
    with_shot, _ = coded(unspecified, "VTRL")
    assert "medication:naltrexone" not in with_shot.attributes
    assert "medication:naltrexone_er" in with_shot.attributes


def test_every_attribute_a_code_gives_is_a_value_of_our_vocabulary() -> None:
    from recoverynav.directory.importers.base import check_record

    record = blank()
    record.attributes = {a for values in samhsa_codes.ATTRIBUTES.values() for a in values}

    check_record(record)  # raises on an unknown attribute


def test_official_names_lead_back_to_their_codes_in_any_case() -> None:
    entry = samhsa_codes.service_code("SA")

    assert samhsa_codes.codes_by_name()[entry.name.lower()] == entry


@pytest.mark.parametrize(
    ("code", "value", "tokens"),
    [
        ("SET", "Outpatient", ["setting:outpatient"]),
        ("SET", "  Hospital inpatient ", ["setting:hospital_inpatient"]),
        ("SET", "Outpatient detox", ["setting:detox"]),
        ("PHR", "Buprenorphine sub-dermal implant", ["medication:buprenorphine"]),
        ("OT", "SAMHSA-certified Opioid Treatment Program", ["otp"]),
        ("SL", "Services for the deaf and hard of hearing", ["language:asl"]),
        ("PAY", "Bitcoin", []),
    ],
)
def test_older_locator_wordings_are_read_as_today_s_values(code, value, tokens) -> None:
    assert locator_tokens(code, value) == tokens


@pytest.mark.parametrize(
    ("contact", "split"),
    [
        ("(602)258-6797 Intakes: (602)523-9312 (602)523-9313", ("(602)258-6797", "(602)523-9312")),
        ("(602)258-6797 Intake:(602)523-9312", ("(602)258-6797", "(602)523-9312")),
        ("(602)258-6797", ("(602)258-6797", "")),
        ("", ("", "")),
    ],
)
def test_the_2017_contact_column_splits_into_the_main_and_first_intake_number(
    contact: str, split: tuple
) -> None:
    assert split_contact(contact) == split


def locator_row(**overrides) -> dict:
    row = {
        "frid": "abc",
        "name1": "Blue Ridge Recovery",
        "street1": "100 Main Street",
        "city": "Charlottesville",
        "state": "va",
        "zip": "22902",
        "phone": "434-555-0100",
        "website": "blueridge.example.org",
        "latitude": "38.03",
        "longitude": "-78.48",
        "services": [],
    }
    return row | overrides


def test_a_locator_row_s_services_are_read_by_name_and_unknown_ones_kept() -> None:
    row = locator_row(
        services=[
            {"f1": "Type of Care", "f2": "TC", "f3": "Substance use treatment"},
            {"f1": "Other Languages", "f2": "OL", "f3": "Hmong; Tagalog"},
            {"f1": "Ancillary", "f2": "AS", "f3": "Horse riding"},
        ]
    )

    record = parse_locator_rows([("page 1 row 1", row)], verified=samhsa.LOCATOR_DATE).records[0]

    assert "care:substance_use" in record.attributes
    assert record.other_languages == ["Hmong", "Tagalog"]
    assert ["Ancillary", "Horse riding"] in record.other_services
    assert (record.state, record.website) == ("VA", "http://blueridge.example.org")


def test_a_locator_row_without_its_id_is_keyed_by_name_and_address() -> None:
    parsed = parse_locator_rows([("p", locator_row(frid=""))], verified=samhsa.LOCATOR_DATE)

    assert parsed.records[0].source_id == "blue ridge recovery|100 main st|22902"


def test_a_locator_row_without_coordinates_is_refused_with_where_it_was() -> None:
    parsed = parse_locator_rows(
        [("page 2 row 7", locator_row(latitude=""))], verified=samhsa.LOCATOR_DATE
    )

    assert parsed.records == []
    assert parsed.errors == ["page 2 row 7: latitude '' is not a number"]


def test_locator_pages_may_come_one_or_many_and_rows_are_numbered_per_page() -> None:
    pages = [{"page": 1, "rows": [{}, {}]}, {"page": 2, "rows": [{}]}]

    assert [where for where, _ in locator_rows(pages, "x.json")] == [
        "page 1 row 1",
        "page 1 row 2",
        "page 2 row 1",
    ]
    assert [where for where, _ in locator_rows({"rows": [{}]}, "x.json")] == ["page 1 row 1"]


def test_an_empty_list_of_locator_pages_has_no_rows() -> None:
    assert locator_rows([], "x.json") == []


@pytest.mark.parametrize("document", [{"rows": "none"}, [{"rows": []}, "text"], 7])
def test_a_document_that_is_not_locator_pages_is_refused(document) -> None:
    with pytest.raises(ImportFileError, match=r"x\.json is not a locator API page"):
        locator_rows(document, "x.json")
