"""SAMHSA's current lists on real rows: the 2024 National Directory and the 2026 Opioid
Treatment Program directory, and how their listings merge with each other and older files."""

import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from recoverynav.directory import vocabulary
from recoverynav.directory.models import Facility, ImportRun

DATA = Path(__file__).resolve().parent / "data"
DIRECTORY_2024 = str(DATA / "directory_2024_sample.csv")
OTP_2026 = str(DATA / "otp_sample.csv")

pytestmark = pytest.mark.django_db


def run(command: str, *args: str) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out, stderr=out)
    return out.getvalue()


def last_run() -> ImportRun:
    return ImportRun.objects.order_by("-pk").first()


def decoded(facility: Facility, group: str) -> set[str]:
    return set(vocabulary.GROUPS[group].decode(getattr(facility, vocabulary.GROUPS[group].column)))


def test_a_directory_row_becomes_a_listing_with_its_services_from_the_official_codes() -> None:
    run("import_samhsa_directory", DIRECTORY_2024)

    shelby = Facility.objects.get(name="Shelby County Treatment Center")
    assert shelby.phone == "(205) 216-0200"
    assert decoded(shelby, "setting") >= {"outpatient", "intensive_outpatient", "detox"}
    assert decoded(shelby, "medication") >= {"methadone", "buprenorphine", "naltrexone_er"}
    assert decoded(shelby, "payment") >= {"medicaid", "medicare", "private_insurance"}
    assert shelby.is_otp
    assert shelby.other_languages == ["Korean"]  # F47
    assert ["Treatment Approaches", "Cognitive behavioral therapy"] in shelby.other_services
    assert not any("(" + code + ")" in str(shelby.other_services) for code in ("CBT", "PVTP"))
    assert shelby.last_verified == dt.date(2023, 1, 1)
    assert shelby.as_of_year_only  # shown as "2023": the survey's year
    assert not shelby.location_approximate  # the older locator's coordinates


def test_bc_is_kept_as_beds_for_clients_children() -> None:
    run("import_samhsa_directory", DIRECTORY_2024)

    aletheia = Facility.objects.get(name="Aletheia House")
    assert ["Ancillary Services", "Residential beds for clients' children"] in (
        aletheia.other_services
    )


def test_a_leading_zero_zip_code_and_a_zip_centre_location_are_kept_honestly() -> None:
    run("import_samhsa_directory", DIRECTORY_2024)

    brightview = Facility.objects.get(name="BrightView Health")
    assert brightview.postal_code == "02703"
    assert brightview.location_approximate


def test_an_extension_is_kept_apart_from_the_number() -> None:
    run("import_samhsa_directory", DIRECTORY_2024)

    greenleaf = Facility.objects.get(name="Greenleaf Family Center")
    assert greenleaf.phone == "(330) 379-9494 ext. 242"
    assert greenleaf.phone_uri == "tel:+13303799494"
    integral = Facility.objects.get(alternate_name="CARE Program Journey OTP")
    assert integral.intake_phone == "(512) 804-3650"  # "x0" is no extension


def test_an_unknown_code_is_reported_and_never_shown() -> None:
    output = run("import_samhsa_directory", DIRECTORY_2024)

    phoenix = Facility.objects.get(name="Phoenix Rising Behavioral")
    assert "ZZZ" not in str(phoenix.other_services)
    assert phoenix.records.get().data["unknown_codes"] == ["ZZZ"]
    assert "service code(s) ZZZ are not in SAMHSA's reference (kept)" in output
    assert "line 12: latitude 999.0 is out of range" in last_run().errors[0]


def test_one_building_with_one_number_is_one_listing_with_everything_both_rows_say() -> None:
    run("import_samhsa_directory", DIRECTORY_2024)

    family = Facility.objects.get(name="Family Life Center Inc")
    assert family.alternate_name == "Rapha Treatment Center"
    # Outpatient from one row, residential from the other.
    assert decoded(family, "setting") >= {"outpatient", "residential", "residential_long"}
    assert family.records.count() == 2


def test_two_programs_under_one_roof_with_their_own_numbers_stay_two_listings() -> None:
    run("import_samhsa_directory", DIRECTORY_2024)
    run("import_samhsa_otp", OTP_2026)

    airport = Facility.objects.filter(name="Integral Care", address_1="1165 Airport Boulevard")
    assert sorted(airport.values_list("phone", flat=True)) == ["(512) 804-3463", "(512) 804-3650"]


