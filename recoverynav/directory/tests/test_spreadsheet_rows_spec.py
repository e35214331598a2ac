"""A county's own spreadsheet, row by row: what each cell becomes, and the reason a row is
refused. (The command around it is specified in test_importers.)"""

import csv
import datetime as dt
from pathlib import Path

import pytest

from recoverynav.directory.importers.base import ImportFileError
from recoverynav.directory.importers.generic_csv import parse_columns, parse_generic_csv

DAY = dt.date(2026, 11, 1)
HEADER = ["ID", "Name", "Street", "Zip", "Lat", "Lng", "Settings", "Lang", "OTP", "Date", "ST"]
MAPPING = [
    "source_id=ID",
    "name=Name",
    "address_1=Street",
    "postal_code=Zip",
    "latitude=Lat",
    "longitude=Lng",
    "care_settings=Settings",
    "languages=Lang",
    "otp=OTP",
    "last_verified=Date",
    "state=ST",
]


def row(**cells) -> dict:
    values = {
        "ID": "1",
        "Name": "Blue Ridge Recovery",
        "Street": "100 Main Street",
        "Zip": "22902",
        "Lat": "38.03",
        "Lng": "-78.48",
        "Settings": "",
        "Lang": "",
        "OTP": "",
        "Date": "2026-10-01",
        "ST": "va",
    }
    return values | cells


def parse(tmp_path: Path, *rows: dict, mapping=MAPPING, **options):
    path = tmp_path / "county.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADER)
        writer.writeheader()
        writer.writerows(rows)
    return parse_generic_csv(path, columns=parse_columns(mapping, **options), verified=DAY)


def test_settings_may_be_written_as_our_codes_their_labels_or_with_spaces(tmp_path) -> None:
    parsed = parse(tmp_path, row(Settings="outpatient; Intensive outpatient;partial hospital"))

    assert parsed.errors == []
    assert parsed.records[0].attributes == {
        "setting:outpatient",
        "setting:intensive_outpatient",
        "setting:partial_hospital",
    }


def test_a_setting_we_have_no_word_for_is_kept_as_another_service(tmp_path) -> None:
    record = parse(tmp_path, row(Settings="Outpatient;Equine therapy")).records[0]

    assert record.attributes == {"setting:outpatient"}
    assert record.other_services == [["Setting", "Equine therapy"]]


def test_a_language_we_have_no_word_for_is_named_as_another_language(tmp_path) -> None:
    record = parse(tmp_path, row(Lang="Spanish;Tagalog")).records[0]

    assert record.attributes == {"language:spanish", "language:other"}
    assert record.other_languages == ["Tagalog"]


@pytest.mark.parametrize("written", ["yes", "Y", "x", "TRUE", "1", "sí", "si"])
def test_the_otp_column_reads_every_usual_way_of_saying_yes(tmp_path, written: str) -> None:
    assert "otp" in parse(tmp_path, row(OTP=written)).records[0].attributes


@pytest.mark.parametrize("written", ["no", "", "0", "maybe"])
def test_anything_else_in_the_otp_column_is_no(tmp_path, written: str) -> None:
    assert "otp" not in parse(tmp_path, row(OTP=written)).records[0].attributes


def test_a_mapped_column_lists_its_group_in_full(tmp_path) -> None:
    record = parse(tmp_path, row()).records[0]

    assert {"setting", "language", "otp"} <= record.describes


def test_the_state_is_read_in_capitals(tmp_path) -> None:
    assert parse(tmp_path, row(ST="va")).records[0].state == "VA"


def test_a_row_without_a_date_is_stamped_with_the_run_s_date_and_the_run_says_so(tmp_path):
    parsed = parse(tmp_path, row(Date=""), row(ID="2", Date=""))

    assert {record.last_verified for record in parsed.records} == {DAY}
    assert parsed.notes == ["2 rows had no date: their information is stamped as of 2026-11-01."]


@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        ({"ID": ""}, "line 2: the row has no id"),
        ({"Name": ""}, "line 2: the facility has no name"),
        ({"Lat": "north"}, "line 2: latitude 'north' is not a number"),
        ({"Lng": "-200"}, "line 2: longitude -200.0 is out of range"),
        ({"Date": "11/01/2026"}, "line 2: last_verified '11/01/2026' is not a date like"),
        ({"Zip": "1234567890"}, "is not a US ZIP code"),
        ({"ST": "Virginia"}, "line 2: state is longer than 2 characters"),
    ],
)
def test_each_unusable_row_is_refused_with_its_line_and_reason(tmp_path, cells, reason) -> None:
    parsed = parse(tmp_path, row(**cells), row(ID="other"))

    assert len(parsed.errors) == 1
    assert reason in parsed.errors[0]
    assert [record.source_id for record in parsed.records] == ["other"]


def test_a_refused_row_s_id_is_remembered_so_a_removal_never_takes_its_listing(tmp_path):
    parsed = parse(tmp_path, row(ID="7", Name=""))

    assert parsed.rejected_ids == {"7"}


def test_a_repeated_id_names_the_line_that_had_it_first(tmp_path) -> None:
    parsed = parse(tmp_path, row(), row(Name="Another"))

    assert parsed.errors == [
        "line 3: its id '1' is already the id of line 2 (each row needs its own id; "
        "--id-from can build one from several columns)"
    ]


def test_an_id_built_from_several_columns_joins_the_filled_ones(tmp_path) -> None:
    mapping = [m for m in MAPPING if not m.startswith("source_id")]

    parsed = parse(tmp_path, row(ID=""), row(Zip="22903"), mapping=mapping, id_from=["ID", "Zip"])

    assert [r.source_id for r in parsed.records] == ["22902", "1 / 22903"]


def test_a_mapping_to_a_column_the_sheet_lacks_lists_the_columns_it_has(tmp_path) -> None:
    with pytest.raises(ImportFileError, match="has no column\\(s\\) Phone; its columns are: ID"):
        parse(tmp_path, row(), mapping=[*MAPPING, "phone=Phone"])


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"constants": ["otp=yes"], "full_constants": ["otp=yes"]}, "either --set"),
        ({"full_constants": ["name=Clinic"]}, "use --set for name"),
        ({"constants": ["otp"]}, "--set 'otp' should look like field=value"),
        ({"constants": ["otp= "]}, "should look like field=value"),
    ],
)
def test_a_constant_that_cannot_work_is_explained(options: dict, message: str) -> None:
    with pytest.raises(ImportFileError, match=message):
        parse_columns(MAPPING, **options)


def test_a_full_constant_lists_its_group_in_full_and_a_plain_one_only_adds(tmp_path) -> None:
    mapping = [m for m in MAPPING if not m.startswith(("otp", "care_settings"))]

    added = parse(tmp_path, row(), mapping=mapping, constants=["care_settings=outpatient"])
    full = parse(tmp_path, row(), mapping=mapping, full_constants=["care_settings=outpatient"])

    assert "setting" not in added.records[0].describes
    assert "setting" in full.records[0].describes
    assert added.records[0].attributes == full.records[0].attributes == {"setting:outpatient"}
