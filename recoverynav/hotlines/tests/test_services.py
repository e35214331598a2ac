"""Loading hotline data: all or nothing, idempotent, clear errors."""

from pathlib import Path

import pytest

from recoverynav.hotlines.models import Country, Hotline
from recoverynav.hotlines.services import DEFAULT_HOTLINES_FILE, HotlineFileError, load_hotlines

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
    changed = tmp_path / "hotlines.csv"
    changed.write_text(
        DEFAULT_HOTLINES_FILE.read_text().replace("24/7 (live chat 2pm\u20136pm daily)", "24/7"),
        encoding="utf-8",
    )

    report = load_hotlines(changed)

    assert report.updated == 1
    assert Hotline.objects.get(name="FRANK").hours == "24/7"


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
