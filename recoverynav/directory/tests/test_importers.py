"""Every import format: real samples, malformed rows, dry runs, idempotent re-imports."""

import datetime as dt
import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from recoverynav.directory import vocabulary
from recoverynav.directory.importers import samhsa, samhsa_codes
from recoverynav.directory.importers.base import postal_code
from recoverynav.directory.importers.files import read_csv
from recoverynav.directory.merging import PlaceIndex, PlaceKeys
from recoverynav.directory.models import Facility, ImportRun, SourceRecord

DATA = Path(__file__).resolve().parent / "data"
APP_DATA = Path(samhsa.DATA_DIR)


def run(command: str, *args: str) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out, stderr=out)
    return out.getvalue()


def snapshot() -> list[tuple]:
    return list(
        Facility.objects.order_by("pk").values_list(
            "pk", "name", "phone", "care_settings", "medications", "payments", "last_verified"
        )
    )


def last_run() -> ImportRun:
    return ImportRun.objects.order_by("-pk").first()


@pytest.mark.django_db
def test_it_imports_locator_pages_and_maps_their_services() -> None:
    run("import_samhsa_locator", str(DATA / "locator_sample.json"))

    facility = Facility.objects.get(alternate_name="Mohr Center")
    assert facility.phone == "(434) 979-8871"
    assert facility.intake_phone == "(434) 972-1800"
    assert facility.website == "http://www.regionten.org"
    assert "residential_short" in vocabulary.SETTING.decode(facility.care_settings)
    assert set(vocabulary.PAYMENT.decode(facility.payments)) >= {
        "medicaid",
        "private_insurance",
        "self_pay",
        "sliding_fee",
    }
    assert ["Treatment Approaches", "Motivational interviewing"] in facility.other_services
    assert facility.source == "samhsa-locator"
    assert str(facility.last_verified) == "2019-06-18"  # the page's date, not the import's
    assert facility.source_id.startswith("811a908f")


@pytest.mark.django_db
def test_it_keeps_locator_values_it_has_no_column_for() -> None:
    run("import_samhsa_locator", str(DATA / "locator_sample.json"))

    kept = {tuple(item) for f in Facility.objects.all() for item in f.other_services}
    # A name SAMHSA's reference knows is kept under its official category...
    assert (
        "Facility Operation (e.g., Private, Public)",
        "Local, county, or community government",
    ) in kept
    # ...and a name it no longer uses under the locator's own.
    assert ("Ancillary Services", "Chronic disease/illness management") in kept


@pytest.mark.django_db
def test_it_rejects_a_bad_row_with_a_clear_reason_and_imports_the_rest() -> None:
    output = run("import_samhsa_locator", str(DATA / "locator_sample.json"))

    imported = last_run()
    assert imported.rejected == 1
    assert imported.errors == ["page 1 row 5: latitude 999.0 is out of range"]
    assert "rejected: page 1 row 5: latitude 999.0 is out of range" in output
    assert SourceRecord.objects.filter(source="samhsa-locator").count() == 4


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("command", "sample"),
    [
        ("import_samhsa_locator", "locator_sample.json"),
        ("import_samhsa_keys", "methadone_keys_sample.csv"),
        ("import_samhsa_facilities", "sut_sample.csv"),
        ("import_moud_providers", "moud_sample.csv"),
    ],
)
def test_it_changes_nothing_when_the_same_file_is_imported_again(command: str, sample: str) -> None:
    run(command, str(DATA / sample))
    before = snapshot()

    run(command, str(DATA / sample))

    assert snapshot() == before
    second = last_run()
    assert (second.created, second.merged, second.updated, second.removed) == (0, 0, 0, 0)
    assert second.unchanged > 0


