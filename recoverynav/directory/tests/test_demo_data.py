"""`make run` fills an empty directory from the bundled files and leaves a full one alone."""

from io import StringIO

import pytest

from recoverynav.directory import demo_data
from recoverynav.directory.importers import samhsa
from recoverynav.directory.models import Facility, ImportRun
from recoverynav.directory.tests.test_importers import DATA

pytestmark = pytest.mark.django_db

SAMPLES = [
    ("samhsa-directory-2024", "directory_2024_sample.csv", samhsa.parse_directory_2024),
    ("samhsa-otp", "otp_sample.csv", samhsa.parse_otp_directory),
    ("samhsa-facilities", "sut_sample.csv", samhsa.parse_facility_list),
    ("samhsa-moud", "moud_sample.csv", samhsa.parse_moud),
    ("samhsa-directory", "methadone_keys_sample.csv", samhsa.parse_service_keys),
    ("samhsa-locator", "locator_sample.json", samhsa.parse_locator),
]


@pytest.fixture
def small_bundle(monkeypatch) -> None:
    monkeypatch.setattr(demo_data, "BUNDLED", SAMPLES)
    monkeypatch.setattr(samhsa, "DATA_DIR", DATA)


def test_it_loads_every_bundled_list_into_an_empty_directory(small_bundle) -> None:
    out = StringIO()

    demo_data.load_demo_data(stdout=out)

    assert ImportRun.objects.filter(succeeded=True).count() == 6
    assert "importing moud_sample.csv" in out.getvalue()
    assert "merged into known ones" in out.getvalue()
    assert Facility.objects.filter(name="Galax Treatment Center Inc").count() == 1


def test_it_leaves_a_directory_with_data_alone(small_bundle) -> None:
    demo_data.load_demo_data(stdout=StringIO())
    runs = ImportRun.objects.count()

    out = StringIO()
    demo_data.load_demo_data(stdout=out)

    assert ImportRun.objects.count() == runs
    assert out.getvalue() == ""


def test_a_list_added_to_the_bundle_later_is_loaded_into_a_full_directory(
    small_bundle, monkeypatch
) -> None:
    monkeypatch.setattr(demo_data, "BUNDLED", SAMPLES[2:])
    demo_data.load_demo_data(stdout=StringIO())
    monkeypatch.setattr(demo_data, "BUNDLED", SAMPLES)

    out = StringIO()
    demo_data.load_demo_data(stdout=out)

    assert "importing directory_2024_sample.csv" in out.getvalue()
    assert "importing sut_sample.csv" not in out.getvalue()
    assert set(ImportRun.objects.values_list("source", flat=True)) == {s for s, _f, _p in SAMPLES}


def test_the_real_bundle_names_files_that_exist() -> None:
    for _source, file_name, _parse in demo_data.BUNDLED:
        assert (samhsa.DATA_DIR / file_name).exists(), file_name
