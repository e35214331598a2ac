"""The hotline file's rows: every problem of a row is reported with its line, in column order,
and a file that has one changes nothing."""

import csv
import io
from pathlib import Path

import pytest

from recoverynav.hotlines.models import Country, Hotline
from recoverynav.hotlines.services import DEFAULT_HOTLINES_FILE, HotlineFileError, load_hotlines

pytestmark = pytest.mark.django_db


def shipped_rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(DEFAULT_HOTLINES_FILE.read_text(encoding="utf-8"))))


def write(tmp_path: Path, rows: list[dict[str, str]]) -> Path:
    path = tmp_path / "hotlines.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def refusal(path: Path) -> str:
    with pytest.raises(HotlineFileError) as refused:
        load_hotlines(path)
    assert not Country.objects.exists()
    return str(refused.value)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kind": "helpline"}, "line 3: kind must be 'emergency' or 'hotline'"),
        ({"status": "maybe"}, "line 3: unknown status 'maybe'"),
        ({"purposes": "crisis;gossip"}, "line 3: unknown purposes ['gossip']"),
        (
            {"phone": "", "text_number": "", "chat_url": ""},
            "line 3: needs a phone, text number or website",
        ),
        ({"last_verified": "last week"}, "line 3: last_verified must be a date like 2026-11-01"),
    ],
)
def test_a_wrong_value_is_refused_with_its_line(
    tmp_path: Path, changes: dict[str, str], message: str
) -> None:
    rows = shipped_rows()
    rows[1].update(changes)

    assert refusal(write(tmp_path, rows)) == message


def test_every_problem_of_a_row_is_reported_in_column_order(tmp_path: Path) -> None:
    rows = shipped_rows()
    rows[1].update(country="XX", status="maybe", email="nobody", last_verified="")

    assert refusal(write(tmp_path, rows)) == (
        "line 3: unknown country 'XX' (add it to countries.csv); "
        "line 3: unknown status 'maybe'; "
        "line 3: 'nobody' is not an email address; "
        "line 3: last_verified must be a date like 2026-11-01"
    )


def test_a_row_with_too_many_values_is_refused(tmp_path: Path) -> None:
    lines = DEFAULT_HOTLINES_FILE.read_text(encoding="utf-8").splitlines()
    lines[2] += ",surplus"
    path = tmp_path / "hotlines.csv"
    path.write_text("\n".join(lines), encoding="utf-8")

    assert refusal(path) == "line 3: wrong number of columns"


def test_an_operators_own_column_is_left_alone(tmp_path: Path) -> None:
    rows = [{**row, "our_notes": "called in November"} for row in shipped_rows()]

    load_hotlines(write(tmp_path, rows))

    assert Hotline.objects.filter(name="988 Suicide & Crisis Lifeline").exists()
