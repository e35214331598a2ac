"""Where a Meeting Guide meeting is: its ZIP code, coordinates (or its ZIP code's or town's
point, marked approximate), address, town and region, and whether the address is a street
one can go to."""

import re
from typing import Any

from recoverynav.meetings.importers.meeting_guide.context import FeedContext

# Where an in-person meeting would be, words that say it is not a place.
NOT_A_PLACE = re.compile(r"^\s*(remote|online|virtual|zoom|phone|web)\b", re.IGNORECASE)
# "…, PA 19094, USA": a ZIP code only where it follows a state code, never a street number.
US_ZIP_AFTER_STATE = re.compile(r"\b[A-Z]{2}\s+(\d{5})(?:-\d{4})?\b")
# "…, Austin, TX 78701, USA": the part before a state code (and ZIP code) between commas.
TOWN_BEFORE_STATE = re.compile(r"(?:^|,)\s*([^,]+),\s*[A-Z]{2}(?:\s+\d{5}(?:-\d{4})?)?\s*(?:,|$)")


def postal_code_of(value: Any, text: dict[str, str]) -> str:
    code = text["postal_code"]
    if isinstance(value, int) and not isinstance(value, bool) and len(code) == 4:
        code = code.zfill(5)  # ZIP codes written as numbers lose their leading zero
    if not code:
        match = US_ZIP_AFTER_STATE.search(text["formatted_address"] or text["address"])
        code = match[1] if match else ""
    return code


def coordinates_of(item: dict) -> tuple[float | None, float | None]:
    try:
        latitude = float(item.get("latitude"))
        longitude = float(item.get("longitude"))
    except (TypeError, ValueError):
        return None, None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180) or (latitude, longitude) == (0, 0):
        return None, None
    return round(latitude, 6), round(longitude, 6)


def approximate_point(
    postal_code: str, text: dict[str, str], context: FeedContext
) -> tuple[float | None, float | None]:
    point = None
    if re.fullmatch(r"\d{5}(-\d{4})?", postal_code):
        point = context.cached(("zip", postal_code[:5]), lambda: context.postal_place(postal_code))
    if point is None and text["city"]:
        key = ("city", text["city"].lower(), text["state"].lower())
        point = context.cached(key, lambda: context.city_place(text["city"], text["state"]))
    return point if point else (None, None)


def join_address(text: dict[str, str], postal_code: str) -> str:
    state_zip = " ".join(part for part in (text["state"], postal_code) if part)
    parts = [text["address"], text["city"], state_zip, text["country"]]
    return ", ".join(part for part in parts if part)


def city_in(address: str) -> str:
    """The town of a US-style formatted address ("1 Main St, Austin, TX 78701, USA"), for
    saying "8 p.m. in Austin"; empty when the address has no such shape."""
    match = TOWN_BEFORE_STATE.search(address)
    if not match or (match.start(1) == 0 and address[:1].isdigit()):
        return ""
    return match[1].strip()[:100]


def region_of(item: dict, text: dict[str, str]) -> str:
    regions = item.get("regions")
    if isinstance(regions, list) and regions and all(isinstance(r, str) for r in regions):
        return " > ".join(r.strip() for r in regions if r.strip())[:255]
    return " > ".join(part for part in (text["region"], text["sub_region"]) if part)[:255]


def specific_address(values: dict[str, Any]) -> bool:
    """A street address, not only a town or a region: a street field, a formatted address
    that starts with a number, or one of four parts or more ("street, city, state ZIP,
    country"), as TSML UI reads it. "San Francisco, CA" is where a group is from, not a door."""
    if values["address"] and not NOT_A_PLACE.match(values["address"]):
        return True
    address = values["formatted_address"]
    return bool(re.match(r"\s*\d", address)) or len(address.split(",")) >= 4
