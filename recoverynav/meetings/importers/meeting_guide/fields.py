"""A Meeting Guide item's text, link and date fields as we keep them: plain text within our
column lengths, no e-mail addresses or markup in free text, only web links."""

import datetime as dt
import re
from typing import Any

from recoverynav.meetings.importers import MeetingRejected

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
TAG = re.compile(r"<[^>]{0,500}>")
# Text fields we keep and their longest accepted length; longer values reject the meeting.
TEXT_LIMITS = {
    "name": 255,
    "location": 255,
    "group": 255,
    "address": 255,
    "city": 100,
    "state": 100,
    "country": 50,
    "formatted_address": 500,
    "region": 255,
    "sub_region": 255,
    "notes": 5000,
    "location_notes": 5000,
    "conference_url_notes": 2000,
    "conference_phone_notes": 2000,
    "conference_phone": 100,
    "timezone": 64,
    "attendance_option": 20,
    "approximate": 10,
    "updated": 40,
    "postal_code": 20,
}
URL_LIMITS = {"conference_url": 500, "url": 500, "feedback_url": 3000}
FREE_TEXT = {"notes", "location_notes", "conference_url_notes", "conference_phone_notes"}
UPDATED_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%m/%d/%Y %I:%M:%S %p", "%Y-%m-%d"]


def text_field(item: dict, name: str, limit: int) -> str:
    value = item.get(name)
    if type(value) is not str:  # most values are plain text: one check for them
        if value is None or isinstance(value, bool):
            return ""
        if isinstance(value, int | float):
            value = str(value)
        elif not isinstance(value, str):
            raise MeetingRejected(
                f"{item.get('slug')}: {name} must be text, not {type(value).__name__}"
            )
    if len(value) > limit:
        raise MeetingRejected(f"{item.get('slug')}: {name} is longer than {limit} characters")
    value = value.strip()
    if name in FREE_TEXT and ("@" in value or "<" in value):
        value = EMAIL.sub("…", TAG.sub("", value))
    return value


def url_field(value: Any, limit: int) -> str:
    if not isinstance(value, str) or len(value) > limit:
        return ""
    value = value.strip()
    if not value.startswith(("https://", "http://")) or " " in value:
        return ""
    return value if value.split("/", 3)[2] else ""


def updated_at(value: str) -> dt.datetime | None:
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)  # the spec's format, parsed fast
    except ValueError:
        pass
    else:
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
    for pattern in UPDATED_FORMATS:
        try:
            return dt.datetime.strptime(value, pattern).replace(tzinfo=dt.UTC)
        except ValueError:
            continue
    return None
