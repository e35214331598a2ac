"""SAMHSA's lists row by row: the 2024 directory, the opioid treatment program directory, the
MOUD provider list and the national facility list; what each row becomes and each reason it
is refused."""

import csv
import datetime as dt
from pathlib import Path

import pytest

from recoverynav.directory.importers import samhsa
from recoverynav.directory.importers.base import ImportFileError
from recoverynav.directory.importers.samhsa.lists import CERTIFICATION, PROVISIONAL

DAY = dt.date(2026, 5, 25)


def write(tmp_path: Path, rows: list[dict], name: str = "list.csv") -> Path:
    path = tmp_path / name
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def otp_row(**cells) -> dict:
    row = {
        "Program Name": "Blue Ridge Opioid Program",
        "Street": "100 Main Street",
        "City": "Charlottesville",
        "State": "va",
        "Zip Code": "22902",
        "Phone": "(434) 555-0100",
        "Certification": "Certified",
        "First Full Certification Date/CMS Use": "02/01/2004",
        "latitude": "38.03",
        "longitude": "-78.48",
        "geo_source": "geocoded",
    }
    return row | cells


def moud_row(**cells) -> dict:
    row = {
        "name1": "Galax Treatment Center Inc",
        "name2": "Life Center of Galax",
        "street1": "112 Painter Street",
        "street2": "",
        "city": "Galax",
        "state": "VA",
        "zip": "24333",
        "category": "buprenorphine",
        "countyName": "Galax",
        "Latitude": "36.66",
        "Longitude": "-80.93",
    }
    return row | cells


# --- the OTP directory -----------------------------------------------------------------------


def test_a_certified_program_is_an_otp_offering_methadone_and_says_nothing_else(tmp_path):
    record = samhsa.parse_otp_directory(write(tmp_path, [otp_row()]), verified=DAY).records[0]

    assert record.attributes == {"otp", "medication:methadone"}
    assert record.describes == {"otp"}
    assert (record.state, record.approximate, record.last_verified) == ("VA", False, DAY)


def test_a_provisionally_certified_program_says_so(tmp_path) -> None:
    parsed = samhsa.parse_otp_directory(write(tmp_path, [otp_row(Certification="Provisional")]))

    assert [CERTIFICATION, PROVISIONAL] in parsed.records[0].other_services


def test_a_program_placed_at_its_zip_code_centre_is_marked_approximate(tmp_path) -> None:
    record = samhsa.parse_otp_directory(write(tmp_path, [otp_row(geo_source="zip_centroid")]))

    assert record.records[0].approximate is True


def test_a_certification_we_do_not_know_refuses_the_row_with_its_line(tmp_path) -> None:
    parsed = samhsa.parse_otp_directory(
        write(tmp_path, [otp_row(), otp_row(Certification="Revoked")])
    )

    assert parsed.errors == ["line 3: certification 'Revoked' is not Certified/Provisional"]
    assert len(parsed.records) == 1


def test_an_otp_file_missing_a_column_says_which(tmp_path) -> None:
    row = otp_row()
    del row["Certification"]

    with pytest.raises(ImportFileError, match="missing the column\\(s\\) Certification"):
        samhsa.parse_otp_directory(write(tmp_path, [row]))


def test_the_same_program_keeps_the_same_key_from_one_export_to_the_next(tmp_path) -> None:
    first = samhsa.parse_otp_directory(write(tmp_path, [otp_row()], "a.csv")).records[0]
    again = samhsa.parse_otp_directory(write(tmp_path, [otp_row(Phone="434-555-0199")], "b.csv"))

    assert first.source_id == again.records[0].source_id


# --- the MOUD list ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("category", "attribute"),
    [
        ("buprenorphine", "medication:buprenorphine"),
        ("Methadone", "medication:methadone"),
        ("naltrexone/vivitrol", "medication:naltrexone"),
    ],
)
def test_each_moud_category_is_its_medication(tmp_path, category, attribute) -> None:
    record = samhsa.parse_moud(write(tmp_path, [moud_row(category=category)])).records[0]

    assert record.attributes == {attribute}
    assert record.describes == set()


def test_an_unknown_moud_category_refuses_the_row(tmp_path) -> None:
    parsed = samhsa.parse_moud(write(tmp_path, [moud_row(category="kratom")]))

    assert parsed.errors == ["line 2: unknown medication category 'kratom'"]


def test_one_provider_s_rows_share_one_key_so_the_import_folds_them(tmp_path) -> None:
    rows = [moud_row(), moud_row(category="naltrexone/vivitrol")]

    records = samhsa.parse_moud(write(tmp_path, rows)).records

    assert records[0].source_id == records[1].source_id
    assert records[0].county == "Galax"


def test_a_moud_zip_code_a_spreadsheet_shortened_gets_its_zero_back(tmp_path) -> None:
    record = samhsa.parse_moud(write(tmp_path, [moud_row(zip="2703")])).records[0]

    assert record.postal_code == "02703"


# --- the national facility list --------------------------------------------------------------


def test_a_facility_list_row_is_substance_use_care_at_its_own_point(tmp_path) -> None:
    row = {"name1": "Hope House", "street1": "9 Oak Lane", "city": "Richmond", "state": "va",
           "zip": "23219", "latitude": "37.54", "longitude": "-77.44",
           "county": "Richmond"}  # fmt: skip

    record = samhsa.parse_facility_list(write(tmp_path, [row])).records[0]

    assert record.attributes == {"care:substance_use"}
    assert (record.state, record.latitude, record.county) == ("VA", 37.54, "Richmond")
    assert record.last_verified == samhsa.FACILITY_LIST_DATE


def test_a_facility_list_row_without_a_place_on_the_map_is_refused(tmp_path) -> None:
    row = {"name1": "Hope House", "street1": "9 Oak Lane", "city": "Richmond", "state": "VA",
           "zip": "23219", "latitude": "", "longitude": ""}  # fmt: skip

    parsed = samhsa.parse_facility_list(write(tmp_path, [row]))

    assert parsed.errors == ["line 2: latitude '' is not a number"]


# --- the 2024 directory ----------------------------------------------------------------------


def test_the_2024_directory_s_rows_are_dated_by_survey_year_and_describe_everything() -> None:
    parsed = samhsa.parse_directory_2024(
        Path(__file__).resolve().parent / "data" / "directory_2024_sample.csv"
    )

    assert parsed.records
    assert all(
        r.year_only and r.last_verified == samhsa.DIRECTORY_2024_DATE for r in parsed.records
    )
    assert all("setting" in r.describes and "otp" in r.describes for r in parsed.records)
    assert all("*" not in str(r.other_services) for r in parsed.records)
