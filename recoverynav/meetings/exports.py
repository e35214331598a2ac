"""Our meetings in open formats: iCalendar (RFC 5545) and the Meeting Guide JSON feed."""

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator

import icalendar
from django.db import transaction
from django.db.models import Max
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import iri_to_uri

from recoverynav.core import export_files
from recoverynav.meetings import schedule
from recoverynav.meetings.ical_zones import vtimezone
from recoverynav.meetings.importers.meeting_guide import specific_address
from recoverynav.meetings.meeting_types import explanation, format_name, spec_types, type_label
from recoverynav.meetings.models import Attendance, FeedSource, ImportRun, Meeting, MeetingTime
from recoverynav.meetings.selectors import meetings_for_feed

PHONE_CHARACTERS = set("0123456789+,*#")  # the spec: digits, + and one-tap , * #
ICAL_DAYS = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"]
ATTENDANCE_OPTION = {
    Attendance.IN_PERSON: "in_person",
    Attendance.ONLINE: "online",
    Attendance.HYBRID: "hybrid",
    # TSML's reading of the spec: a closed building with no online option is inactive, and
    # the TC type says why (temporarily, not gone).
    Attendance.TEMPORARILY_CLOSED: "inactive",
    Attendance.INACTIVE: "inactive",
}


def calendar_for(
    meetings: Iterable[Meeting],
    *,
    now: dt.datetime,
    page_url: Callable[[Meeting], str],
    site_name: str,
) -> bytes:
    """One weekly VEVENT per meeting and weekday, in the meeting's own zone, with a VTIMEZONE
    whose yearly rules never end, like the weekly RRULEs (see ical_zones)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{site_name}//Meetings//EN")
    calendar.add("version", "2.0")
    events = [
        _event(meeting, row, now=now, url=page_url(meeting))
        for meeting in meetings
        for row in meeting.weekly_times
    ]
    zones = sorted({row.timezone for meeting in meetings for row in meeting.weekly_times})
    for zone in zones:
        block = vtimezone(zone, first_year=now.year - 1)
        if block is not None:
            calendar.add_component(block)
    for event in events:
        calendar.add_component(event)
    calendar.add_missing_timezones()  # only zones whose rule vtimezone() cannot write
    return calendar.to_ical()


def _event(meeting: Meeting, row, *, now: dt.datetime, url: str) -> icalendar.Event:
    start = schedule.next_start(
        start_minute=row.start_minute, zone=row.timezone, now=now, end_minute=row.end_minute
    )
    event = icalendar.Event()
    event.add("uid", f"{meeting.slug}-{row.day}@recoverynav")
    event.add("dtstamp", now.astimezone(dt.UTC))
    event.add("summary", meeting.name)
    event.add("dtstart", start)
    event.add("dtend", start + dt.timedelta(minutes=row.end_minute - row.start_minute))
    event.add("rrule", {"freq": "weekly", "byday": ICAL_DAYS[row.day]})
    event.add("url", url)
    if meeting.is_in_person and meeting.formatted_address:
        event.add("location", meeting.formatted_address)
    elif meeting.conference_url:
        event.add("location", meeting.conference_url)
    details = [meeting.notes, ", ".join(meeting.type_labels), url]
    if meeting.is_online:
        details.insert(0, meeting.conference_url or meeting.conference_phone)
    event.add("description", "\n\n".join(part for part in details if part))
    return event


def feed_record(meeting: Meeting, *, url: str, feedback_url: str) -> dict:
    """One meeting in the Meeting Guide format: required name and slug, the optional fields
    only when they have a value, and never contact emails or personal names.

    By the spec's words: `approximate` says whether the *address* is approximate (a town, not
    a street), and coordinates are given only when they are the meeting's own or, for an
    approximate address, the town's (not a ZIP code's center standing in for a street
    address); only the spec's type codes; the phone as digits and one-tap characters."""
    days = sorted({row.day for row in meeting.weekly_times})
    record: dict = {"name": meeting.name, "slug": meeting.slug}
    if days:
        record["day"] = days[0] if len(days) == 1 else days
        record["time"] = meeting.start_time.strftime("%H:%M")
        record["end_time"] = _end_time(meeting)
    known = spec_types()
    optional = {
        "timezone": meeting.timezone,
        "types": [code for code in meeting.types if code in known],
        "notes": meeting.notes,
        "location": meeting.location_name,
        "location_notes": meeting.location_notes,
        "group": meeting.group_name,
        "formatted_address": meeting.formatted_address,
        "address": meeting.address,
        "city": meeting.city,
        "state": meeting.state,
        "postal_code": meeting.postal_code,
        "country": meeting.country,
        "region": meeting.region,
        "conference_url": meeting.conference_url,
        "conference_url_notes": meeting.conference_url_notes,
        "conference_phone": "".join(c for c in meeting.conference_phone if c in PHONE_CHARACTERS),
        "conference_phone_notes": meeting.conference_phone_notes,
        "url": url,
        "feedback_url": feedback_url,
    }
    record.update({key: value for key, value in optional.items() if value})
    vague = meeting.address_approximate
    if vague is None and meeting.formatted_address:
        vague = not specific_address(
            {"address": meeting.address, "formatted_address": meeting.formatted_address}
        )
    if vague is not None:
        record["approximate"] = "yes" if vague else "no"
    # A ZIP code's center standing in for a street address is no point to publish.
    if meeting.latitude is not None and (vague or not meeting.approximate):
        record["latitude"] = round(meeting.latitude, 5)
        record["longitude"] = round(meeting.longitude, 5)
    if meeting.updated:
        record["updated"] = meeting.updated.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")
    record["attendance_option"] = ATTENDANCE_OPTION[meeting.attendance]
    if meeting.attendance == Attendance.TEMPORARILY_CLOSED and "TC" not in record.get("types", []):
        record["types"] = [*record.get("types", []), "TC"]
    return record


