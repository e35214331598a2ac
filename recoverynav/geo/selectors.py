"""Place lookup ("78701", "Austin, TX", "Travis County", "30.27,-97.74") and radius search,
shared by the treatment locator, the meeting finder, the API and the benchmarks."""

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Avg, Model, Q, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext as _

from recoverynav.core import sql
from recoverynav.geo.distance import bounding_box, great_circle_miles
from recoverynav.geo.models import County, GazetteerPlace, PostalCode
from recoverynav.geo.names import (
    COUNTY_WORDS,
    STATE_BY_NAME,
    STATES,
    name_key,
    split_state,
    strip_county_word,
)

COORDINATES = re.compile(r"^\s*(-?\d{1,3}(?:\.\d+)?)\s*[,;\s]\s*(-?\d{1,3}(?:\.\d+)?)\s*$")
POSTAL_CODE = re.compile(r"^\s*(\d{5})(?:-?\d{4})?\s*$")
MAX_QUERY_LENGTH = 200
# A town is the clear answer when it is this many times bigger than the next of that name.
DOMINANT_POPULATION_RATIO = 5
POSTAL_CODE_FIELDS = ("code", "city", "state", "timezone", "latitude", "longitude")
# A town named like a state is offered beside that state's towns when it is this big (a
# city people mean by the name: Washington, DC for "Washington").
BIG_CITY_POPULATION = 100_000
# "Fredericksburg, PA (Lebanon County)": the county that tells namesakes in one state apart.
COUNTY_QUALIFIER = re.compile(r"^(?P<place>.*?)\s*\((?P<county>[^()]*)\)\s*$")


@dataclass(frozen=True)
class Place:
    label: str
    latitude: float
    longitude: float
    kind: str
    state: str = ""
    postal_code: str = ""
    timezone: str = ""

    @property
    def query(self) -> str:
        """Text that looks this exact place up again (for "did you mean" links)."""
        if self.kind == "zip":
            return self.postal_code
        if self.kind == "coordinates":
            return f"{self.latitude:.5f},{self.longitude:.5f}"
        return self.label


@dataclass
class PlaceLookup:
    query: str
    places: list[Place] = field(default_factory=list)
    error: str = ""
    clear: bool = False

    @property
    def place(self) -> Place | None:
        """The match when one is clear; None when there is none or the person must choose."""
        return self.places[0] if self.clear and self.places else None

    @property
    def is_ambiguous(self) -> bool:
        return not self.clear and bool(self.places)

    @property
    def alternatives(self) -> list[Place]:
        return self.places[1:] if self.clear else self.places


def lookup_place(text: str, *, limit: int = 8) -> PlaceLookup:
    query = (text or "").strip()[:MAX_QUERY_LENGTH]
    if not query:
        return PlaceLookup(query, error=_("Type a ZIP code, a town or city, or a county."))
    if match := COORDINATES.match(query):
        return _coordinates_lookup(query, float(match[1]), float(match[2]))
    if match := POSTAL_CODE.match(query):
        place = place_for_postal_code(match[1])
        if place is None:
            return PlaceLookup(
                query,
                error=_(
                    "We could not find the ZIP code %(code)s. Check the number, or type the "
                    "name of your town."
                )
                % {"code": match[1]},
            )
        return PlaceLookup(query, [place], clear=True)
    return _name_lookup(query, limit)


def coordinates_text(latitude: float, longitude: float) -> str:
    """Coordinates as the place text lookup_place reads ("38.030000,-78.480000"): fixed
    decimals, since str() writes small numbers as 1e-05, which is no place."""
    return f"{latitude:.6f},{longitude:.6f}"


def _coordinates_lookup(query: str, latitude: float, longitude: float) -> PlaceLookup:
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return PlaceLookup(
            query,
            error=_(
                "Those coordinates are not on Earth. Latitude goes from -90 to 90 and longitude "
                "from -180 to 180, for example 38.03, -78.48."
            ),
        )
    place = Place(
        label=f"{latitude:.4f}, {longitude:.4f}",
        latitude=latitude,
        longitude=longitude,
        kind="coordinates",
        timezone=_nearest_timezone(latitude, longitude),
    )
    return PlaceLookup(query, [place], clear=True)


