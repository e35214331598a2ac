"""Meeting Guide JSON (code4recovery spec) → clean meeting values, one meeting at a time.

Real feeds bend the spec: `day` as a number, a string or a list; times like "7:30 PM"; no
`end_time`; `types` missing or given as the string "[open]"; `formatted_address` or split
address parts; `region`/`sub_region` or a `regions` list; coordinates as strings. This package
accepts those, rejects what cannot be trusted (with the reason) and never keeps contact
emails, personal names or other fields we do not show.

Here: the feed's slugs, the content hash and the record builder (`clean_meeting`). Beside it:
`fields` (text, links, dates), `times` (days, times, time zones), `places` (ZIP code, point,
address, region) and `kinds` (types, fellowship, attendance); `context` is the feed's settings.
"""

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from django.utils.text import slugify

from recoverynav.meetings.importers import MeetingRejected
from recoverynav.meetings.importers.meeting_guide.context import FeedContext
from recoverynav.meetings.importers.meeting_guide.fields import (
    FREE_TEXT,
    TEXT_LIMITS,
    URL_LIMITS,
    text_field,
    updated_at,
    url_field,
)
from recoverynav.meetings.importers.meeting_guide.kinds import (
    attendance_of,
    fellowship_of,
    other_formats_of,
    types_of,
)
from recoverynav.meetings.importers.meeting_guide.places import (
    NOT_A_PLACE,
    approximate_point,
    city_in,
    coordinates_of,
    join_address,
    postal_code_of,
    region_of,
    specific_address,
)
from recoverynav.meetings.importers.meeting_guide.times import (
    MINUTES_PER_DAY,
    clock,
    schedule_of,
    timezone_of,
)
from recoverynav.meetings.models import search_text_of
from recoverynav.meetings.phones import split_dial_in

# A feed's own number in front of a name ("30781044 Seaside Serenity AFG"): four digits or
# more, unless the rest is a bare "Group" or "Club" ("1910 Group" is a name).
FEED_NUMBER = re.compile(r"^\d{4,}\s+(?!(?:group|club)s?$)(?=\S)", re.IGNORECASE)
# Every field clean_meeting reads; the content hash covers exactly these.
HASHED_FIELDS = [
    *TEXT_LIMITS,
    *URL_LIMITS,
    "slug",
    "day",
    "time",
    "end_time",
    "types",
    "regions",
    "latitude",
    "longitude",
    "_other_formats",  # set by the BMLT importer: formats without a Meeting Guide code
]
# One encoder for every meeting (json.dumps builds a new one per call when given options);
# the same output as json.dumps(values, ensure_ascii=False, default=str), so stored hashes hold.
_HASH_ENCODER = json.JSONEncoder(ensure_ascii=False, default=str)
MAX_SLUG_LENGTH = 200
# What django's slugify returns unchanged: lower-case letters and digits joined by single - or _.
PLAIN_SLUG = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
MAX_OUR_SLUG_LENGTH = 64


class MeetingGuideReader:
    """How the common import reads a Meeting Guide feed's items: each item is its own
    record. (The BMLT reader converts its items, and only the new or changed ones.)"""

    slug = staticmethod(lambda item, index: feed_slug(item, index))
    digest = staticmethod(lambda item, signature: content_hash(item, signature))
    record = staticmethod(lambda item: item)
    note = staticmethod(lambda item, slug: "")


@dataclass
class CleanMeeting:
    source_slug: str
    slug: str
    values: dict[str, Any]
    days: list[int]
    start_minute: int | None
    duration: int


def feed_slug(item: Any, index: int) -> str:
    """The feed's own id of a meeting; rejects meetings without a usable one."""
    if not isinstance(item, dict):
        raise MeetingRejected(f"meeting #{index + 1}: is not a JSON object")
    slug = item.get("slug")
    if isinstance(slug, bool) or not isinstance(slug, str | int) or str(slug).strip() == "":
        raise MeetingRejected(f"meeting #{index + 1}: has no slug")
    slug = str(slug).strip()
    if len(slug) > MAX_SLUG_LENGTH:
        raise MeetingRejected(
            f"meeting #{index + 1}: slug longer than {MAX_SLUG_LENGTH} characters"
        )
    return slug


def content_hash(item: dict, signature: str) -> str:
    """Changes when a field we read, or our configuration for the feed, changes."""
    text = _HASH_ENCODER.encode(list(map(item.get, HASHED_FIELDS))) + signature
    return hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()


def our_slug(source: str, source_slug: str) -> str:
    """Stable page slug of at most 64 characters (the spec's limit): the source name and the
    feed's slug, with a short hash when the feed's slug had to be changed or shortened (so two
    feed slugs never collide)."""
    # Most feed slugs are already slugs; slugify (Unicode normalization, two regexes) would
    # give them back unchanged.
    base = source_slug if PLAIN_SLUG.fullmatch(source_slug) else slugify(source_slug)
    slug = f"{source}-{base}"
    if base == source_slug and len(slug) <= MAX_OUR_SLUG_LENGTH:
        return slug
    digest = hashlib.md5(source_slug.encode(), usedforsecurity=False).hexdigest()[:6]
    base = base[: MAX_OUR_SLUG_LENGTH - len(source) - 8].strip("-")
    return f"{source}-{base}-{digest}" if base else f"{source}-{digest}"


