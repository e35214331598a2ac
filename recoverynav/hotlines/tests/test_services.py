"""Loading hotline data: all or nothing, idempotent, keeps edits made in the admin, clear
errors."""

import csv
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from recoverynav.hotlines.models import Country, Hotline
from recoverynav.hotlines.services import DEFAULT_HOTLINES_FILE, HotlineFileError, load_hotlines

FRANK_HOURS = "Phone 24/7; live chat 2 pm to 6 pm every day"


def bundled_file_with(tmp_path: Path, old: str, new: str) -> Path:
    changed = tmp_path / "hotlines.csv"
    text = DEFAULT_HOTLINES_FILE.read_text(encoding="utf-8")
    assert old in text
    changed.write_text(text.replace(old, new), encoding="utf-8")
    return changed


pytestmark = pytest.mark.django_db


def test_it_loads_every_country_and_hotline() -> None:
    report = load_hotlines()

    assert Country.objects.count() == 6
    assert Hotline.objects.count() == 18
    assert report.created == 24


def test_loading_the_same_file_again_changes_nothing() -> None:
    load_hotlines()

    report = load_hotlines()

    assert (report.created, report.updated, report.unchanged) == (0, 0, 24)


def test_a_changed_row_is_updated_in_place(tmp_path: Path) -> None:
    load_hotlines()

    report = load_hotlines(bundled_file_with(tmp_path, FRANK_HOURS, "24/7"))

    assert report.updated == 1
    assert Hotline.objects.get(name="FRANK").hours_en == "24/7"


def test_a_field_edited_in_the_admin_survives_a_reload_that_changes_other_fields(
    tmp_path: Path,
) -> None:
    load_hotlines()
    Hotline.objects.filter(name="FRANK").update(hours_en="Phone 24/7")
    changed = bundled_file_with(tmp_path, "0300 123 1099", "0300 123 1000")

    report = load_hotlines(changed)

    frank = Hotline.objects.get(name="FRANK")
    assert frank.hours_en == "Phone 24/7"
    assert frank.tty == "0300 123 1000"
    assert report.kept_edits == ["GB / FRANK: hours_en"]
    assert report.updated == 1


def test_an_edited_emergency_number_survives_a_reload() -> None:
    load_hotlines()
    Country.objects.filter(code="NZ").update(emergency_number="112")

    report = load_hotlines()

    assert Country.objects.get(code="NZ").emergency_number == "112"
    assert report.kept_edits == ["NZ / Emergency services: emergency_number"]
    assert report.unchanged == 24


def test_discarding_edits_puts_the_files_values_back() -> None:
    load_hotlines()
    Hotline.objects.filter(name="FRANK").update(hours_en="Phone 24/7")

    report = load_hotlines(keep_edits=False)

    assert Hotline.objects.get(name="FRANK").hours_en == FRANK_HOURS
    assert report.kept_edits == []


def test_rows_loaded_before_the_file_was_remembered_take_the_files_values() -> None:
    load_hotlines()
    Hotline.objects.filter(name="FRANK").update(hours_en="old hours", file_values={})

    load_hotlines()
    again = load_hotlines()

    assert Hotline.objects.get(name="FRANK").hours_en == FRANK_HOURS
    assert (again.updated, again.kept_edits) == (0, [])


def test_the_command_names_the_edits_it_kept() -> None:
    load_hotlines()
    Hotline.objects.filter(name="FRANK").update(hours_en="Phone 24/7")
    out = io.StringIO()

    call_command("load_hotlines", stdout=out)

    assert "Kept as edited in the admin" in out.getvalue()
    assert "GB / FRANK: hours_en" in out.getvalue()


def test_a_file_in_the_old_layout_still_loads(tmp_path: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(DEFAULT_HOTLINES_FILE.read_text(encoding="utf-8"))))
    old_columns = [
        c
        for c in rows[0]
        if c
        not in {
            "text_keyword_es",
            "text_keyword_status",
            "email",
            "hours_es",
            "languages_es",
            "spanish_help_es",
        }
    ]
    renamed = {"hours_en": "hours", "languages_en": "languages"}
    old = tmp_path / "old.csv"
    with old.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([renamed.get(c, c) for c in old_columns])
        writer.writerows([[row[c] for c in old_columns] for row in rows])

    report = load_hotlines(old)

    assert report.created == 24
    assert Hotline.objects.get(name="FRANK").hours_en == FRANK_HOURS
    assert Hotline.objects.get(name="FRANK").hours_es == ""


def test_a_keyword_is_confirmed_unless_the_file_says_it_needs_verification() -> None:
    load_hotlines()

    text_about_it = Hotline.objects.get(name="Text About It (50808)")
    crisis_text_line = Hotline.objects.get(name="Crisis Text Line")
    assert text_about_it.text_keyword == "TALK"
    assert text_about_it.text_keyword_status == "needs-verification"
    assert text_about_it.keyword == ""
    assert text_about_it.text_uri == "sms:50808"
    assert text_about_it.is_confirmed  # the number itself is
    assert crisis_text_line.text_keyword_status == "confirmed"
    assert crisis_text_line.text_uri == "sms:741741?body=HOME"


def test_an_unknown_keyword_status_is_refused_with_its_line(tmp_path: Path) -> None:
    broken = bundled_file_with(tmp_path, "TALK,,needs-verification,", "TALK,,maybe,")

    with pytest.raises(HotlineFileError, match="line 18: unknown text_keyword_status 'maybe'"):
        load_hotlines(broken)
    assert not Hotline.objects.exists()


def test_a_nul_character_is_refused_with_its_line_and_column(tmp_path: Path) -> None:
    """A damaged file (PostgreSQL cannot store NUL; SQLite would keep it silently)."""
    broken = bundled_file_with(tmp_path, "helpline@hse.ie", "help\x00line@hse.ie")

    with pytest.raises(HotlineFileError, match=r"line \d+: a NUL character in email"):
        load_hotlines(broken)
    assert not Hotline.objects.exists()


def test_a_file_without_a_required_column_says_which(tmp_path: Path) -> None:
    broken = tmp_path / "hotlines.csv"
    broken.write_text("country,kind,service\nUS,emergency,Emergency services\n")

    with pytest.raises(HotlineFileError, match="has no column purposes, phone"):
        load_hotlines(broken)


def test_a_bad_email_address_is_refused(tmp_path: Path) -> None:
    with pytest.raises(HotlineFileError, match=r"'helpline at hse\.ie' is not an email address"):
        load_hotlines(bundled_file_with(tmp_path, "helpline@hse.ie", "helpline at hse.ie"))

    assert not Country.objects.exists()


def test_a_file_with_a_bad_row_changes_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "hotlines.csv"
    lines = DEFAULT_HOTLINES_FILE.read_text().splitlines()
    broken.write_text("\n".join([*lines, lines[-1].replace("NZ,hotline", "XX,hotline")]))

    with pytest.raises(HotlineFileError, match="line 26: unknown country 'XX'"):
        load_hotlines(broken)

    assert not Country.objects.exists()


def test_a_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(HotlineFileError, match="Cannot read"):
        load_hotlines(tmp_path / "nope.csv")


def test_tap_to_call_links_keep_only_digits() -> None:
    load_hotlines()

    frank = Hotline.objects.get(name="FRANK")

    assert frank.phone_uri == "tel:03001236600"
    assert frank.text_uri == "sms:82111"
