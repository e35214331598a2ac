"""Our meetings in open formats: iCalendar (RFC 5545) and the Meeting Guide JSON feed."""

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator

import icalendar

from recoverynav.meetings import schedule
from recoverynav.meetings.meeting_types import TYPE_EXPLANATIONS, type_label
from recoverynav.meetings.models import Attendance, Meeting

PHONE_CHARACTERS = set("0123456789+,*#")  # the spec: digits, + and one-tap , * #
ICAL_DAYS = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"]
ATTENDANCE_OPTION = {
    Attendance.IN_PERSON: "in_person",
    Attendance.ONLINE: "online",
    Attendance.HYBRID: "hybrid",
    Attendance.TEMPORARILY_CLOSED: "in_person",
    Attendance.INACTIVE: "inactive",
}


def calendar_for(
    meetings: Iterable[Meeting],
    *,
    now: dt.datetime,
    page_url: Callable[[Meeting], str],
    site_name: str,
) -> bytes:
    """One weekly VEVENT per meeting and weekday, in the meeting's own zone (with VTIMEZONE)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{site_name}//Meetings//EN")
    calendar.add("version", "2.0")
    for meeting in meetings:
        for row in meeting.weekly_times:
            calendar.add_component(_event(meeting, row, now=now, url=page_url(meeting)))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _event(meeting: Meeting, row, *, now: dt.datetime, url: str) -> icalendar.Event:
    start = schedule.next_start(start_minute=row.start_minute, zone=row.timezone, now=now)
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
    only when they have a value, and never contact e-mails or personal names."""
    days = sorted({row.day for row in meeting.weekly_times})
    record: dict = {"name": meeting.name, "slug": meeting.slug}
    if days:
        record["day"] = days[0] if len(days) == 1 else days
        record["time"] = meeting.start_time.strftime("%H:%M")
        record["end_time"] = meeting.end_time.strftime("%H:%M")
    optional = {
        "timezone": meeting.timezone,
        "types": list(meeting.types),
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
    if meeting.latitude is not None:
        record["latitude"] = round(meeting.latitude, 5)
        record["longitude"] = round(meeting.longitude, 5)
        record["approximate"] = "yes" if meeting.approximate else "no"
    if meeting.updated:
        record["updated"] = meeting.updated.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")
    record["attendance_option"] = ATTENDANCE_OPTION[meeting.attendance]
    if meeting.attendance == Attendance.TEMPORARILY_CLOSED and "TC" not in record.get("types", []):
        record["types"] = [*record.get("types", []), "TC"]
    return record


def feed_chunks(records: Iterator[dict]) -> Iterator[str]:
    """A JSON list written piece by piece, so 250,000 meetings never sit in memory at once."""
    yield "["
    for index, record in enumerate(records):
        yield ("," if index else "") + json.dumps(record, ensure_ascii=False)
    yield "]"


def type_names(codes: Iterable[str]) -> list[dict]:
    """Codes with their name and, for the common ones, what they mean, in the page's language."""
    return [
        {"code": code, "label": label, "explanation": TYPE_EXPLANATIONS.get(code, "")}
        for code in codes
        if (label := type_label(code))
    ]
