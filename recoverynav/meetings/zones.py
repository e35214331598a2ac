"""Time zones in words people use ("Eastern time", "hora del Este", "Madrid time"), never as
IANA names ("America/New_York") on a page."""

import datetime as dt
import functools

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from recoverynav.meetings.schedule import zone_info

# North American zones by the abbreviation they use, in winter and in summer.
REGIONS = {
    "EST": gettext_lazy("Eastern time"),
    "EDT": gettext_lazy("Eastern time"),
    "CST": gettext_lazy("Central time"),
    "CDT": gettext_lazy("Central time"),
    "MST": gettext_lazy("Mountain time"),
    "MDT": gettext_lazy("Mountain time"),
    "PST": gettext_lazy("Pacific time"),
    "PDT": gettext_lazy("Pacific time"),
    "AKST": gettext_lazy("Alaska time"),
    "AKDT": gettext_lazy("Alaska time"),
    "HST": gettext_lazy("Hawaii time"),
    "AST": gettext_lazy("Atlantic time"),
    "ADT": gettext_lazy("Atlantic time"),
    "NST": gettext_lazy("Newfoundland time"),
    "NDT": gettext_lazy("Newfoundland time"),
}
# Zones people know by their state rather than by the region's clock.
NAMED = {"America/Phoenix": gettext_lazy("Arizona time"), "UTC": gettext_lazy("UTC")}
WINTER = dt.datetime(2026, 1, 15, 12, tzinfo=dt.UTC)


def zone_words(zone: str) -> str:
    """How people say the zone, in the page's language."""
    if zone in NAMED:
        return str(NAMED[zone])
    region = _region(zone)
    if region:
        return str(REGIONS[region])
    return _("%(city)s time") % {"city": city_of(zone)}


def zone_label(zone: str) -> str:
    """For the list of zones to choose from: "Eastern time (New York)", "Madrid time"."""
    words = zone_words(zone)
    city = city_of(zone)
    return words if city in words or zone in NAMED else f"{words} ({city})"


def city_of(zone: str) -> str:
    """The place a zone is named after: "America/Argentina/Buenos_Aires" → "Buenos Aires"."""
    return zone.rsplit("/", 1)[-1].replace("_", " ")


@functools.cache
def _region(zone: str) -> str:
    try:
        name = WINTER.astimezone(zone_info(zone)).tzname() or ""
    except (ValueError, KeyError, OSError):
        return ""
    return name if name in REGIONS else ""
