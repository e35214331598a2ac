"""The SAMHSA lists that come with Recovery Navigator: each names a file that is there, is
read by the parser of its format, and is loaded current lists first; a directory that holds a
list already is not loaded again."""

import io

import pytest

from recoverynav.directory import demo_data
from recoverynav.directory.importers import samhsa
from recoverynav.directory.importers.base import Parsed
from recoverynav.directory.models import Facility, ImportRun
from recoverynav.directory.sources import KNOWN


def test_every_bundled_list_is_a_known_source_with_its_file_in_the_data_folder() -> None:
    for source, file_name, parse in demo_data.BUNDLED:
        assert source in KNOWN, source
        assert (samhsa.DATA_DIR / file_name).is_file(), file_name
        assert callable(parse)


def test_the_current_lists_are_loaded_before_the_older_ones() -> None:
    order = [source for source, _file, _parse in demo_data.BUNDLED]

    assert order[:2] == ["samhsa-directory-2024", "samhsa-otp"]
    assert order.index("samhsa-directory") > order.index("samhsa-moud")


@pytest.mark.django_db
def test_only_the_lists_not_yet_loaded_are_loaded_and_duplicates_folded_once(monkeypatch) -> None:
    ImportRun.objects.create(source="samhsa-directory-2024", succeeded=True)
    ImportRun.objects.create(source="samhsa-otp", succeeded=False)
    calls: list[tuple[str, bool]] = []

    def fake_import(parsed, *, source, file_name, fold_duplicates, progress):
        calls.append((source, fold_duplicates))
        return ImportRun(source=source, created=1, merged=0)

    monkeypatch.setattr(demo_data, "apply_import", fake_import)
    monkeypatch.setattr(
        demo_data,
        "BUNDLED",
        [(source, name, lambda path: Parsed()) for source, name, _ in demo_data.BUNDLED],
    )
    out = io.StringIO()

    demo_data.load_demo_data(stdout=out)

    loaded = [source for source, _fold in calls]
    assert "samhsa-directory-2024" not in loaded
    assert loaded[0] == "samhsa-otp"
    assert [fold for _source, fold in calls] == [False] * (len(calls) - 1) + [True]
    assert out.getvalue().count("  1 new places, 0 merged into known ones.") == len(calls)


@pytest.mark.django_db
def test_with_every_list_loaded_the_demo_data_does_nothing() -> None:
    for source, _file, _parse in demo_data.BUNDLED:
        ImportRun.objects.create(source=source, succeeded=True)
    out = io.StringIO()

    demo_data.load_demo_data(stdout=out)

    assert out.getvalue() == ""
    assert not Facility.objects.exists()