def _name_lookup(query: str, limit: int) -> PlaceLookup:
    if (match := COUNTY_QUALIFIER.match(query)) and (
        in_county := _town_in_county(match["place"], match["county"], limit)
    ):
        return PlaceLookup(query, in_county, clear=True)
    name, state = split_state(name_key(query))
    name, says_county = strip_county_word(name)
    if not name:
        return PlaceLookup(query, error=_not_found_message(query))
    if says_county:
        places = _counties(name, state, limit)
        if places:
            return PlaceLookup(query, places, clear=len(places) == 1)
        return PlaceLookup(query, error=_not_found_message(query))
    if not state and name in STATE_BY_NAME:
        return _whole_state(query, name, STATE_BY_NAME[name], limit)
    rows = _town_rows(name, state, limit)
    if rows:
        places = _town_places(rows)
        # "Austin" means Austin, Texas; the smaller Austins stay on offer as alternatives.
        clear = len(places) == 1 or rows[0].population >= DOMINANT_POPULATION_RATIO * max(
            rows[1].population, 1
        )
        return PlaceLookup(query, places, clear=clear)
    for finder in (_zip_cities, _counties):
        places = finder(name, state, limit)
        if places:
            return PlaceLookup(query, places, clear=len(places) == 1)
    suggestions = _town_places(_town_rows(name, state, limit, prefix=True))
    if suggestions:
        return PlaceLookup(query, suggestions, clear=False)
    return PlaceLookup(query, error=_not_found_message(query))


def _town_in_county(typed: str, county: str, limit: int) -> list[Place]:
    """The town a namesake's choice names ("Fredericksburg, PA (Lebanon County)"), or []
    when no town of that name is in that county (then the text is read as usual)."""
    name, state = split_state(name_key(typed))
    county_key = strip_county_word(name_key(county))[0]
    rows = [row for row in _town_rows(name, state, limit) if _county_key(row) == county_key]
    return _town_places(rows[:1], with_county=True)


def _whole_state(query: str, name: str, state: str, limit: int) -> PlaceLookup:
    """A state's name alone ("Texas") is the state, never a namesake town elsewhere (Texas
    County, MO; Virginia, MN): the person is asked for a town or ZIP code in it and offered
    its biggest towns, after a big city of that name (Washington, DC) they may have meant."""
    namesakes = GazetteerPlace.objects.filter(name_key=name).filter(
        Q(state=state) | Q(population__gte=BIG_CITY_POPULATION)
    )
    biggest = GazetteerPlace.objects.filter(state=state)
    rows = list(namesakes.order_by("-population", "geonameid")[:limit])
    rows += [row for row in biggest.order_by("-population", "geonameid")[:limit] if row not in rows]
    places = _town_places(rows[:limit])
    if places:
        message = _(
            "“%(query)s” is a whole state. Choose a town below, or type a town or ZIP code in it."
        )
    else:
        message = _("“%(query)s” is a whole state. Type a town or ZIP code in it.")
    return PlaceLookup(query, places, error=message % {"query": query}, clear=False)


def _not_found_message(query: str) -> str:
    return _(
        "We could not find “%(query)s”. Try a ZIP code such as 22903, or a town and state "
        "such as “Austin, TX”."
    ) % {"query": query}


def _town_rows(name: str, state: str, limit: int, *, prefix: bool = False) -> list:
    rows = GazetteerPlace.objects.filter(**{"name_key__startswith" if prefix else "name_key": name})
    if state:
        rows = rows.filter(state=state)
    return list(rows.order_by("-population", "geonameid")[:limit])


def _town_places(rows: list[GazetteerPlace], *, with_county: bool = False) -> list[Place]:
    """One choice per town: namesakes in one state are told apart by their county
    ("Fredericksburg, PA (Lebanon County)", which looks that one up again), and a second
    record of the same town in the same county is dropped."""
    namesakes = Counter((row.name, row.state) for row in rows)
    places: list[Place] = []
    for row in rows:
        named = with_county or namesakes[(row.name, row.state)] > 1
        county = _county_of(row) if named else ""
        place = _town_place(row, county=county)
        if place.label not in {kept.label for kept in places}:
            places.append(place)
    return places