def _end_time(meeting: Meeting) -> str:
    """The end as the spec has it; a 24-hour meeting ends a minute before it starts again
    ("00:00" to "23:59", as the BMLT reader writes it): "00:00" to "00:00" reads back as an
    hour."""
    rows = meeting.weekly_times
    if rows and rows[0].end_minute - rows[0].start_minute >= schedule.MINUTES_PER_DAY:
        start = meeting.start_time
        day = schedule.MINUTES_PER_DAY
        last = (start.hour * 60 + start.minute + day - 1) % day
        return f"{last // 60:02d}:{last % 60:02d}"
    return meeting.end_time.strftime("%H:%M")


def feed_chunks(records: Iterator[dict]) -> Iterator[str]:
    """A JSON list written piece by piece, so 250,000 meetings never sit in memory at once."""
    yield "["
    for index, record in enumerate(records):
        yield ("," if index else "") + json.dumps(record, ensure_ascii=False)
    yield "]"


def type_names(meeting: Meeting) -> list[dict]:
    """The meeting's types with their names and, for the common ones, what they mean at this
    fellowship's meetings, then the source's other formats by name, in the page's language."""
    names = [
        {"code": code, "label": label, "explanation": explanation(code, meeting.fellowship)}
        for code in meeting.types
        if (label := type_label(code))
    ]
    return names + [
        {"code": "", "label": format_name(other), "explanation": ""}
        for other in meeting.other_formats or []
    ]


# --- the whole feed, built once per data change (core/export_files) ---------------------------
FEED_EXPORT = "meetings-feed"


def feed_version(params: dict) -> str:
    """Changes with every import run (each records one, even when it changes nothing) and
    every meeting added; two index lookups, not a count, since it is read on every request
    (250,000 meetings). Edits and deletions outside an import (the admin, a source deleted
    with its meetings) mark the feed stale instead (`feed_edited`)."""
    runs = ImportRun.objects.aggregate(top=Max("pk"))
    meetings = Meeting.objects.aggregate(top=Max("pk"))
    return f"{runs['top']}:{meetings['top']}"


def whole_feed_chunks(params: dict) -> Iterator[str]:
    """The feed as `/meetings/feed.json` serves it to a client at `origin` in `language`:
    absolute page and report URLs, all meetings or one source's."""
    origin = params["origin"]
    with translation.override(params["language"]):

        def record(meeting: Meeting) -> dict:
            page = reverse("meetings:meeting", args=[meeting.slug])
            report = reverse("meetings:report", args=[meeting.slug])
            return feed_record(
                meeting,
                url=iri_to_uri(origin + page),
                feedback_url=meeting.feedback_url or iri_to_uri(origin + report),
            )

        meetings = meetings_for_feed(source=params["source"])
        yield from feed_chunks(record(m) for m in meetings.iterator(chunk_size=2000))


export_files.register(
    export_files.ExportKind(
        name=FEED_EXPORT,
        content_type="application/json",
        version=feed_version,
        chunks=whole_feed_chunks,
    )
)


def feed_edited(**kwargs: object) -> None:
    """A meeting, its times or a source changed outside an import (the admin): now, and
    again once committed, so a feed built meanwhile from the old rows is not kept."""
    export_files.mark_stale(FEED_EXPORT)
    transaction.on_commit(lambda: export_files.mark_stale(FEED_EXPORT))


def connect_signals() -> None:
    for model in (Meeting, MeetingTime, FeedSource):
        for signal in (post_save, post_delete):
            signal.connect(feed_edited, sender=model, dispatch_uid=f"feed-{model.__name__}")
