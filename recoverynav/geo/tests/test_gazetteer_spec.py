"""Loading the gazetteer: a broken file says what is wrong and changes nothing; the demo data
loads it once; radius search is exact at its edges."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from recoverynav.geo import demo_data, services
from recoverynav.geo.models import County, GazetteerPlace, PostalCode
from recoverynav.geo.selectors import within_radius

pytestmark = pytest.mark.django_db


@pytest.fixture
def fresh_reads():
    """The loader keeps each file's rows; a test that swaps a file must not see old rows."""
    services._read_csv.cache_clear()
    yield
    services._read_csv.cache_clear()


def test_a_places_file_with_a_column_missing_is_refused_and_nothing_changes(
    monkeypatch, tmp_path: Path, fresh_reads
) -> None:
    services.load_gazetteer(states={"VT"})
    before = PostalCode.objects.count(), GazetteerPlace.objects.count()
    broken = tmp_path / "places.csv"
    broken.write_text("geonameid,name,state\n1,Burlington,VT\n", encoding="utf-8")
    monkeypatch.setattr(services, "PLACES_FILE", broken)

    with pytest.raises(services.GazetteerFileError, match="malformed"):
        services.load_gazetteer(states={"VT"})

    assert (PostalCode.objects.count(), GazetteerPlace.objects.count()) == before


def test_a_zip_file_with_a_non_number_for_a_latitude_is_refused(
    monkeypatch, tmp_path: Path, fresh_reads
) -> None:
    header = "zip_code,zip_code_type,active,city,state,county,timezone,lat,lon\n"
    broken = tmp_path / "zips.csv"
    broken.write_text(header + "05401,STANDARD,1,Burlington,VT,,,north,-73.2\n", encoding="utf-8")
    monkeypatch.setattr(services, "ZIP_FILE", broken)

    with pytest.raises(services.GazetteerFileError, match="north"):
        services.load_gazetteer(states={"VT"})


def test_a_file_that_is_not_utf8_is_refused_with_its_path(
    monkeypatch, tmp_path: Path, fresh_reads
) -> None:
    broken = tmp_path / "counties.txt"
    broken.write_bytes(b"VT|50007|\xff\xfe|Chittenden County\n")
    monkeypatch.setattr(services, "COUNTIES_FILE", broken)

    with pytest.raises(services.GazetteerFileError, match=r"counties\.txt"):
        services.load_gazetteer(states={"VT"})


def test_the_command_says_nothing_was_changed_when_a_file_is_missing(
    monkeypatch, tmp_path: Path, fresh_reads
) -> None:
    monkeypatch.setattr(services, "COUNTIES_FILE", tmp_path / "gone.txt")

    with pytest.raises(CommandError, match="Nothing was changed") as raised:
        call_command("load_gazetteer", stdout=io.StringIO())

    assert "gone.txt" in str(raised.value)


def test_a_town_gets_the_time_zone_of_its_zip_codes() -> None:
    services.load_gazetteer(states={"VT"})

    burlington = GazetteerPlace.objects.get(name="Burlington", state="VT")
    assert burlington.timezone == "America/New_York"
    assert burlington.name_key == "burlington"


def test_a_county_keeps_its_census_geoid_and_searchable_key() -> None:
    services.load_gazetteer(states={"VT"})

    county = County.objects.get(name="Chittenden County")
    assert (county.geoid, county.name_key, county.state) == ("50007", "chittenden county", "VT")


def test_the_demo_data_leaves_a_loaded_gazetteer_alone() -> None:
    services.load_gazetteer(states={"VT"})
    out = io.StringIO()

    demo_data.load_demo_data(stdout=out)

    assert out.getvalue() == ""
    assert set(PostalCode.objects.values_list("state", flat=True)) == {"VT"}


def test_the_demo_data_loads_the_gazetteer_into_an_empty_database(monkeypatch) -> None:
    PostalCode.objects.all().delete()
    loaded = []
    monkeypatch.setattr(
        demo_data,
        "load_gazetteer",
        lambda: loaded.append(True) or services.GazetteerReport(3, 2, 1),
    )
    out = io.StringIO()

    demo_data.load_demo_data(stdout=out)

    assert loaded == [True]
    assert out.getvalue() == "Places: 3 ZIP codes, 2 towns and cities, 1 counties.\n"


def test_a_row_exactly_on_the_radius_is_inside_it() -> None:
    rows = [(1, 0.0, 0.0), (2, 0.0, 1.0)]
    one_degree = within_radius(rows, latitude=0, longitude=0, radius_miles=100)[1][1]

    def inside(radius: float) -> list[int]:
        return [pk for pk, _ in within_radius(rows, latitude=0, longitude=0, radius_miles=radius)]

    assert inside(one_degree) == [1, 2]
    assert inside(one_degree - 0.001) == [1]


def test_rows_at_the_same_distance_come_in_id_order_so_pages_are_stable() -> None:
    rows = [(9, 1.0, 1.0), (3, 1.0, 1.0), (7, 0.5, 0.5), (5, 1.0, 1.0)]

    found = within_radius(rows, latitude=0, longitude=0, radius_miles=100)

    assert [pk for pk, _ in found] == [7, 3, 5, 9]


def test_a_radius_search_across_the_date_line_stays_within_the_radius() -> None:
    rows = [(1, 0.0, 179.9), (2, 0.0, -179.9), (3, 0.0, 170.0)]

    found = within_radius(rows, latitude=0, longitude=179.95, radius_miles=50)

    assert [pk for pk, _ in found] == [1, 2]
