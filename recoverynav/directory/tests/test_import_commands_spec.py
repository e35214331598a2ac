"""The directory's import commands as an operator runs them: each command's help, the words
for a missing source name, an unusable date, a run with many rejected rows, and the date a
run says it stamped."""

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.management import call_command, get_commands, load_command_class
from django.core.management.base import CommandError

from recoverynav.directory.models import Facility

pytestmark = pytest.mark.django_db
DATA = Path(__file__).resolve().parent / "data"
IMPORT_COMMANDS = sorted(
    name for name, app in get_commands().items()
    if app == "recoverynav.directory" and name.startswith("import_")
)  # fmt: skip


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def spreadsheet(tmp_path: Path, rows: list[dict]) -> Path:
    path = tmp_path / "sheet.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


SHEET_MAP = ["--map=source_id=ID", "--map=name=Name", "--map=postal_code=Zip",
             "--map=latitude=Lat", "--map=longitude=Lng", "--map=address_1=Street"]  # fmt: skip


def row(number: int, **cells) -> dict:
    values = {"ID": str(number), "Name": f"Place {number}", "Zip": "22902", "Lat": "38.03",
              "Lng": "-78.48", "Street": f"{number} Main Street"}  # fmt: skip
    return values | cells


def test_there_is_an_import_command_for_every_format_we_read() -> None:
    assert set(IMPORT_COMMANDS) >= {
        "import_facilities_csv", "import_hsds", "import_hsds_tabular", "import_moud_providers",
        "import_samhsa_directory", "import_samhsa_facilities", "import_samhsa_keys",
        "import_samhsa_locator", "import_samhsa_otp",
    }  # fmt: skip


@pytest.mark.parametrize("name", IMPORT_COMMANDS)
def test_every_import_command_explains_itself_and_offers_a_dry_run(name: str) -> None:
    command = load_command_class("recoverynav.directory", name)
    parser = command.create_parser("manage.py", name)

    assert len(command.help) > 30
    options = {action.dest for action in parser._actions}
    assert {"dry_run", "remove_missing", "force", "source", "verified"} <= options


def test_an_empty_source_name_is_refused_with_an_example(tmp_path) -> None:
    with pytest.raises(CommandError, match=r"--source \(e\.g\. county-2026\)"):
        run("import_facilities_csv", str(spreadsheet(tmp_path, [row(1)])), "--source=", *SHEET_MAP)


def test_a_date_that_is_not_a_day_is_refused_before_reading(tmp_path) -> None:
    with pytest.raises(CommandError, match="verified"):
        run("import_samhsa_otp", str(DATA / "otp_sample.csv"), "--verified=May 2026")

    assert not Facility.objects.exists()


def test_the_run_reports_how_many_rows_it_read_and_rejected(tmp_path) -> None:
    path = spreadsheet(tmp_path, [row(1), row(2, Name=""), row(3)])

    out, err = run("import_facilities_csv", str(path), "--source=county", *SHEET_MAP)

    assert "2 records read, 1 rejected." in out
    assert "rejected: line 3: the facility has no name" in err
    assert "created 2, merged 0, updated 0, unchanged 0, removed 0, rejected 1." in out


def test_more_than_twenty_rejected_rows_are_summed_up_with_where_to_see_them(tmp_path) -> None:
    rows = [row(1)] + [row(n, Name="") for n in range(2, 27)]

    _out, err = run("import_facilities_csv", str(spreadsheet(tmp_path, rows)), "--source=county",
                    *SHEET_MAP)  # fmt: skip

    assert err.count("  rejected: ") == 20
    assert "… and 5 more (see the admin)." in err


def test_a_samhsa_list_without_a_date_given_says_which_date_it_stamped() -> None:
    out, _err = run("import_samhsa_otp", str(DATA / "otp_sample.csv"))

    assert "note: No --verified date given: the listings are dated 2026-05-25" in out


def test_a_date_given_is_used_and_no_note_is_written() -> None:
    out, _err = run("import_samhsa_otp", str(DATA / "otp_sample.csv"), "--verified=2026-06-30")

    assert "No --verified date given" not in out
    assert set(Facility.objects.values_list("last_verified", flat=True)) == {dt.date(2026, 6, 30)}


def test_the_run_names_the_file_it_reads(tmp_path) -> None:
    out, _err = run("import_facilities_csv", str(spreadsheet(tmp_path, [row(1)])),
                    "--source=county", *SHEET_MAP)  # fmt: skip

    assert out.splitlines()[0] == "Reading sheet.csv …"