def test_a_methadone_clinic_both_lists_name_with_its_street_written_otherwise_shows_once() -> None:
    """The 2024 directory's "Integral Care, 1631 East 2nd Street" and the OTP directory's
    "Austin Travis County MHMR Center Narcotic Treatment Program, 1631-A East Second
    Street" are one clinic with one number: a methadone search at 78702 lists it once."""
    from recoverynav.directory.selectors import search_facilities

    run("import_samhsa_directory", DIRECTORY_2024)
    run("import_samhsa_otp", OTP_2026)

    clinic = Facility.objects.get(phone="(512) 804-3380")
    assert clinic.name == "Austin Travis County MHMR Center Narcotic Treatment Program"
    assert "Integral Care" in clinic.alternate_name  # the name the 2024 directory uses
    assert clinic.records.count() == 2
    # The OTP list adds its date and certification; the directory's medications stay.
    assert clinic.last_verified == dt.date(2026, 5, 25)
    assert decoded(clinic, "medication") >= {"methadone", "buprenorphine"}
    found = search_facilities(
        latitude=clinic.latitude, longitude=clinic.longitude, filters={"medication": ["methadone"]}
    )
    phones = [listing.phone for listing in found.facilities]
    assert phones.count("(512) 804-3380") == 1
    assert len(set(phones)) == len(phones)


def test_an_abbreviated_street_with_the_same_number_and_door_is_the_same_clinic() -> None:
    run("import_samhsa_directory", DIRECTORY_2024)
    run("import_samhsa_otp", OTP_2026)

    rusk = Facility.objects.get(name="Alternative Opiate Treatment Program")
    assert {r.data["address_1"] for r in rusk.records.all()} == {
        "1401 East Rusk Street",
        "1401 E Rusk",
    }


def test_an_address_samhsa_does_not_publish_is_no_street_and_its_repeats_are_reported() -> None:
    output = run("import_samhsa_directory", DIRECTORY_2024)

    assert not Facility.objects.filter(address_1__contains="-").exists()
    # Three rows of one program, "- - -" for a street: two repeat its numbers (one main
    # number with an extension, one its intake line): one listing, every number kept.
    teen = Facility.objects.get(name="Teen Project Inc")
    assert (teen.address_1, teen.city, teen.postal_code) == ("", "Trabuco Canyon", "92679")
    assert (teen.phone, teen.intake_phone) == ("(818) 582-8832 ext. 115", "(800) 685-7460")
    assert (
        "line 21: the same name, program, ZIP code and no published street as line 20: "
        "combined into one listing." in output
    )
    assert "line 22: the same name, program" in output
    # Two rows of one name in one ZIP code, each with its own main number: two listings.
    south_coast = Facility.objects.filter(name="South Coast Behavioral Health", postal_code="92612")
    assert sorted(south_coast.values_list("phone", flat=True)) == [
        "(949) 308-7600",
        "(949) 877-1821",
    ]
    assert "but its own number (949) 877-1821: kept as its own listing." in output
    assert "combined into one listing" in " ".join(last_run().notes)


def test_the_otp_directory_adds_its_certification_and_newer_number_to_a_known_place() -> None:
    run("import_samhsa_directory", DIRECTORY_2024)
    before = Facility.objects.get(name="Alexandria Community Services Board")

    run("import_samhsa_otp", OTP_2026)

    alexandria = Facility.objects.get(pk=before.pk)
    # Name and phone come from the newest source; its date is that source's date.
    assert alexandria.name == "Alexandria Community Services Board Opioid Treatment Program"
    assert alexandria.phone == "(703) 746-3600"
    assert alexandria.last_verified == dt.date(2026, 5, 25)
    assert not alexandria.as_of_year_only
    # What the OTP list does not describe (payment, settings) stays from the directory.
    assert alexandria.payments == before.payments
    assert alexandria.care_settings == before.care_settings
    assert alexandria.is_otp


def test_otp_rows_are_certified_methadone_programs_placed_approximately() -> None:
    run("import_samhsa_otp", OTP_2026)

    aguadilla = Facility.objects.get(name="CTIAM DE AQUADILLA")
    assert aguadilla.postal_code == "00605"
    assert aguadilla.is_otp
    assert decoded(aguadilla, "medication") == {"methadone"}
    assert aguadilla.location_approximate
    provisional = Facility.objects.get(name="Crossroads Treatment Centers LLC")
    assert ["Opioid treatment program certification", "Provisionally certified"] in (
        provisional.other_services
    )