@pytest.mark.django_db
def test_a_dry_run_reports_the_changes_but_saves_none() -> None:
    output = run("import_samhsa_keys", str(DATA / "methadone_keys_sample.csv"), "--dry-run")

    assert not Facility.objects.exists()
    assert "Dry run, nothing saved: would have created 4" in output
    assert last_run().dry_run


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("command", "content", "reason"),
    [
        ("import_samhsa_locator", b"{not json", "not valid JSON"),
        ("import_samhsa_locator", b'{"page": 1}', "no 'rows' list"),
        ("import_samhsa_keys", b"\xff\xfe\x00garbage", "not a readable utf-8 CSV"),
        ("import_samhsa_facilities", b"a,b\n1,2\n", "missing the column(s)"),
        ("import_moud_providers", b"", "is empty"),
    ],
)
def test_an_unreadable_file_changes_nothing_and_says_why(
    tmp_path: Path, command: str, content: bytes, reason: str
) -> None:
    run("import_samhsa_keys", str(DATA / "methadone_keys_sample.csv"))
    before = snapshot()
    bad = tmp_path / "bad.file"
    bad.write_bytes(content)

    with pytest.raises(CommandError, match="Nothing was changed") as error:
        run(command, str(bad))

    assert reason in str(error.value)
    assert snapshot() == before
    assert last_run().succeeded is False


@pytest.mark.django_db
def test_a_missing_file_is_a_command_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Cannot open"):
        run("import_samhsa_facilities", str(tmp_path / "absent.csv"))


@pytest.mark.django_db
def test_the_national_list_folds_repeated_rows_into_one_place() -> None:
    run("import_samhsa_facilities", str(DATA / "sut_sample.csv"))

    imported = last_run()
    assert imported.created == 7  # 10 rows: one repeated, two malformed
    assert imported.rejected == 2
    assert any("latitude 'not-a-number' is not a number" in e for e in imported.errors)
    assert any("the facility has no name" in e for e in imported.errors)


@pytest.mark.django_db
def test_moud_rows_add_medications_to_the_matching_facility_instead_of_duplicating_it() -> None:
    run("import_samhsa_facilities", str(DATA / "sut_sample.csv"))
    galax_before = Facility.objects.get(name="Galax Treatment Center Inc")
    count_before = Facility.objects.count()

    run("import_moud_providers", str(DATA / "moud_sample.csv"))

    galax = Facility.objects.get(name="Galax Treatment Center Inc")
    assert galax.pk == galax_before.pk
    assert set(vocabulary.MEDICATION.decode(galax.medications)) == {
        "buprenorphine",
        "methadone",
        "naltrexone",
    }
    assert galax.records.count() == 2  # the list's record and the MOUD record
    moud = last_run()
    # Galax, Roanoke, Region Ten's Preston Avenue site, and Mountainside in Canaan, CT
    # (its ZIP code written "6018" in both lists).
    assert moud.merged == 2 + 1 + 1
    assert Facility.objects.count() == count_before + 1  # only Addiction Allies was new
    assert moud.rejected == 1
    assert "unknown medication category 'aspirin'" in moud.errors[0]


@pytest.mark.django_db
def test_service_keys_become_attributes() -> None:
    run("import_samhsa_keys", str(DATA / "methadone_keys_sample.csv"))

    facility = Facility.objects.get(name="Fairfax Methadone Treatment Center")
    assert facility.is_otp
    assert "methadone" in vocabulary.MEDICATION.decode(facility.medications)
    assert facility.phone
    assert last_run().rejected == 1


@pytest.mark.parametrize(
    ("file_name", "codes_of"),
    [
        (
            "methadone_facilities_2017_with_service_keys.csv",
            lambda row: row["Keys"].split("/"),
        ),
        (
            "samhsa_su_facilities_2024.csv.gz",
            lambda row: row["service_code_info"].replace("*", " ").split(),
        ),
    ],
)
def test_every_code_in_the_bundled_directories_has_an_official_or_earlier_meaning(
    file_name: str, codes_of
) -> None:
    rows = read_csv(APP_DATA / file_name)
    used = {code for _line, row in rows for code in codes_of(row) if code}

    assert used - set(samhsa_codes.codes()) == set()


def test_every_code_our_vocabulary_maps_is_a_code_samhsa_defines() -> None:
    assert set(samhsa_codes.ATTRIBUTES) - set(samhsa_codes.codes()) == set()
    for code, tokens in samhsa_codes.ATTRIBUTES.items():
        for token in tokens:
            group, _, value = token.partition(":")
            assert token == vocabulary.OTP or value in vocabulary.GROUPS[group].values, code


