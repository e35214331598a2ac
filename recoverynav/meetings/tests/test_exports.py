"""What we publish, checked against the standards: calendars whose zone rules last as long as
their weekly rules, dial-in numbers a phone can use, and our Meeting Guide feed field by field
against the spec bundled in meetings/data (its README and spec-types.json)."""

import datetime as dt
import json
import re
from zoneinfo import ZoneInfo, available_timezones

import icalendar
import pytest
import time_machine

from recoverynav.meetings.feeds import read_bmlt
from recoverynav.meetings.forms import VIEWER_ZONES
from recoverynav.meetings.ical_zones import vtimezone
from recoverynav.meetings.importers.bmlt import BmltAnswer
from recoverynav.meetings.importers.meeting_guide import specific_address
from recoverynav.meetings.meeting_types import spec_types
from recoverynav.meetings.models import FeedSource, Meeting
from recoverynav.meetings.phones import parse_dial, split_dial_in
from recoverynav.meetings.services import import_bmlt, import_meetings
from recoverynav.meetings.tests.conftest import import_records, meeting_record

pytestmark = pytest.mark.django_db


# --- calendars -------------------------------------------------------------------------------


def offsets_agree(block: icalendar.Timezone, zone: str, years: range) -> list[dt.datetime]:
    """Instants where the VTIMEZONE's rules and the zone database disagree."""
    described, real = block.to_tz(), ZoneInfo(zone)
    wrong = []
    for year in years:
        for month in range(1, 13):
            for day, hour in ((1, 3), (8, 7), (15, 12), (25, 22)):
                instant = dt.datetime(year, month, day, hour, tzinfo=dt.UTC)
                if (
                    instant.astimezone(described).utcoffset()
                    != instant.astimezone(real).utcoffset()
                ):
                    wrong.append(instant)
    return wrong


@pytest.mark.parametrize("zone", [*VIEWER_ZONES[:17], "America/Edmonton", "Europe/Dublin"])
def test_a_zones_rules_repeat_every_year_without_end(zone) -> None:
    block = vtimezone(zone, first_year=2025)

    assert block is not None
    assert "2038" not in block.to_ical().decode()
    for rule in block.walk("STANDARD") + block.walk("DAYLIGHT"):
        if "RRULE" in rule:
            assert "UNTIL" not in rule["RRULE"]
            assert "COUNT" not in rule["RRULE"]
    assert offsets_agree(block, zone, range(2026, 2071, 11)) == []


def test_almost_every_zone_can_be_written_as_never_ending_rules() -> None:
    zones = sorted(z for z in available_timezones() if "/" in z and not z.startswith("Etc/"))
    unwritable = [zone for zone in zones if vtimezone(zone, first_year=2025) is None]

    # The rest keep icalendar's own block (transition times outside 0-24 h in their rules).
    assert len(unwritable) < 20, unwritable
    assert "America/New_York" not in unwritable


@time_machine.travel(dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC), tick=False)
def test_a_meetings_calendar_stays_right_after_2038(visitor) -> None:
    import_records([meeting_record(day=1, time="19:30", end_time="20:30")])
    meeting = Meeting.objects.get()

    calendar = icalendar.Calendar.from_ical(
        visitor.get(f"/meetings/{meeting.slug}/calendar.ics").content
    )

    (block,) = calendar.walk("VTIMEZONE")
    assert "only works" not in block.to_ical().decode()
    assert offsets_agree(block, "America/New_York", range(2038, 2061, 3)) == []
    (event,) = calendar.walk("VEVENT")
    assert event["RRULE"]["FREQ"] == ["WEEKLY"]
    assert "UNTIL" not in event["RRULE"]


# --- dial-in numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "dialable", "words"),
    [
        ("+19292056099,,537186093#,,,,,#90873115#", "+19292056099,,537186093#,,,,,#90873115#", ""),
        (
            "+1 646 558 8656 Meeting ID: 123 456 789 Passcode: peace",
            "+1 646 558 8656",
            "Meeting ID: 123 456 789 Passcode: peace",
        ),
        ("(669) 900-9128, ID 131278553", "(669) 900-9128", "ID 131278553"),
        ("Call the office", "", "Call the office"),
        ("12345", "", "12345"),
        (
            "+16465588656,,901964988#+16465588656,,901964988#,,1#,417417#",
            "+16465588656,,901964988#",
            "+16465588656,,901964988#,,1#,417417#",
        ),
    ],
)
def test_words_never_become_digits_of_a_dial_in_number(given, dialable, words) -> None:
    assert split_dial_in(given) == (dialable, words)


