"""The rules every facility import shares, written down: how names and addresses are
compared, how ZIP codes, coordinates, websites and phone numbers are read, and which rows are
refused with which reason. Each importer relies on these; a change here changes what every
source's rows become."""

import datetime as dt
import re
from pathlib import Path

import pytest

from recoverynav.directory import phones
from recoverynav.directory.importers.base import (
    ImportFileError,
    Record,
    check_record,
    clean,
    coordinate,
    postal_code,
    undisclosed,
    website,
)
from recoverynav.directory.importers.files import read_csv, read_json, require_columns
from recoverynav.directory.importers.keys import (
    house_number,
    match_key,
    name_words,
    names_agree,
    normalise,
    phone_key,
    street_key,
)

DAY = dt.date(2026, 11, 1)


def record(**overrides) -> Record:
    values = {
        "source_id": "1",
        "organization": "",
        "name": "Blue Ridge Recovery",
        "latitude": 38.03,
        "longitude": -78.48,
        "last_verified": DAY,
        "address_1": "100 Main Street",
        "state": "VA",
        "postal_code": "22902",
    }
    return Record(**(values | overrides))


# --- names -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "normal"),
    [
        ("Blue Ridge Center, Inc.", "blue ridge ctr inc"),
        ("100 North Main Street, Suite 4", "100 n main st ste 4"),
        ("Mind & Body", "mind & body"),
        ("Mind and Body", "mind & body"),
        ("  EAST   Parkway  ", "e pkwy"),
        ("", ""),
    ],
)
def test_names_and_streets_are_compared_with_one_spelling_of_common_words(written, normal) -> None:
    assert normalise(written) == normal


def test_the_match_key_joins_name_street_and_the_five_digit_zip() -> None:
    key = match_key(name="Blue Ridge Center", address="100 Main Street", postal_code="22902-1234")

    assert key == "blue ridge ctr|100 main st|22902"
    assert key == match_key(name="BLUE RIDGE CENTRE", address="100 main st.", postal_code="22902")


def test_legal_words_and_the_leading_the_do_not_tell_two_names_apart() -> None:
    assert name_words("The Premier Care of Ohio, LLC") == ["premier", "care", "of", "ohio"]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Premier Care of Ohio LLC", "Premier Care of Ohio Inc"),
        ("Recovery and Prev Resources of", "Recovery and Prevention Resources of Ohio"),
        ("Integral Care", "Austin Travis County Integral Care"),
        ("The Healing Place", "healing place"),
    ],
)
def test_two_ways_of_writing_one_name_agree(first: str, second: str) -> None:
    assert names_agree(first, second)
    assert names_agree(second, first)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Care", "Integral Care"),  # one word inside another name is too little
        ("Blue Ridge Recovery", "Red Hill Recovery"),
        ("", "Blue Ridge Recovery"),
        ("LLC", "Inc"),
    ],
)
def test_different_names_do_not_agree(first: str, second: str) -> None:
    assert not names_agree(first, second)


# --- addresses -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "key"),
    [
        ("1631-A East Second Street, Building A", "1631 e 2nd st"),
        ("1631 E. 2nd St.", "1631 e 2nd st"),
        ("11301 Wilshire Blvd., Building 257, Basement", "11301 wilshire blvd"),
        ("Medical Arts Building, 200 Oak Avenue", "200 oak ave"),
        ("908A Northeast Fifth Street", "908 ne 5th st"),
        ("12 N.E. Main St # 4", "12 ne main st"),
        ("300 Park Lane, 4th Floor", "300 park ln"),
        ("- - -", ""),
    ],
)
def test_the_street_key_names_the_building_not_the_suite_or_the_door(address, key) -> None:
    assert street_key(address) == key


@pytest.mark.parametrize(
    ("address", "number"),
    [
        ("1631-A East Second Street", "1631"),
        ("91-5007 Kapolei Parkway", "91-5007"),
        ("37-06 80th Street", "37-06"),
        ("24-26 Elm Street", "24"),
        ("8730-1 Main Street", "8730"),
        ("Rural Route 2", ""),
        ("", ""),
    ],
)
def test_the_house_number_keeps_hawaii_and_queens_numbers_whole(address, number) -> None:
    assert house_number(address) == number


