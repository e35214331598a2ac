"""Which records describe one place, and how a place's records become what people see.

Precedence: each part of a listing comes from its newest source that says something about
it. Name and address come together from the newest record that has them; each contact
detail from the newest record that has one. A group of attributes (settings, medications,
payment, …) comes from the newest record that lists that group in full (`describes`), plus
what newer-or-equal records only mention (the OTP directory certifies a methadone clinic; it
does not list its payment options, so it adds and takes nothing away). The listing's
"information as of" date is its newest record's date: the date of the source's data, never
the day it was imported.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from recoverynav.directory import vocabulary
from recoverynav.directory.importers.base import OTHER, undisclosed
from recoverynav.directory.importers.keys import (
    house_number,
    match_key,
    name_words,
    names_agree,
    phone_key,
    street_key,
)

ADDRESS_FIELDS = ["address_1", "address_2", "city", "state", "postal_code"]
CONTACT_FIELDS = ["phone", "intake_phone", "website", "county"]
ALSO_NAMED = " · "
NAME_LIMIT = 300


def _date(data: dict) -> dt.date:
    return dt.date.fromisoformat(data["last_verified"])


def newest_first(datas: Iterable[dict]) -> list[dict]:
    """Newest first; among records of one date, the fuller one (it describes more, has a
    phone) first, so that the pick does not depend on import order."""
    return sorted(
        datas,
        key=lambda d: (_date(d), len(d.get("describes") or ()), bool(d.get("phone"))),
        reverse=True,
    )


def _having_their_say(ordered: list[dict], group: str) -> list[dict]:
    """The records whose values count for `group`: the newest record that lists the group
    in full and everything as new or newer; every record when none lists it in full."""
    describing = [d for d in ordered if group in (d.get("describes") or ())]
    if not describing:
        return ordered
    top = _date(describing[0])
    return [d for d in ordered if _date(d) >= top]


def _tokens(datas: list[dict], group: str) -> set[str]:
    prefix = f"{group}:"
    return {a[len(prefix) :] for d in datas for a in d["attributes"] if a.startswith(prefix)}


def _union(items: Iterable) -> list:
    seen: list = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


def merged_values(datas: list[dict]) -> dict:
    """The facility's columns from the data of its source records (any order)."""
    ordered = newest_first(datas)
    newest = ordered[0]
    named = next((d for d in ordered if d["name"]), newest)
    addressed = next((d for d in ordered if undisclosed(d["address_1"])), named)
    values = {"name": named["name"], "alternate_name": _also_named(ordered, named)}
    values.update({name: addressed[name] for name in ADDRESS_FIELDS})
    # Records stored before importers cleaned SAMHSA's "- - -" (an unpublished address).
    values["address_1"] = undisclosed(values["address_1"])
    values["address_2"] = undisclosed(values["address_2"])
    for name in CONTACT_FIELDS:
        values[name] = next((d[name] for d in ordered if d.get(name)), "")
    latitude, longitude, approximate = _location(ordered, addressed)
    values.update(
        latitude=latitude,
        longitude=longitude,
        location_approximate=approximate,
        source=newest["source"],
        source_id=newest["source_id"],
        match_key=match_key(
            name=values["name"], address=values["address_1"], postal_code=values["postal_code"]
        ),
        last_verified=_date(newest),
        as_of_year_only=bool(newest.get("year_only")),
    )
    for group in vocabulary.GROUPS.values():
        values[group.column] = group.mask(
            _tokens(_having_their_say(ordered, group.name), group.name)
        )
    values["is_otp"] = any(
        vocabulary.OTP in d["attributes"] for d in _having_their_say(ordered, vocabulary.OTP)
    )
    values["other_services"] = _union(
        item for d in _having_their_say(ordered, OTHER) for item in d["other_services"]
    )
    values["other_languages"] = _union(
        item for d in _having_their_say(ordered, "language") for item in d["other_languages"]
    )
    return values


def _also_named(ordered: list[dict], named: dict) -> str:
    """The program or site name, and the other names current records give the place: one
    source's two names for it on one date ("Grasshopper House LLC" and "Passages Malibu"),
    or the name the newest full description uses when a newer list names it otherwise (the
    OTP directory's "Austin Travis County MHMR Center Narcotic Treatment Program" is
    "Integral Care" in the 2024 directory). Names only older files give are left out."""
    fullest = max(ordered, key=lambda d: len(d.get("describes") or ()))  # the newest of them
    since = min(_date(named), _date(fullest))
    parts = [named.get("alternate_name", "")]
    for data in ordered:
        if _date(data) < since or _date(data) > _date(named) or data is named:
            continue
        if not names_agree(data["name"], named["name"]):
            parts.append(data["name"])
        parts.append(data.get("alternate_name", ""))
    kept: list[str] = []
    for part in parts:
        if part and all(name_words(part) != name_words(k) for k in kept):
            kept.append(part)
    if not kept:
        kept = [next((d["alternate_name"] for d in ordered if d.get("alternate_name")), "")]
    text = ALSO_NAMED.join(k for k in kept if k)
    return text if len(text) <= NAME_LIMIT else text[: NAME_LIMIT - 1].rstrip(" ·") + "…"