def test_a_one_tap_number_is_shown_as_a_number_and_dials_the_codes() -> None:
    dial = parse_dial("+19292056099,,537186093#,,,,,#90873115#")

    assert dial.number == "+1 929-205-6099"
    assert dial.uri == "tel:+19292056099,,537186093%23,,,,,%2390873115%23"
    assert dial.codes == ["537186093#", "#90873115#"]


def test_the_meeting_page_labels_the_button_in_words_and_never_overflows(visitor) -> None:
    import_records(
        [
            meeting_record(
                conference_url="https://zoom.us/j/1",
                conference_phone="+1 646 558 8656 Meeting ID: 123 456 789 Passcode: peace",
            )
        ]
    )
    meeting = Meeting.objects.get()

    html = visitor.get(f"/meetings/{meeting.slug}/").content.decode()

    assert meeting.conference_phone == "+1 646 558 8656"
    assert meeting.conference_phone_notes == "Meeting ID: 123 456 789 Passcode: peace"
    assert 'href="tel:+16465588656">Join by phone</a>' in html
    assert "The phone number is +1 646-558-8656." in html
    assert "Passcode: peace" in html


# --- our Meeting Guide feed, field by field -------------------------------------------------

TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
SPEC_FIELDS = {
    "name", "slug", "day", "time", "end_time", "timezone", "types", "notes", "location",
    "location_notes", "group", "formatted_address", "address", "city", "state", "postal_code",
    "country", "region", "latitude", "longitude", "approximate", "conference_url",
    "conference_url_notes", "conference_phone", "conference_phone_notes", "url", "feedback_url",
    "updated", "attendance_option",
}  # fmt: skip


@pytest.fixture
def published(visitor, gazetteer, feeds_dir) -> list[dict]:
    """Four real Meeting Guide feeds, the NA sample from BMLT, and a few hand-made edge
    cases, as our feed publishes them."""
    for name, filename, fellowship, zone in [
        ("sf-marin", "aasfmarin.test.json", "aa", "America/Los_Angeles"),
        ("al-anon-ma", "al-anon.json", "al-anon", "America/New_York"),
        ("sepia", "aasepia.json", "aa", "America/New_York"),
        ("dry-dock-sf", "airtable-json.test.json", "aa", "America/Los_Angeles"),
    ]:
        source = FeedSource(name=name, fellowship=fellowship, default_timezone=zone)
        import_meetings(source=source, data=(feeds_dir / filename).read_bytes())
    answer: BmltAnswer = read_bmlt("bundled:bmlt/gnyr-2018-GetSearchResults.json")
    import_bmlt(source=FeedSource(name="gnyr", kind="bmlt"), answer=answer)
    import_records(
        [
            meeting_record(slug="marathon", time="00:00", end_time="23:59"),
            meeting_record(slug="all-day", time="00:00", end_time="24:00"),
            meeting_record(slug="closed", types=["TC", "O"]),
            meeting_record(
                slug="dial",
                conference_url="https://zoom.us/j/9",
                conference_phone="+1 646 558 8656 ID 999 Passcode abc",
            ),
        ],
        source="edge",
    )
    response = visitor.get("/meetings/feed.json")
    return json.loads(b"".join(response.streaming_content))