def clean_meeting(item: dict, *, source_slug: str, context: FeedContext) -> CleanMeeting:
    """The values we store for one feed item, or MeetingRejected saying why not."""
    text = _texts(item, source_slug)
    days, start, duration = schedule_of(item)
    types, other_formats = types_of(item.get("types"), source_slug)
    if "_other_formats" in item:
        other_formats += other_formats_of(item["_other_formats"])
    urls = {name: url_field(item.get(name), limit) for name, limit in URL_LIMITS.items()}
    postal_code = postal_code_of(item.get("postal_code"), text)
    latitude, longitude, approximate = _point(item, postal_code, text, context)
    zone = timezone_of(text["timezone"], postal_code, context)
    if days and not zone:
        raise MeetingRejected(
            f"{source_slug}: no time zone (the feed gives none and the ZIP code is unknown; "
            "set a default time zone for this feed)"
        )
    values = {
        "name": text["name"],
        "start_time": clock(start),
        "end_time": clock((start + duration) % MINUTES_PER_DAY) if start is not None else None,
        "timezone": zone,
        "types": types,
        "type_codes": "|" + "|".join(types) + "|" if types else "",
        "other_formats": other_formats or None,
        "notes": text["notes"],
        "location_name": text["location"],
        "location_notes": text["location_notes"],
        "group_name": text["group"],
        "address": text["address"],
        "city": text["city"] or city_in(text["formatted_address"]),
        "state": text["state"],
        "postal_code": postal_code,
        "country": text["country"],
        "formatted_address": text["formatted_address"] or join_address(text, postal_code),
        "latitude": latitude,
        "longitude": longitude,
        "approximate": approximate,
        "region": region_of(item, text),
        "conference_url": urls["conference_url"],
        "conference_url_notes": text["conference_url_notes"],
        "conference_phone": _dial_in(text),
        "conference_phone_notes": text["conference_phone_notes"],
        "url": urls["url"],
        "feedback_url": urls["feedback_url"],
        "updated": updated_at(text["updated"]),
    }
    _add_derived(values, text, types, context=context)
    return CleanMeeting(
        source_slug=source_slug,
        slug=our_slug(context.source, source_slug),
        values=values,
        days=days,
        start_minute=start,
        duration=duration,
    )


def _texts(item: dict, source_slug: str) -> dict[str, str]:
    """Every text field, within its length; the name without a feed's own number."""
    text = {}
    for name, limit in TEXT_LIMITS.items():
        value = item.get(name)
        # Most values are short plain text: one check here instead of a call for each.
        if type(value) is str and len(value) <= limit and name not in FREE_TEXT:
            text[name] = value.strip()
        else:
            text[name] = text_field(item, name, limit)
    if text["name"][:1].isdigit():
        text["name"] = FEED_NUMBER.sub("", text["name"])
    if not text["name"]:
        raise MeetingRejected(f"{source_slug}: has no name")
    text["approximate"] = text["approximate"].lower()
    if text["location"] and NOT_A_PLACE.match(text["location"]):
        text["location"] = ""  # "Remote Meeting" is not where anyone goes
    return text


def _point(
    item: dict, postal_code: str, text: dict[str, str], context: FeedContext
) -> tuple[float | None, float | None, bool]:
    """The meeting's coordinates, else its ZIP code's or town's point (approximate)."""
    latitude, longitude = coordinates_of(item)
    approximate = text["approximate"] == "yes"
    if latitude is None:
        latitude, longitude = approximate_point(postal_code, text, context)
        approximate = latitude is not None or approximate
    return latitude, longitude, approximate


def _dial_in(text: dict[str, str]) -> str:
    """The dial-in number; words after it (a PIN, "press 1") join the phone notes."""
    if not text["conference_phone"]:
        return ""
    phone, phone_words = split_dial_in(text["conference_phone"])
    notes = text["conference_phone_notes"]
    if phone_words and phone_words not in notes:
        text["conference_phone_notes"] = "\n".join(part for part in (phone_words, notes) if part)
    return phone


def _add_derived(
    values: dict[str, Any],
    text: dict[str, str],
    types: list[str],
    *,
    context: FeedContext,
) -> None:
    """What the stored values say together: how vague the address is, the fellowship, how
    one attends, and the lower-case words the keyword search reads."""
    street = specific_address(values)
    vague = text["approximate"] == "yes" if text["approximate"] in {"yes", "no"} else not street
    values["address_approximate"] = vague if values["formatted_address"] else None
    # A town's or an area's point is only roughly where the meeting is.
    values["approximate"] = values["approximate"] or bool(values["address_approximate"])
    values["fellowship"] = context.fellowship or fellowship_of(text)
    values["attendance"] = attendance_of(
        values,
        types,
        option=text["attendance_option"],
        approximate=text["approximate"] == "yes",
        street=street,
    )
    values["search_text"] = search_text_of(values)
