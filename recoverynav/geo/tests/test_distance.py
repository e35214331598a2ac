"""Great-circle distances and bounding boxes, checked against known city pairs."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recoverynav.geo.distance import bounding_box, great_circle_miles, miles_to_km

CITY_PAIRS = [
    # (from, to, miles, tolerance) — published great-circle distances.
    ((40.7128, -74.0060), (34.0522, -118.2437), 2445, 10),  # New York to Los Angeles
    ((41.8781, -87.6298), (29.7604, -95.3698), 940, 10),  # Chicago to Houston
    ((38.0293, -78.4767), (38.9072, -77.0369), 98, 3),  # Charlottesville to Washington
    ((30.2672, -97.7431), (29.4241, -98.4936), 74, 3),  # Austin to San Antonio
    ((51.5074, -0.1278), (48.8566, 2.3522), 213, 3),  # London to Paris
]


@pytest.mark.parametrize(("origin", "destination", "miles", "tolerance"), CITY_PAIRS)
def test_it_measures_known_city_pairs(origin, destination, miles, tolerance) -> None:
    assert great_circle_miles(*origin, *destination) == pytest.approx(miles, abs=tolerance)


def test_the_distance_from_a_point_to_itself_is_zero() -> None:
    assert great_circle_miles(38.03, -78.48, 38.03, -78.48) == 0


def test_it_converts_miles_to_kilometres() -> None:
    assert miles_to_km(10) == pytest.approx(16.09344)


latitudes = st.floats(min_value=-70, max_value=70)
longitudes = st.floats(min_value=-170, max_value=170)


@given(
    lat=latitudes,
    lon=longitudes,
    radius=st.floats(min_value=1, max_value=200),
    bearing_lat=st.floats(min_value=-1, max_value=1),
    bearing_lon=st.floats(min_value=-1, max_value=1),
)
def test_every_point_within_the_radius_is_inside_the_box(
    lat: float, lon: float, radius: float, bearing_lat: float, bearing_lon: float
) -> None:
    box = bounding_box(latitude=lat, longitude=lon, radius_miles=radius)
    point_lat = lat + bearing_lat * radius / 69.0
    point_lon = lon + bearing_lon * 4 * radius / 69.0
    if great_circle_miles(lat, lon, point_lat, point_lon) <= radius:
        assert box.min_lat <= point_lat <= box.max_lat
        assert box.min_lon <= point_lon <= box.max_lon