def test_bc_means_beds_for_clients_children_not_buprenorphine() -> None:
    bc = samhsa_codes.service_code("BC")

    assert bc.name == "Residential beds for clients' children"
    assert bc.attributes == ()


def test_the_numbered_language_codes_are_the_languages_they_name() -> None:
    assert samhsa_codes.service_code("F47").name == "Korean"
    assert samhsa_codes.service_code("F17").name == "Any Chinese Language"
    assert samhsa_codes.service_code("F47").is_language
    # The 2017 directory numbered some languages without naming them: no code is shown.
    assert samhsa_codes.service_code("F10").name == "Another language"


@pytest.mark.django_db
def test_remove_missing_drops_records_the_file_no_longer_lists(tmp_path: Path) -> None:
    run("import_samhsa_keys", str(DATA / "methadone_keys_sample.csv"))
    shorter = tmp_path / "shorter.csv"
    lines = (DATA / "methadone_keys_sample.csv").read_text().splitlines(keepends=True)
    shorter.write_text("".join(lines[:3]))  # header + two facilities

    run("import_samhsa_keys", str(shorter), "--remove-missing")

    assert last_run().removed == 2
    assert Facility.objects.count() == 2


@pytest.mark.django_db
def test_remove_missing_refuses_to_remove_more_than_half_of_a_source_unless_forced(
    tmp_path: Path,
) -> None:
    run("import_samhsa_keys", str(DATA / "methadone_keys_sample.csv"))
    before = snapshot()
    lines = (DATA / "methadone_keys_sample.csv").read_text().splitlines(keepends=True)
    shortest = tmp_path / "shortest.csv"
    shortest.write_text("".join(lines[:2]))  # header + one of four facilities

    with pytest.raises(CommandError, match="would remove 3 of the 4 records"):
        run("import_samhsa_keys", str(shortest), "--remove-missing")
    assert snapshot() == before
    assert last_run().succeeded is False

    run("import_samhsa_keys", str(shortest), "--remove-missing", "--force")
    assert Facility.objects.count() == 1


@pytest.mark.django_db
def test_a_facility_another_source_also_lists_survives_when_one_source_drops_it(
    tmp_path: Path,
) -> None:
    run("import_samhsa_facilities", str(DATA / "sut_sample.csv"))
    run("import_moud_providers", str(DATA / "moud_sample.csv"))
    header = (DATA / "moud_sample.csv").read_text().splitlines()[0]
    empty_list = tmp_path / "moud.csv"
    empty_list.write_text(header + "\n")

    run("import_moud_providers", str(empty_list), "--remove-missing", "--force")

    galax = Facility.objects.get(name="Galax Treatment Center Inc")
    assert galax.medications == 0
    assert not Facility.objects.filter(name="Addiction Allies LLC", postal_code="22901").exists()


@pytest.mark.django_db
def test_the_generic_csv_import_follows_the_column_mapping(gazetteer) -> None:
    output = run(
        "import_facilities_csv",
        str(DATA / "county_spreadsheet.csv"),
        "--source=county",
        *[
            f"--map={pair}"
            for pair in [
                "source_id=Program ID",
                "organization=Agency",
                "name=Agency",
                "alternate_name=Program",
                "address_1=Street",
                "city=City",
                "state=ST",
                "postal_code=Zip",
                "latitude=Lat",
                "longitude=Lng",
                "phone=Main phone",
                "website=Web",
                "care_settings=Settings offered",
                "medications=Meds",
                "payments=Insurance",
                "languages=Lang",
                "otp=Methadone clinic",
                "last_verified=Checked on",
            ]
        ],
    )

    allies = Facility.objects.get(source_id="CVL-001")
    assert vocabulary.SETTING.decode(allies.care_settings) == ["outpatient", "intensive_outpatient"]
    assert vocabulary.PAYMENT.decode(allies.payments) == ["medicaid", "self_pay"]
    assert allies.other_languages == ["Arabic"]
    assert allies.website == "http://addictionallies.example.org"
    assert not allies.is_otp
    house = Facility.objects.get(source_id="CVL-002")  # no coordinates: placed at its ZIP
    assert house.latitude == pytest.approx(38.03, abs=0.05)
    assert vocabulary.PAYMENT.decode(house.payments) == ["sliding_fee"]
    assert "line 4: no coordinates, and the ZIP code is not one we know" in output
    assert "line 5: last_verified 'last Tuesday' is not a date" in output


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        (["name=Agency"], "The mapping needs source_id"),
        (["source_id=Program ID"], "The mapping needs name"),
        (["source_id=Program ID", "name=Agency", "colour=Lang"], "Unknown field(s) colour"),
        (["source_id=Program ID", "name=Agency Name"], "has no column(s) Agency Name"),
        (["source_id", "name=Agency"], "should look like field=value"),
    ],
)
def test_a_wrong_column_mapping_is_explained(mapping: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=re.escape(message)):
        run(
            "import_facilities_csv",
            str(DATA / "county_spreadsheet.csv"),
            "--source=county",
            *[f"--map={m}" for m in mapping],
        )
    assert not Facility.objects.exists()