def _county_of(row: GazetteerPlace, radius_miles: float = 15) -> str:
    """The county of the nearest ZIP code in the town's state ("Lebanon County"), or ''."""
    box = bounding_box(latitude=row.latitude, longitude=row.longitude, radius_miles=radius_miles)
    candidates = PostalCode.objects.filter(
        state=row.state,
        latitude__range=(box.min_lat, box.max_lat),
        longitude__range=(box.min_lon, box.max_lon),
    ).values_list("latitude", "longitude", "county")
    best = min(
        candidates,
        key=lambda zip_row: great_circle_miles(row.latitude, row.longitude, *zip_row[:2]),
        default=None,
    )
    return best[2] if best else ""


def _county_key(row: GazetteerPlace) -> str:
    return strip_county_word(name_key(_county_of(row)))[0]


def _town_place(row: GazetteerPlace, *, county: str = "") -> Place:
    label = f"{row.name}, {row.state}"
    return Place(
        label=f"{label} ({county})" if county else label,
        latitude=row.latitude,
        longitude=row.longitude,
        kind="place",
        state=row.state,
        timezone=row.timezone,
    )


def _zip_cities(name: str, state: str, limit: int) -> list[Place]:
    """Towns too small for the places list, found through their ZIP codes' city names."""
    rows = PostalCode.objects.filter(city_key=name)
    if state:
        rows = rows.filter(state=state)
    grouped = (
        rows.values("state")
        .annotate(latitude=Avg("latitude"), longitude=Avg("longitude"))
        .order_by("state")[:limit]
    )
    places = []
    for group in grouped:
        sample = rows.filter(state=group["state"]).order_by("code").first()
        places.append(
            Place(
                label=f"{sample.city}, {group['state']}",
                latitude=group["latitude"],
                longitude=group["longitude"],
                kind="place",
                state=group["state"],
                timezone=sample.timezone,
            )
        )
    return places


def _counties(name: str, state: str, limit: int) -> list[Place]:
    rows = County.objects.filter(name_key__in=[name, *(f"{name} {word}" for word in COUNTY_WORDS)])
    if state:
        rows = rows.filter(state=state)
    return [
        Place(
            label=f"{row.name}, {row.state}",
            latitude=row.latitude,
            longitude=row.longitude,
            kind="county",
            state=row.state,
            timezone=_nearest_timezone(row.latitude, row.longitude),
        )
        for row in rows.order_by("state")[:limit]
    ]


def choice_links(*, lookup: PlaceLookup, params: QueryDict, param: str = "place") -> list[dict]:
    """For an ambiguous lookup: one link per candidate place, keeping the other filters."""
    links = []
    for place in lookup.places if lookup.is_ambiguous else lookup.alternatives:
        query = params.copy()
        query[param] = place.query
        query.pop("page", None)
        links.append({"label": place.label, "url": "?" + query.urlencode()})
    return links


def place_for_postal_code(code: str) -> Place | None:
    # Every ZIP code search runs this: plain SQL, the ORM's compilation tripled its cost.
    rows = sql.fetch_all(
        sql.select(PostalCode, POSTAL_CODE_FIELDS, where=["{code} = %s"]), [code.strip()[:5]]
    )
    if not rows:
        return None
    code, city, state, timezone, latitude, longitude = rows[0]
    return Place(
        label=f"{code} · {city}, {state}",
        latitude=latitude,
        longitude=longitude,
        kind="zip",
        state=state,
        postal_code=code,
        timezone=timezone,
    )


def place_for_city(*, city: str, state: str) -> Place | None:
    """The best place for an address's city and state (used to place meetings approximately)."""
    state = state.strip().upper()
    state = state if state in STATES else split_state("x " + name_key(state))[1]
    name = name_key(city)
    if not name:
        return None
    rows = _town_rows(name, state, 1)
    if rows:
        return _town_place(rows[0])
    places = _zip_cities(name, state, 1)
    return places[0] if places else None