def test_every_record_uses_only_the_specs_fields_with_the_specs_values(published) -> None:
    known = set(spec_types())
    assert len(published) == Meeting.objects.count() > 4500
    assert len({r["slug"] for r in published}) == len(published)
    for record in published:
        slug = record["slug"]
        assert set(record) <= SPEC_FIELDS, (slug, set(record) - SPEC_FIELDS)
        assert isinstance(record["name"], str)
        assert 0 < len(record["name"]) <= 255
        assert re.fullmatch(r"[a-z0-9_-]{1,64}", slug)  # URL-safe, at most 64
        if "day" in record:
            days = record["day"] if isinstance(record["day"], list) else [record["day"]]
            assert days, slug
            assert all(isinstance(d, int) and 0 <= d <= 6 for d in days), slug
            assert TIME.match(record["time"]), slug
            assert TIME.match(record["end_time"]), slug
            assert record["timezone"] in available_timezones(), slug
        assert set(record.get("types", [])) <= known, (slug, record.get("types"))
        assert record.get("approximate", "no") in {"yes", "no"}
        for key in ("url", "feedback_url", "conference_url"):
            if key in record:
                assert record[key].startswith(("https://", "http://")), (slug, key)
        assert record["url"].startswith("http://testserver/meetings/")  # absolute
        if "conference_phone" in record:
            assert re.fullmatch(r"\+?[\d,*#]+", record["conference_phone"]), slug
        if "updated" in record:
            assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", record["updated"])
        assert record["attendance_option"] in {"in_person", "online", "hybrid", "inactive"}
    assert not re.search(r"[\w.+-]+@[\w-]+\.\w", json.dumps(published))


def test_approximate_says_whether_the_address_is_a_door_or_only_a_town(published) -> None:
    for record in published:
        if "formatted_address" not in record:
            continue
        street = specific_address(
            {"address": record.get("address", ""), "formatted_address": record["formatted_address"]}
        )
        meeting = Meeting.objects.get(slug=record["slug"])
        if meeting.source.name != "al-anon-ma":  # that feed states its own flag, kept
            assert record["approximate"] == ("no" if street else "yes"), record["slug"]
        # A ZIP code's center is never published as the point of a street address.
        if record["approximate"] == "no" and meeting.approximate:
            assert "latitude" not in record, record["slug"]


def test_temporarily_closed_meetings_are_inactive_with_tc_and_long_ones_keep_their_end(
    published,
) -> None:
    by_slug = {record["slug"]: record for record in published}

    closed = by_slug["edge-closed"]
    assert closed["attendance_option"] == "inactive"
    assert "TC" in closed["types"]
    for meeting in Meeting.objects.filter(attendance="temporarily_closed"):
        assert by_slug[meeting.slug]["attendance_option"] == "inactive"
        assert "TC" in by_slug[meeting.slug]["types"]
    assert by_slug["edge-marathon"]["end_time"] == "23:59"
    # 00:00 to 24:00 is not written "00:00" to "00:00", which reads back as an hour.
    assert (by_slug["edge-all-day"]["time"], by_slug["edge-all-day"]["end_time"]) == (
        "00:00",
        "23:59",
    )
    assert by_slug["edge-dial"]["conference_phone"] == "+16465588656"
    assert by_slug["edge-dial"]["conference_phone_notes"] == "ID 999 Passcode abc"
    na = by_slug["gnyr-2"]
    assert (na["day"], na["time"], na["end_time"], na["types"]) == (
        6,
        "14:00",
        "15:30",
        ["M", "O", "ST"],
    )


def test_our_feed_read_again_gives_the_same_meetings(published) -> None:
    copy = FeedSource(name="copy", default_timezone="UTC")
    report = import_meetings(source=copy, data=json.dumps(published).encode())

    assert report.rejected == 0
    originals = {m.slug: m for m in Meeting.objects.exclude(source=copy)}
    for again in Meeting.objects.filter(source=copy):
        first = originals[again.source_slug]
        fields = ["name", "timezone", "types", "attendance", "formatted_address", "approximate"]
        assert [getattr(again, f) for f in fields] == [getattr(first, f) for f in fields], (
            first.slug
        )
        # Each weekly time keeps its day, start and length (a 24-hour meeting stays one).
        assert _weekly(again) == _weekly(first), first.slug
    assert _weekly(Meeting.objects.get(source=copy, source_slug="edge-all-day")) == [(1, 0, 1440)]


def _weekly(meeting: Meeting) -> list[tuple[int, int, int]]:
    return [(t.day, t.minute_of_day, t.end_minute - t.start_minute) for t in meeting.times.all()]


def test_the_pages_point_feed_readers_at_an_absolute_feed_url(visitor) -> None:
    for url in ("/meetings/", "/meetings/?place=22903", "/es/meetings/"):
        html = visitor.get(url).content.decode()
        assert (
            '<link rel="alternate" type="application/json" title="Meetings Feed" '
            'href="http://testserver/meetings.json">' in html
        ), url