@pytest.mark.django_db
def test_the_hsds_tabular_package_is_imported_and_its_bad_location_rejected() -> None:
    run("import_hsds_tabular", str(DATA / "hsds_tabular"))

    facility = Facility.objects.get()
    assert facility.name == "Region Ten Community Services Board"
    assert facility.phone == "(434) 972-1800"
    assert vocabulary.SETTING.decode(facility.care_settings) == ["outpatient"]
    assert vocabulary.PAYMENT.decode(facility.payments) == ["medicaid"]
    assert vocabulary.LANGUAGE.decode(facility.languages) == ["spanish", "other"]
    assert facility.other_languages == ["Vietnamese"]
    assert ["example-taxonomy", "Peer support"] in facility.other_services
    assert str(facility.last_verified) == "2019-06-18"
    assert last_run().errors == [
        "service 2 (ac148810-d857-441c-9679-408f346de14b): latitude 100.0 is out of range"
    ]


@pytest.mark.django_db
def test_the_hsds_tabular_import_is_idempotent(tmp_path: Path) -> None:
    folder = tmp_path / "package"
    shutil.copytree(DATA / "hsds_tabular", folder)
    run("import_hsds_tabular", str(folder))
    before = snapshot()

    run("import_hsds_tabular", str(folder))

    assert snapshot() == before
    assert last_run().unchanged == 1


@pytest.mark.django_db
def test_a_folder_without_services_is_not_an_hsds_package(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"no services\.csv"):
        run("import_hsds_tabular", str(tmp_path))


@pytest.mark.parametrize(
    ("contact", "expected"),
    [
        ("(205)216-0200", ("(205)216-0200", "")),
        ("(907)452-4222x115 Intake: (907)452-4222x114", ("(907)452-4222x115", "(907)452-4222x114")),
        (
            "(602)258-6797 Intakes: (602)523-9312 (602)258-6797x931",
            ("(602)258-6797", "(602)523-9312"),
        ),
    ],
)
def test_the_directory_contact_column_splits_into_main_and_intake_numbers(
    contact, expected
) -> None:
    assert samhsa.split_contact(contact) == expected


@pytest.mark.django_db
def test_a_value_too_long_for_its_column_is_a_row_error_not_a_failed_import(tmp_path: Path) -> None:
    rows = (DATA / "sut_sample.csv").read_text().splitlines()
    long_city = rows[1].replace("Charlottesville", "C" * 200)
    sample = tmp_path / "long.csv"
    sample.write_text("\n".join([rows[0], long_city, rows[5]]) + "\n")

    run("import_samhsa_facilities", str(sample))

    assert last_run().errors == ["line 2: city is longer than 120 characters"]
    assert Facility.objects.count() == 1


def keys(name: str, address: str, phone: str = "", source: str = "a") -> PlaceKeys:
    return PlaceKeys.of(
        name=name, address=address, postal_code="22903", phone=phone, sources=[source]
    )