def test_an_otp_row_without_coordinates_or_a_known_zip_is_placed_at_its_town(gazetteer) -> None:
    run("import_samhsa_otp", OTP_2026)

    assert last_run().errors == [
        "line 5: no coordinates, and neither the ZIP code nor the town is one we know"
    ]  # Cleveland, OH is not in the test gazetteer's states

    from recoverynav.geo.services import load_gazetteer

    load_gazetteer(states={"OH"})
    run("import_samhsa_otp", OTP_2026)

    cleveland = Facility.objects.get(name__startswith="Cleveland VA Medical Center")
    assert cleveland.location_approximate
    assert cleveland.latitude == pytest.approx(41.5, abs=0.2)


def test_a_truncated_name_in_an_old_list_loses_to_the_current_full_name(tmp_path: Path) -> None:
    old_list = tmp_path / "old.csv"
    old_list.write_text(
        "name1,name2,street1,street2,city,state,zip,zip4,county,latitude,longitude\n"
        "Alexandria Community Servic,,4850 Mark Center Drive,,Alexandria,VA,22311,,"
        "Alexandria City,38.8316,-77.1227\n"
    )
    run("import_samhsa_facilities", str(old_list))
    run("import_samhsa_directory", DIRECTORY_2024)

    place = Facility.objects.get(postal_code="22311")
    assert place.name == "Alexandria Community Services Board"
    assert place.records.count() == 2
    # The old list's exact coordinates beat the directory's ZIP center at the same address.
    assert not place.location_approximate
    assert place.latitude == pytest.approx(38.8316)


def test_an_older_full_description_is_replaced_not_added_to(tmp_path: Path) -> None:
    """The 2017 directory said this place took private insurance and offered Spanish; the
    2023 survey does not: the listing follows the newer answer."""
    old = tmp_path / "old.csv"
    old.write_text(
        "Name1,Name2,Name3,Address1,Address2,Address3,City,State,ZIP_Code,Contact,Note,Keys,"
        "ID,Longitude,Latitude,Match Score\n"
        "Aletheia House,,,4246 5th Avenue South,,,Birmingham,AL,35222,(205)324-6502,,"
        "SA/OP/PI/SP,X1,-86.78,33.52,100\n"
    )
    run("import_samhsa_keys", str(old))
    assert "private_insurance" in decoded(Facility.objects.get(name="Aletheia House"), "payment")

    run("import_samhsa_directory", DIRECTORY_2024)

    aletheia = Facility.objects.get(name="Aletheia House")
    assert "private_insurance" not in decoded(aletheia, "payment")
    assert "spanish" not in decoded(aletheia, "language")
    assert aletheia.records.count() == 2


def test_importing_the_same_files_again_changes_nothing() -> None:
    run("import_samhsa_directory", DIRECTORY_2024)
    run("import_samhsa_otp", OTP_2026)
    before = list(Facility.objects.order_by("pk").values())

    run("import_samhsa_directory", DIRECTORY_2024)
    run("import_samhsa_otp", OTP_2026)

    assert list(Facility.objects.order_by("pk").values()) == before
    assert (last_run().created, last_run().updated, last_run().merged) == (0, 0, 0)


def test_the_coverage_report_counts_what_searches_can_show(tmp_path: Path, settings) -> None:
    from recoverynav.directory.selectors import directory_coverage

    settings.DIRECTORY_CURRENT_SINCE = dt.date(2023, 1, 1)
    old_list = tmp_path / "old.csv"
    old_list.write_text(
        "name1,name2,street1,street2,city,state,zip,zip4,county,latitude,longitude\n"
        "Closed Long Ago,,1 Gone Road,,Alexandria,VA,22311,,,38.83,-77.12\n"
    )
    run("import_samhsa_facilities", str(old_list))
    run("import_samhsa_directory", DIRECTORY_2024)
    run("import_samhsa_otp", OTP_2026)

    found = directory_coverage()

    shown = Facility.objects.filter(last_verified__gte=dt.date(2023, 1, 1))
    assert found.listings_shown == shown.count() == Facility.objects.count() - 1
    assert found.with_phone == shown.exclude(phone="").count()
    assert found.approximate == shown.filter(location_approximate=True).count()
    assert found.shown_from_older_sources == 0
    assert found.duplicates_shown == 0
    assert found.records_folded >= 2  # Family Life's two rows, Alexandria's OTP row
    assert found.oldest_as_of == dt.date(2023, 1, 1)
    assert found.share(found.with_phone) >= 0.9