@pytest.mark.parametrize("address", ["- - -", "---", "  -  ", ""])
def test_an_address_samhsa_does_not_publish_is_no_address(address: str) -> None:
    assert undisclosed(address) == ""


def test_a_real_address_is_kept_as_written_but_trimmed() -> None:
    assert undisclosed("  100 Main St  ") == "100 Main St"


# --- values ----------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [None, "", "  ", "NA", "null", "None"])
def test_the_words_sources_use_for_nothing_are_read_as_nothing(value) -> None:
    assert clean(value) == ""


def test_a_number_is_read_as_its_text() -> None:
    assert clean(22902) == "22902"


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("2703", "02703"),
        ("2703.0", "02703"),
        ("02703-1234", "02703"),
        ("027031234", "02703"),
        (601, "00601"),
        ("K1A 0B1", "K1A 0B1"),
        ("", ""),
    ],
)
def test_zip_codes_get_their_leading_zeros_back_and_lose_their_plus_four(written, kept) -> None:
    assert postal_code(written) == kept


@pytest.mark.parametrize("written", ["1234567890", "--"])
def test_a_number_that_cannot_be_a_zip_code_is_refused_with_it_quoted(written: str) -> None:
    with pytest.raises(ValueError, match="is not a US ZIP code"):
        postal_code(written)


def test_a_coordinate_out_of_range_or_not_a_number_says_which_and_why() -> None:
    assert coordinate(" 38.03 ", low=-90, high=90, label="latitude") == 38.03
    with pytest.raises(ValueError, match=r"latitude 91\.0 is out of range"):
        coordinate("91", low=-90, high=90, label="latitude")
    with pytest.raises(ValueError, match="longitude 'west' is not a number"):
        coordinate("west", low=-180, high=180, label="longitude")
    with pytest.raises(ValueError, match="is not a number"):
        coordinate("NA", low=-180, high=180, label="longitude")


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("www.example.org", "http://www.example.org"),
        ("https://example.org/help", "https://example.org/help"),
        ("HTTP://EXAMPLE.ORG", "HTTP://EXAMPLE.ORG"),
        ("NA", ""),
        ("http://example.org/" + "x" * 500, ""),
    ],
)
def test_a_website_gets_a_scheme_and_an_overlong_one_is_dropped(written, kept) -> None:
    assert website(written) == kept


# --- phone numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "shown", "dialled"),
    [
        ("614-224-4506 x197", "(614) 224-4506 ext. 197", "tel:+16142244506"),
        ("(614)224-4506x197", "(614) 224-4506 ext. 197", "tel:+16142244506"),
        ("(614) 224.4506", "(614) 224-4506", "tel:+16142244506"),
        ("1-800-662-HELP", "(800) 662-HELP", "tel:+18006624357"),
        ("+1 614 224 4506", "(614) 224-4506", "tel:+16142244506"),
        ("614-224-4506 ext. 0", "(614) 224-4506", "tel:+16142244506"),
        ("988", "988", "tel:988"),
        ("+44 300 123 6600", "+44 300 123 6600", "tel:+443001236600"),
        ("call us", "call us", ""),
    ],
)
def test_phone_numbers_are_shown_one_way_and_dialled_without_the_extension(
    written: str, shown: str, dialled: str
) -> None:
    assert phones.display(written) == shown
    assert phones.tel_uri(written) == dialled


def test_two_listings_share_a_number_only_when_its_ten_digits_agree() -> None:
    assert phone_key("(614) 224-4506 ext. 197") == phone_key("614.224.4506") == "6142244506"
    assert phone_key("988") == ""
    assert phone_key("+44 300 123 6600") == ""


# --- rows refused ----------------------------------------------------------------------------