@pytest.mark.parametrize(
    ("known", "incoming", "same"),
    [
        (keys("Region Ten", "800 Preston Ave"), keys("Region Ten", "800 Preston Avenue"), True),
        (  # one name extends the other
            keys("Addiction Recovery Systems LLC", "103 S Pantops Dr"),
            keys("Addiction Recovery Systems LLC (ARS)/Pantops Clinic", "103 South Pantops Drive"),
            True,
        ),
        (  # LLC or Inc
            keys("Premier Care of Ohio LLC", "1380 Dublin Rd"),
            keys("Premier Care of Ohio, Inc.", "1380 Dublin Road"),
            True,
        ),
        (  # inside the other
            keys("Integral Care", "1165 Airport Blvd", "512-804-3463"),
            keys("Austin Travis County Integral Care", "1165 Airport Boulevard", "", "b"),
            True,
        ),
        (  # cut short in an old file
            keys("Recovery and Prev Resources of", "118 Stover Dr"),
            keys("Recovery and Prevention Resources of Delaware", "118 Stover Drive", "", "b"),
            True,
        ),
        (  # the suite is not the building
            keys("Serenity Health LLC", "780 W. Bel Air Ave Suite B", "(410) 273-1030"),
            keys("Serenity Health", "780 West Bel Air Avenue", "410-273-1030", "b"),
            True,
        ),
        (  # one building, one number: one place whatever the names
            keys("Grasshopper House LLC", "6428 Meadows Ct", "310-589-2880"),
            keys("Passages Malibu", "6428 Meadows Court", "(310) 589-2880"),
            True,
        ),
        (  # two programs under one roof, each with its own line in one source
            keys("Integral Care", "1165 Airport Blvd", "512-804-3463"),
            keys("Integral Care", "1165 Airport Blvd", "512-804-3650"),
            False,
        ),
        (  # one door, one number: the street written two ways (the OTP directory's way)
            keys("Integral Care", "1631 East 2nd Street", "512-804-3380"),
            keys(
                "Austin Travis County MHMR Center Narcotic Treatment Program",
                "1631-A East Second Street",
                "(512) 804-3380",
                "b",
            ),
            True,
        ),
        (
            keys("Alternative Opiate Treatment Program", "1401 East Rusk Street", "903-284-6802"),
            keys("Alternative Opiate Treatment Program", "1401 E Rusk", "903-284-6802", "b"),
            True,
        ),
        (
            keys("Aegis Treatment Centers LLC", "6500 Morro Road", "805-461-5212"),
            keys("Aegis Treatment Centers, LLC", "6500 Morro Rd. Ste. C & D", "805-461-5212", "b"),
            True,
        ),
        (  # a range of doors names the building by its first number
            keys("ARS of Aberdeen", "24 West Bel Air Avenue", "(410) 272-0230"),
            keys("ARS of Aberdeen LLC", "24-26 West Bel Air Ave.", "(410) 272-0230", "b"),
            True,
        ),
        (  # one number for two sites on one street: two doors, two places
            keys("YMCA of Honolulu", "91-5007 Kapolei Parkway", "(808) 848-2494"),
            keys("YMCA of Honolulu", "91-5335 Kapolei Parkway", "(808) 848-2494", "b"),
            False,
        ),
        (  # an address SAMHSA does not publish: the ZIP code and phone say where it is
            keys("New Creation", "- - -", "909-920-5102"),
            keys("New Creation Addiction Treatment Center", "", "(909) 920-5102", "b"),
            True,
        ),
        (keys("New Creation", "- - -", "909-920-5102"), keys("Hope", "---", "909-920-5103"), False),
        (  # an unpublished address meets a published one with its number and its name
            keys("La Jolla Recovery", "- - -", "(858) 877-3422"),
            keys("La Jolla Recovery", "7632 Herschel Avenue", "(858) 877-3422", "b"),
            True,
        ),
        (  # but a main line alone does not make a clinic across town the same place
            keys("Wicomico Behavioral Health", "108 East Main Street", "(410) 742-3784"),
            keys("Wicomico County Health Department", "---", "(410) 742-3784", "b"),
            False,
        ),
        (keys("Region Ten", "800 Preston Ave"), keys("Region Tenth", "800 Preston Ave"), False),
        (keys("Region Ten", "800 Preston Ave"), keys("Region Ten", "801 Preston Ave"), False),
        (keys("Region Ten", ""), keys("Region Ten Youth", ""), False),  # no street
    ],
)
def test_a_place_is_recognised_by_its_building_and_its_name_or_number(
    known: PlaceKeys, incoming: PlaceKeys, same: bool
) -> None:
    index = PlaceIndex()
    index.add(known, 1)

    assert (index.find(incoming) == 1) is same


