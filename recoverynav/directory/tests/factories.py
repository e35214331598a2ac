"""Plain factory functions for the directory's tests."""

import datetime as dt
import itertools

from django.utils import timezone

from recoverynav.directory import vocabulary
from recoverynav.directory.importers.keys import match_key
from recoverynav.directory.models import Facility, Organization

_numbers = itertools.count(1)

# Charlottesville, VA (ZIP 22902), the city of the bundled locator sample.
CHARLOTTESVILLE = (38.0293, -78.4767)


def make_facility(**overrides) -> Facility:
    """A shown facility in Charlottesville; `attributes` takes {"setting": ["outpatient"]}."""
    number = next(_numbers)
    attributes = overrides.pop("attributes", {})
    name = overrides.pop("name", f"Facility {number}")
    organization = overrides.pop("organization", None) or Organization.objects.create(
        name=name, match_key=f"org-{number}"
    )
    values = {
        "organization": organization,
        "name": name,
        "address_1": f"{number} Main Street",
        "city": "Charlottesville",
        "state": "VA",
        "postal_code": "22902",
        "latitude": CHARLOTTESVILLE[0],
        "longitude": CHARLOTTESVILLE[1],
        "phone": "434-555-0100",
        "source": "test",
        "source_id": f"test-{number}",
        "last_verified": timezone.localdate() - dt.timedelta(days=30),
    }
    for group_name, chosen in attributes.items():
        group = vocabulary.GROUPS[group_name]
        values[group.column] = group.mask(chosen)
    values.update(overrides)
    values.setdefault(
        "match_key",
        match_key(
            name=values["name"], address=values["address_1"], postal_code=values["postal_code"]
        ),
    )
    return Facility.objects.create(**values)


def miles_north(miles: float) -> tuple[float, float]:
    """A point `miles` north of Charlottesville (one degree of latitude ≈ 69.05 miles)."""
    return CHARLOTTESVILLE[0] + miles / 69.05, CHARLOTTESVILLE[1]