def _location(ordered: list[dict], addressed: dict) -> tuple[float, float, bool]:
    """The building's coordinates when any record at the shown address has them; otherwise
    the shown address's record's own (a ZIP code's center is marked approximate)."""
    place = (street_key(addressed["address_1"]), addressed["postal_code"][:5])
    for data in ordered:
        if data.get("approximate"):
            continue
        if (street_key(data["address_1"]), data["postal_code"][:5]) == place:
            return data["latitude"], data["longitude"], False
    return addressed["latitude"], addressed["longitude"], bool(addressed.get("approximate"))


@dataclass(frozen=True)
class PlaceKeys:
    """What tells two listings apart: name, street (without the suite), house number, ZIP
    code, phone, and the sources that list it."""

    name: str
    street: str
    house: str
    zip5: str
    phone: str
    exact: str
    sources: frozenset[str] = frozenset()

    @classmethod
    def of(
        cls, *, name: str, address: str, postal_code: str, phone: str, sources: Iterable[str] = ()
    ) -> "PlaceKeys":
        street, house, zip5, phone_digits, exact = _key_parts(name, address, postal_code, phone)
        return cls(name, street, house, zip5, phone_digits, exact, frozenset(sources))

    @property
    def building(self) -> tuple[str, str] | None:
        return (self.zip5, self.street) if self.street and self.zip5 else None

    @property
    def line(self) -> tuple[str, str] | None:
        return (self.zip5, self.phone) if self.phone and self.zip5 else None


@lru_cache(maxsize=65536)
def _key_parts(name: str, address: str, postal_code: str, phone: str) -> tuple[str, ...]:
    """Worked out once per listing: an import compares every known listing again."""
    return (
        street_key(address),
        house_number(address),
        (postal_code or "")[:5],
        phone_key(phone or ""),
        match_key(name=name, address=address, postal_code=postal_code),
    )


def one_door_one_number(first: PlaceKeys, second: PlaceKeys) -> bool:
    """One ZIP code, one phone number and one house number: one building, however its
    street is written ("1631-A East Second Street" and "1631 East 2nd Street, Building A";
    "1401 E Rusk" and "1401 East Rusk Street"). Two listings whose addresses are not
    published ("- - -") are keyed by ZIP code and phone alone; one such listing is the
    building of a published address with its number only when the names agree too (a
    health department's main line also answers for its clinics elsewhere in town)."""
    if first.line is None or first.line != second.line:
        return False
    if first.house == second.house:
        return True
    return not (first.house and second.house) and names_agree(first.name, second.name)


def same_place(first: PlaceKeys, second: PlaceKeys) -> bool:
    """Two listings of one place: one building with one phone number (see
    one_door_one_number), or the same name, address and ZIP code, or one building (street
    and ZIP code) and agreeing names (importers.keys.names_agree) — unless one source lists
    both, each with its own number: then they are two programs under one roof ("Integral
    Care" detox and its opioid treatment program), and a person needs both numbers."""
    if one_door_one_number(first, second):
        return True
    same_building = first.building is not None and first.building == second.building
    if not same_building and first.exact != second.exact:
        return False
    if first.phone and first.phone == second.phone:
        return True
    if first.phone and second.phone and first.sources & second.sources:
        return False
    return first.exact == second.exact or names_agree(first.name, second.name)


class PlaceIndex:
    """Finds the known place a listing describes (see same_place): the candidates are the
    listings with its name and address, in its building, or with its ZIP code and phone."""

    def __init__(self) -> None:
        self.exact: dict[str, list[tuple[PlaceKeys, object]]] = {}
        self.by_building: dict[tuple[str, str], list[tuple[PlaceKeys, object]]] = {}
        self.by_line: dict[tuple[str, str], list[tuple[PlaceKeys, object]]] = {}

    def add(self, keys: PlaceKeys, value: object) -> None:
        self.exact.setdefault(keys.exact, []).append((keys, value))
        if keys.building:
            self.by_building.setdefault(keys.building, []).append((keys, value))
        if keys.line:
            self.by_line.setdefault(keys.line, []).append((keys, value))

    def find(self, keys: PlaceKeys) -> object | None:
        candidates = self.exact.get(keys.exact, [])
        if keys.building:
            candidates = candidates + self.by_building.get(keys.building, [])
        if keys.line:
            candidates = candidates + self.by_line.get(keys.line, [])
        return next((value for known, value in candidates if same_place(keys, known)), None)