SHEET_MAP = [
    "--map=source_id=Program ID",
    "--map=name=Agency",
    "--map=address_1=Street",
    "--map=city=City",
    "--map=state=ST",
    "--map=postal_code=Zip",
    "--map=latitude=Lat",
    "--map=longitude=Lng",
    "--map=phone=Main phone",
]
SHEET_HEADER = "Program ID,Agency,Street,City,ST,Zip,Lat,Lng,Main phone\n"


@pytest.mark.django_db
def test_rows_sharing_an_id_are_reported_not_folded_in_silently(tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        SHEET_HEADER + "A1,Hope House,1 Main St,Charlottesville,VA,22902,38.03,-78.48,\n"
        "A1,Hope House Annex,9 Main St,Charlottesville,VA,22902,38.04,-78.48,\n"
    )

    run("import_facilities_csv", str(sheet), "--source=sheet", *SHEET_MAP)

    assert last_run().errors == [
        "line 3: its id 'A1' is already the id of line 2 (each row needs its own id; "
        "--id-from can build one from several columns)"
    ]
    assert Facility.objects.get().name == "Hope House"


@pytest.mark.django_db
def test_an_id_can_be_built_from_several_columns(tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        SHEET_HEADER + "A1,Hope House,1 Main St,Charlottesville,VA,22902,38.03,-78.48,\n"
        "A1,Hope House Annex,9 Main St,Charlottesville,VA,22902,38.04,-78.48,\n"
    )
    mapping = [m for m in SHEET_MAP if "source_id" not in m]

    run(
        "import_facilities_csv",
        str(sheet),
        "--source=sheet",
        *mapping,
        "--id-from=Program ID",
        "--id-from=Street",
    )

    assert sorted(SourceRecord.objects.values_list("source_id", flat=True)) == [
        "A1 / 1 Main St",
        "A1 / 9 Main St",
    ]


@pytest.mark.django_db
def test_a_file_that_is_not_utf8_names_its_line_and_can_be_read_with_its_encoding(
    tmp_path: Path,
) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_bytes(
        (
            SHEET_HEADER + "A1,Hope House,1 Main St,Charlottesville,VA,22902,38.03,-78.48,\n"
            "A2,Clínica Esperanza,2 Main St,Charlottesville,VA,22902,38.03,-78.48,\n"
        ).encode("cp1252")
    )

    with pytest.raises(CommandError, match=r"line 3 has the byte ED.*--encoding cp1252"):
        run("import_facilities_csv", str(sheet), "--source=sheet", *SHEET_MAP)
    assert not Facility.objects.exists()

    run("import_facilities_csv", str(sheet), "--source=sheet", *SHEET_MAP, "--encoding=cp1252")
    assert Facility.objects.filter(name="Clínica Esperanza").exists()


@pytest.mark.django_db
def test_an_unknown_encoding_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="'klingon' is not an encoding"):
        run(
            "import_facilities_csv",
            str(DATA / "county_spreadsheet.csv"),
            "--source=sheet",
            *SHEET_MAP,
            "--encoding=klingon",
        )


