"""Every way a hotline file can be wrong gets its own message with the line it is on, and
nothing already stored is lost; the command says so in words an operator can act on."""

import csv
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from recoverynav.hotlines.models import Country, Hotline
from recoverynav.hotlines.services import REQUIRED_COLUMNS, HotlineFileError, load_hotlines

pytestmark = pytest.mark.django_db

HEADER = [*REQUIRED_COLUMNS, "chat_url", "email"]
EMERGENCY = {
    "country": "US",
    "kind": "emergency",
    "service": "Emergency services",
    "purposes": "emergency",
    "phone": "911",
    "text_number": "",
    "source_url": "https://www.911.gov/",
    "status": "confirmed",
    "last_verified": "2026-11-01",
    "chat_url": "",
    "email": "",
}
HOTLINE = {
    **EMERGENCY,
    "kind": "hotline",
    "service": "Example helpline",
    "purposes": "substance_use",
    "phone": "1-800-555-0100",
}


def write(tmp_path: Path, *rows: dict) -> Path:
    path = tmp_path / "hotlines.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADER)
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_a_small_file_of_one_country_loads(tmp_path: Path) -> None:
    report = load_hotlines(write(tmp_path, EMERGENCY, HOTLINE))

    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    assert Country.objects.get(code="US").emergency_number == "911"
    assert Hotline.objects.get().purposes == ["substance_use"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"country": "ZZ"}, "line 3: unknown country 'ZZ' (add it to countries.csv)"),
        ({"kind": "helpline"}, "line 3: kind must be 'emergency' or 'hotline'"),
        ({"status": "probably"}, "line 3: unknown status 'probably'"),
        ({"purposes": "crisis;gambling"}, "line 3: unknown purposes ['gambling']"),
        ({"phone": "", "text_number": "", "chat_url": ""}, "line 3: needs a phone, text number"),
        ({"email": "help(at)example.org"}, "line 3: 'help(at)example.org' is not an email"),
        ({"last_verified": "01/11/2026"}, "line 3: last_verified must be a date like 2026-11-01"),
        ({"last_verified": ""}, "line 3: last_verified must be a date"),
    ],
)
def test_each_kind_of_bad_row_is_named_with_its_line(
    tmp_path: Path, change: dict, message: str
) -> None:
    with pytest.raises(HotlineFileError) as raised:
        load_hotlines(write(tmp_path, EMERGENCY, {**HOTLINE, **change}))

    assert message in str(raised.value)
    assert not Hotline.objects.exists()


def test_a_hotline_that_can_only_be_reached_by_chat_is_accepted(tmp_path: Path) -> None:
    chat_only = {**HOTLINE, "phone": "", "chat_url": "https://example.org/chat"}

    load_hotlines(write(tmp_path, EMERGENCY, chat_only))

    assert Hotline.objects.get().chat_url == "https://example.org/chat"


def test_every_error_in_a_file_is_reported_at_once(tmp_path: Path) -> None:
    with pytest.raises(HotlineFileError) as raised:
        load_hotlines(write(tmp_path, {**EMERGENCY, "status": "?"}, {**HOTLINE, "kind": "x"}))

    assert "line 2: unknown status" in str(raised.value)
    assert "line 3: kind must be" in str(raised.value)


def test_a_row_with_too_many_cells_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, EMERGENCY)
    path.write_text(path.read_text() + ",".join(HOTLINE.values()) + ",extra\n")

    with pytest.raises(HotlineFileError, match="line 3: wrong number of columns"):
        load_hotlines(path)


def test_a_hotline_whose_country_has_no_emergency_row_is_refused(tmp_path: Path) -> None:
    with pytest.raises(HotlineFileError, match="Example helpline: its country has no emergency"):
        load_hotlines(write(tmp_path, {**HOTLINE, "country": "GB"}))

    assert not Country.objects.exists()


def test_a_file_with_only_a_header_is_refused(tmp_path: Path) -> None:
    with pytest.raises(HotlineFileError, match="has no rows"):
        load_hotlines(write(tmp_path))


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(",".join(HEADER).encode() + b"\nUS,emergency,Servicios de emergencia \xf1\n")

    with pytest.raises(HotlineFileError, match="Cannot read"):
        load_hotlines(path)


def test_a_bad_file_leaves_the_hotlines_already_loaded_as_they_were(tmp_path: Path) -> None:
    load_hotlines(write(tmp_path, EMERGENCY, HOTLINE))

    with pytest.raises(HotlineFileError):
        load_hotlines(write(tmp_path, {**EMERGENCY, "phone": "112"}, {**HOTLINE, "kind": "?"}))

    assert Country.objects.get(code="US").emergency_number == "911"
    assert Hotline.objects.count() == 1


def test_a_hotline_left_out_of_the_next_file_stays_on_the_site(tmp_path: Path) -> None:
    load_hotlines(write(tmp_path, EMERGENCY, HOTLINE))

    load_hotlines(write(tmp_path, EMERGENCY))

    assert Hotline.objects.get().is_active


def test_the_command_explains_a_bad_file_and_that_nothing_changed(tmp_path: Path) -> None:
    with pytest.raises(CommandError) as raised:
        call_command("load_hotlines", str(write(tmp_path, {**EMERGENCY, "country": "ZZ"})))

    assert str(raised.value).endswith("Nothing was changed.")
    assert "line 2: unknown country 'ZZ'" in str(raised.value)


def test_the_command_counts_what_it_did(tmp_path: Path) -> None:
    path = write(tmp_path, EMERGENCY, HOTLINE)
    out = io.StringIO()

    call_command("load_hotlines", str(path), stdout=out)
    call_command("load_hotlines", str(path), stdout=out)

    assert out.getvalue().splitlines() == [
        "Hotlines: 2 created, 0 updated, 0 unchanged.",
        "Hotlines: 0 created, 0 updated, 2 unchanged.",
    ]


def test_the_command_with_discard_edits_puts_the_file_back_and_lists_nothing_kept(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, EMERGENCY, HOTLINE)
    call_command("load_hotlines", str(path), stdout=io.StringIO())
    Hotline.objects.update(phone="1-800-555-0199")
    out = io.StringIO()

    call_command("load_hotlines", str(path), "--discard-edits", stdout=out)

    assert Hotline.objects.get().phone == "1-800-555-0100"
    assert "Kept as edited" not in out.getvalue()
