"""Distance math for radius search: great-circle distance and a bounding box to prefilter on
indexed latitude/longitude columns (the same on SQLite and PostgreSQL, no GIS libraries)."""

import math
from dataclasses import dataclass

EARTH_RADIUS_MILES = 3958.7613
KM_PER_MILE = 1.609344
MILES_PER_DEGREE_LATITUDE = 69.0


@dataclass(frozen=True)
class BoundingBox:
    min_lat: float
    max_lat: float
    min_lon: float
    max_lon: float


def great_circle_miles(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance; accurate to well under 0.5% for any two points on Earth."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = phi2 - phi1
    d_lambda = math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(a)))


def bounding_box(*, latitude: float, longitude: float, radius_miles: float) -> BoundingBox:
    """A box that contains every point within `radius_miles` (slightly generous on purpose)."""
    d_lat = radius_miles / MILES_PER_DEGREE_LATITUDE * 1.01
    # Longitude degrees shrink towards the poles; use the box's widest latitude.
    widest = min(89.0, abs(latitude) + d_lat)
    d_lon = d_lat / max(math.cos(math.radians(widest)), 0.01)
    return BoundingBox(
        min_lat=max(-90.0, latitude - d_lat),
        max_lat=min(90.0, latitude + d_lat),
        min_lon=max(-180.0, longitude - d_lon),
        max_lon=min(180.0, longitude + d_lon),
    )


def miles_to_km(miles: float) -> float:
    return miles * KM_PER_MILE