@pytest.mark.django_db
def test_a_field_can_be_one_value_for_every_row(tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(SHEET_HEADER + "A1,Hope Clinic,1 Main St,Charlottesville,VA,22902,38,-78,\n")

    run(
        "import_facilities_csv",
        str(sheet),
        "--source=otp-list",
        *SHEET_MAP,
        "--set=otp=yes",
        "--set=medications=methadone",
    )

    clinic = Facility.objects.get()
    assert clinic.is_otp
    assert vocabulary.MEDICATION.decode(clinic.medications) == ["methadone"]


def _methadone_sheet_over_a_known_place(tmp_path: Path, *options: str) -> Facility:
    """A place another source lists with methadone and buprenorphine, then a spreadsheet of
    methadone clinics naming it, imported with `options`."""
    known = tmp_path / "known.csv"
    known.write_text(
        SHEET_HEADER.replace("\n", ",Medications\n")
        + "K1,Hope Clinic,1 Main St,Charlottesville,VA,22902,38,-78,(434) 555-0100,"
        "methadone;buprenorphine\n"
    )
    run(
        "import_facilities_csv",
        str(known),
        "--source=county",
        *SHEET_MAP,
        "--map=medications=Medications",
        "--verified=2026-01-01",
    )
    sheet = tmp_path / "otp.csv"
    sheet.write_text(
        SHEET_HEADER + "M1,Hope Clinic,1 Main St,Charlottesville,VA,22902,38,-78,(434) 555-0100\n"
    )
    run(
        "import_facilities_csv",
        str(sheet),
        "--source=otp-list",
        *SHEET_MAP,
        "--verified=2026-06-01",
        "--set=otp=yes",
        *options,
    )
    return Facility.objects.get()


@pytest.mark.django_db
def test_a_constant_adds_to_what_other_sources_say_and_takes_nothing_away(tmp_path: Path) -> None:
    clinic = _methadone_sheet_over_a_known_place(tmp_path, "--set=medications=methadone")

    assert clinic.is_otp
    assert set(vocabulary.MEDICATION.decode(clinic.medications)) == {"methadone", "buprenorphine"}
    assert clinic.records.count() == 2


@pytest.mark.django_db
def test_a_constant_given_as_the_full_list_replaces_older_lists(tmp_path: Path) -> None:
    clinic = _methadone_sheet_over_a_known_place(tmp_path, "--set-full=medications=methadone")

    assert vocabulary.MEDICATION.decode(clinic.medications) == ["methadone"]


@pytest.mark.django_db
def test_a_constant_adds_to_the_sheets_own_column(tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        SHEET_HEADER.replace("\n", ",Medications\n")
        + "A1,Hope Clinic,1 Main St,Charlottesville,VA,22902,38,-78,,buprenorphine\n"
    )

    run(
        "import_facilities_csv",
        str(sheet),
        "--source=sheet",
        *SHEET_MAP,
        "--map=medications=Medications",
        "--set=medications=methadone",
    )

    clinic = Facility.objects.get()
    assert set(vocabulary.MEDICATION.decode(clinic.medications)) == {"methadone", "buprenorphine"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--set=medications=methadone", "--set-full=medications=methadone"], "not both"),
        (["--set-full=name=Hope"], "--set-full is for fields that list"),
    ],
)
def test_a_constant_that_is_both_or_no_list_is_explained(options: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        run(
            "import_facilities_csv",
            str(DATA / "county_spreadsheet.csv"),
            "--source=sheet",
            *SHEET_MAP,
            *options,
        )


@pytest.mark.django_db
def test_a_wrong_constant_is_explained() -> None:
    with pytest.raises(CommandError, match=r"Unknown field\(s\) colour"):
        run(
            "import_facilities_csv",
            str(DATA / "county_spreadsheet.csv"),
            "--source=sheet",
            *SHEET_MAP,
            "--set=colour=blue",
        )


@pytest.mark.django_db
def test_the_run_says_which_date_it_stamped_when_the_sheet_gives_none(
    tmp_path: Path, time_machine
) -> None:
    time_machine.move_to("2026-12-05 10:00")
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(SHEET_HEADER + "A1,Hope Clinic,1 Main St,Charlottesville,VA,22902,38,-78,\n")

    output = run("import_facilities_csv", str(sheet), "--source=sheet", *SHEET_MAP)

    assert "1 rows had no date: their information is stamped as of 2026-12-05." in output
    assert str(Facility.objects.get().last_verified) == "2026-12-05"
    assert last_run().notes == [
        "1 rows had no date: their information is stamped as of 2026-12-05."
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("command", "sample", "stamped"),
    [
        ("import_samhsa_otp", "otp_sample.csv", "2026-05-25"),
        ("import_samhsa_locator", "locator_sample.json", "2019-06-18"),
        ("import_samhsa_directory", "directory_2024_sample.csv", "2023-01-01"),
        ("import_samhsa_keys", "methadone_keys_sample.csv", "2017-03-31"),
        ("import_samhsa_facilities", "sut_sample.csv", "2021-07-01"),
        ("import_moud_providers", "moud_sample.csv", "2020-09-30"),
    ],
)
def test_a_samhsa_command_says_which_date_it_stamped_without_verified(
    command: str, sample: str, stamped: str
) -> None:
    said = f"note: No --verified date given: the listings are dated {stamped}, the "

    output = run(command, str(DATA / sample))

    assert said in output
    assert last_run().notes[0].startswith(said.removeprefix("note: "))
    assert {str(day) for day in Facility.objects.values_list("last_verified", flat=True)} == {
        stamped
    }
    Facility.objects.all().delete()

    given = run(command, str(DATA / sample), "--source=again", "--verified=2026-11-01")

    assert "No --verified date given" not in given
    assert set(Facility.objects.values_list("last_verified", flat=True)) == {dt.date(2026, 11, 1)}


@pytest.mark.django_db
def test_a_zip_code_a_spreadsheet_stripped_of_its_zero_gets_it_back(tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        SHEET_HEADER + "A1,Hope Clinic,1 Main St,Attleboro,MA,2703,41.93,-71.30,(508)555-0100x12\n"
    )

    run("import_facilities_csv", str(sheet), "--source=sheet", *SHEET_MAP)

    clinic = Facility.objects.get()
    assert clinic.postal_code == "02703"
    assert clinic.phone == "(508) 555-0100 ext. 12"


OLDER_LISTS = [
    ("import_samhsa_keys", "methadone_keys_sample.csv", "samhsa-directory"),
    ("import_samhsa_facilities", "sut_sample.csv", "samhsa-facilities"),
    ("import_moud_providers", "moud_sample.csv", "samhsa-moud"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("command", "sample", "source"), OLDER_LISTS)
def test_an_older_list_zip_code_stripped_of_its_zero_gets_it_back(
    command: str, sample: str, source: str
) -> None:
    """Real rows: the 2017 directory and the 2021 list write Canaan, CT as "6018". (The
    bundled MOUD list kept its zeros; its Canaan rows are written "6018" here, as a
    spreadsheet re-save writes them.)"""
    assert ",CT,6018," in (DATA / sample).read_text()

    run(command, str(DATA / sample))

    assert Facility.objects.get(city="Canaan").postal_code == "06018"


@pytest.mark.django_db
def test_a_place_an_older_list_wrote_without_its_zero_is_one_listing_not_two() -> None:
    for command, sample, _source in OLDER_LISTS:
        run(command, str(DATA / sample))
    run("import_samhsa_directory", str(DATA / "directory_2024_sample.csv"))

    canaan = Facility.objects.get(city="Canaan")
    assert canaan.postal_code == "06018"
    assert sorted(canaan.records.values_list("source", flat=True)) == sorted(
        ["samhsa-directory-2024", *(source for _c, _s, source in OLDER_LISTS)]
    )
    assert {r.data["postal_code"] for r in canaan.records.all()} == {"06018"}
    assert set(vocabulary.MEDICATION.decode(canaan.medications)) >= {"buprenorphine"}


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("22902", "22902"),
        ("2703", "02703"),
        ("603", "00603"),
        ("02703-1234", "02703"),
        ("027031234", "02703"),
        ("27031234", "02703"),
        ("2703.0", "02703"),
        ("T5J 0N3", "T5J 0N3"),
        ("", ""),
    ],
)
def test_zip_codes_keep_five_digits_with_their_leading_zeros(written: str, kept: str) -> None:
    assert postal_code(written) == kept


def test_a_number_that_is_no_zip_code_is_a_row_error() -> None:
    with pytest.raises(ValueError, match="not a US ZIP code"):
        postal_code("1234567890")
