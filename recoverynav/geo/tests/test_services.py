"""Loading the gazetteer."""

from pathlib import Path

import pytest
from django.core.management import call_command

from recoverynav.geo import services
from recoverynav.geo.models import County, GazetteerPlace, PostalCode

pytestmark = pytest.mark.django_db


def test_it_loads_only_the_states_asked_for() -> None:
    report = services.load_gazetteer(states={"VT"})

    assert report.postal_codes == PostalCode.objects.count() > 200
    assert set(PostalCode.objects.values_list("state", flat=True)) == {"VT"}
    assert GazetteerPlace.objects.filter(name="Burlington", state="VT").exists()
    assert County.objects.filter(name="Chittenden County").exists()


def test_loading_again_gives_the_same_rows() -> None:
    services.load_gazetteer(states={"VT"})
    before = list(PostalCode.objects.values_list("code", "latitude", "timezone"))

    services.load_gazetteer(states={"VT"})

    assert list(PostalCode.objects.values_list("code", "latitude", "timezone")) == before


def test_a_missing_file_changes_nothing(monkeypatch, tmp_path: Path) -> None:
    services.load_gazetteer(states={"VT"})
    count = PostalCode.objects.count()
    services._read_csv.cache_clear()
    monkeypatch.setattr(services, "PLACES_FILE", tmp_path / "missing.csv")

    with pytest.raises(services.GazetteerFileError, match="Cannot read"):
        services.load_gazetteer(states={"VT"})

    assert PostalCode.objects.count() == count


def test_the_command_loads_the_whole_country() -> None:
    call_command("load_gazetteer", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert PostalCode.objects.count() == 42789
    assert GazetteerPlace.objects.count() == 21783
    assert County.objects.count() == 3220
