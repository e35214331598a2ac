"""Radius search over any model with latitude/longitude columns."""

import pytest

from recoverynav.geo.models import PostalCode
from recoverynav.geo.selectors import lookup_place, nearby_ids

pytestmark = pytest.mark.usefixtures("gazetteer")


def test_it_returns_rows_within_the_radius_nearest_first() -> None:
    centre = lookup_place("22903").place

    found = nearby_ids(
        PostalCode.objects.all(),
        latitude=centre.latitude,
        longitude=centre.longitude,
        radius_miles=10,
    )

    codes = [pk for pk, _miles in found]
    assert codes[0] == "22903"
    assert "22901" in codes
    assert "20001" not in codes  # Washington, DC is about 100 miles away
    distances = [miles for _pk, miles in found]
    assert distances == sorted(distances)
    assert all(miles <= 10 for miles in distances)


def test_it_applies_the_querysets_own_filters() -> None:
    centre = lookup_place("Austin, TX").place

    found = nearby_ids(
        PostalCode.objects.filter(kind="PO BOX"),
        latitude=centre.latitude,
        longitude=centre.longitude,
        radius_miles=15,
    )

    assert found
    assert set(
        PostalCode.objects.filter(pk__in=[pk for pk, _ in found]).values_list("kind", flat=True)
    ) == {"PO BOX"}


def test_it_finds_nothing_in_the_middle_of_the_ocean() -> None:
    assert nearby_ids(PostalCode.objects.all(), latitude=30, longitude=-40, radius_miles=100) == []