def timezone_for_postal_code(code: str) -> str | None:
    row = PostalCode.objects.filter(code=code.strip()[:5]).values_list("timezone", flat=True)
    zone = row.first()
    return zone or None


def nearest_town(latitude: float, longitude: float, radius_miles: float = 30) -> str:
    """ "Columbus, OH": the town of the ZIP code whose center is nearest a point (a phone's
    location), so that results are named by a place, not by coordinates; '' when none is
    within the radius."""
    box = bounding_box(latitude=latitude, longitude=longitude, radius_miles=radius_miles)
    candidates = PostalCode.objects.filter(
        latitude__range=(box.min_lat, box.max_lat),
        longitude__range=(box.min_lon, box.max_lon),
    ).values_list("latitude", "longitude", "city", "state")
    best = min(
        candidates,
        key=lambda row: great_circle_miles(latitude, longitude, row[0], row[1]),
        default=None,
    )
    return f"{best[2]}, {best[3]}" if best else ""


def _nearest_timezone(latitude: float, longitude: float, radius_miles: float = 60) -> str:
    box = bounding_box(latitude=latitude, longitude=longitude, radius_miles=radius_miles)
    candidates = (
        PostalCode.objects.filter(
            latitude__range=(box.min_lat, box.max_lat),
            longitude__range=(box.min_lon, box.max_lon),
        )
        .exclude(timezone="")
        .values_list("latitude", "longitude", "timezone")
    )
    best = min(
        candidates,
        key=lambda row: great_circle_miles(latitude, longitude, row[0], row[1]),
        default=None,
    )
    return best[2] if best else ""


def nearby_ids(
    queryset: QuerySet,
    *,
    latitude: float,
    longitude: float,
    radius_miles: float,
    lat_field: str = "latitude",
    lon_field: str = "longitude",
) -> list[tuple[int, float]]:
    """(pk, miles) of the queryset's rows within the radius, nearest first.

    The bounding box uses the index on the two columns; the exact distance is computed in
    Python over bare tuples, which is fast for the few thousand rows a box holds."""
    box = bounding_box(latitude=latitude, longitude=longitude, radius_miles=radius_miles)
    rows = queryset.filter(
        **{
            f"{lat_field}__range": (box.min_lat, box.max_lat),
            f"{lon_field}__range": (box.min_lon, box.max_lon),
        }
    ).values_list("pk", lat_field, lon_field)
    return within_radius(rows, latitude=latitude, longitude=longitude, radius_miles=radius_miles)


def nearby_by_sql(
    model: type[Model],
    *,
    where: list[str],
    params: list[object],
    latitude: float,
    longitude: float,
    radius_miles: float,
) -> list[tuple[int, float]]:
    """`nearby_ids` for the finders' hot paths, in hand-written SQL (see core.sql): the rows
    of `model` meeting the `where` conditions, within the radius, nearest first."""
    box = bounding_box(latitude=latitude, longitude=longitude, radius_miles=radius_miles)
    rows = sql.fetch_all(
        sql.select(
            model,
            ["id", "latitude", "longitude"],
            where=[*where, "{latitude} BETWEEN %s AND %s", "{longitude} BETWEEN %s AND %s"],
        ),
        [*params, box.min_lat, box.max_lat, box.min_lon, box.max_lon],
    )
    return within_radius(rows, latitude=latitude, longitude=longitude, radius_miles=radius_miles)


def within_radius(
    rows: Iterable[tuple[int, float, float]],
    *,
    latitude: float,
    longitude: float,
    radius_miles: float,
) -> list[tuple[int, float]]:
    """(pk, miles) of the (pk, latitude, longitude) rows within the radius, nearest first
    (ties by pk, so pages are stable)."""
    found = []
    for pk, lat, lon in rows:
        miles = great_circle_miles(latitude, longitude, lat, lon)
        if miles <= radius_miles:
            found.append((pk, miles))
    found.sort(key=lambda item: (item[1], item[0]))
    return found