def test_a_usable_row_is_tidied_for_showing() -> None:
    row = record(phone="434 555 0100", postal_code="2902", address_2="---", organization="")

    check_record(row)

    assert (row.phone, row.postal_code, row.address_2) == ("(434) 555-0100", "02902", "")
    assert row.organization == "Blue Ridge Recovery"


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"name": ""}, "the facility has no name"),
        ({"state": "Virginia"}, "state is longer than 2 characters"),
        ({"state": "V1"}, "state 'V1' is not a two-letter code"),
        ({"state": "va"}, "state 'va' is not a two-letter code"),
        ({"attributes": {"setting:spa"}}, "unknown attributes ['setting:spa']"),
        ({"attributes": {"colour:blue"}}, "unknown attributes ['colour:blue']"),
        ({"postal_code": "1234567890"}, "is not a US ZIP code"),
        ({"name": "x" * 1000}, "name is longer than"),
    ],
)
def test_a_row_a_person_could_not_use_is_refused_with_its_reason(overrides, reason) -> None:
    with pytest.raises(ValueError, match=re.escape(reason)):
        check_record(record(**overrides))


def test_the_otp_certification_and_known_values_are_accepted() -> None:
    row = record(attributes={"otp", "setting:outpatient", "medication:methadone"})

    check_record(row)

    assert row.attributes == {"otp", "setting:outpatient", "medication:methadone"}


def test_a_second_row_about_a_place_fills_its_gaps_and_adds_its_services() -> None:
    first = record(approximate=True, attributes={"setting:outpatient"}, phone="")
    second = record(
        latitude=38.04,
        longitude=-78.49,
        phone="(434) 555-0199",
        attributes={"medication:methadone"},
        other_languages=["Tagalog"],
        last_verified=DAY + dt.timedelta(days=3),
    )

    first.absorb(second)

    assert first.attributes == {"setting:outpatient", "medication:methadone"}
    assert (first.phone, first.other_languages) == ("(434) 555-0199", ["Tagalog"])
    assert (first.latitude, first.approximate) == (38.04, False)
    assert first.last_verified == DAY + dt.timedelta(days=3)


def test_equal_records_have_equal_fingerprints_and_any_change_changes_it() -> None:
    assert record().fingerprint() == record().fingerprint()
    assert record().fingerprint() != record(phone="(434) 555-0100").fingerprint()
    assert record(attributes={"a", "b"}).data()["attributes"] == ["a", "b"]


# --- files -----------------------------------------------------------------------------------


def test_read_csv_numbers_each_row_by_its_first_line_even_after_a_multi_line_value(
    tmp_path: Path,
) -> None:
    path = tmp_path / "list.csv"
    path.write_text('name,notes\nFirst,"two\nlines"\nSecond,plain\n', encoding="utf-8")

    rows = read_csv(path)

    assert [(line, row["name"]) for line, row in rows] == [(2, "First"), (4, "Second")]


def test_read_csv_drops_a_byte_order_mark_from_the_first_column(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("\ufeffname,city\nA,B\n".encode())

    assert read_csv(path)[0][1] == {"name": "A", "city": "B"}


def test_an_empty_csv_file_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text("", encoding="utf-8")

    with pytest.raises(ImportFileError, match=r"empty\.csv is empty"):
        read_csv(path)


def test_a_broken_gzip_file_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "list.csv.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00broken")

    with pytest.raises(ImportFileError, match=r"Cannot open list\.csv\.gz"):
        read_csv(path)


def test_a_file_of_the_wrong_format_names_the_columns_it_lacks(tmp_path: Path) -> None:
    with pytest.raises(
        ImportFileError, match="missing the column\\(s\\) lat, lon: is it the right"
    ):
        require_columns(tmp_path / "x.csv", {"name": "A"}, {"name", "lat", "lon"})


def test_a_json_file_that_is_not_json_is_refused_with_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "locator.json"
    path.write_text("{not json", encoding="utf-8")

    with pytest.raises(ImportFileError, match=r"locator\.json is not valid JSON"):
        read_json(path)
    with pytest.raises(ImportFileError, match=r"Cannot open gone\.json"):
        read_json(tmp_path / "gone.json")
