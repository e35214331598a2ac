"""Importing Meeting Guide feeds: the real bundled feeds, their variants, and bad input."""

import json

import hypothesis
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from hypothesis import given
from hypothesis import strategies as st

from recoverynav.meetings import services
from recoverynav.meetings.demo_data import BUNDLED_FEEDS
from recoverynav.meetings.importers import FeedError
from recoverynav.meetings.models import (
    Attendance,
    FeedSource,
    Fellowship,
    ImportRun,
    Meeting,
    MeetingTime,
)
from recoverynav.meetings.services import import_meetings
from recoverynav.meetings.tests.conftest import import_records, meeting_record

pytestmark = pytest.mark.django_db

# Per bundled feed: meetings in the file, rejected, and the reasons of the rejected ones.
EXPECTED = {
    "aasepia.json": (2038, []),
    "aasanjose.test.json": (
        693,
        ["pass-it-on-group: the slug is used by an earlier meeting in the feed"],
    ),
    "aasfmarin.test.json": (658, []),
    "airtable-json.test.json": (545, []),
    "al-anon.json": (360, []),
    "atlanta.json": (6, []),
    "benlomond.test.json": (35, []),
    "eda.json": (185, []),
    "edmonton.json": (315, []),
    "kc.test.json": (206, []),
    "nwta.test.json": (613, []),
}


@pytest.mark.parametrize(
    ("name", "filename", "fellowship", "zone"), BUNDLED_FEEDS, ids=[f[0] for f in BUNDLED_FEEDS]
)
def test_it_imports_each_real_feed_and_reports_what_it_rejects(
    gazetteer, feeds_dir, name, filename, fellowship, zone
) -> None:
    total, reasons = EXPECTED[filename]
    source = FeedSource(name=name, fellowship=fellowship, default_timezone=zone)

    report = import_meetings(source=source, data=(feeds_dir / filename).read_bytes())

    assert report.total == total == len(json.loads((feeds_dir / filename).read_text()))
    assert report.rejections == reasons
    assert report.created == total - len(reasons) == Meeting.objects.filter(source=source).count()
    assert not Meeting.objects.filter(timezone="", times__isnull=False).exists()
    run = ImportRun.objects.get(source=source)
    assert (run.succeeded, run.created, run.rejected) == (True, report.created, len(reasons))
    assert run.errors == reasons[:200]


def test_it_imports_the_real_feeds_again_without_changing_anything(gazetteer, feeds_dir) -> None:
    source = FeedSource(name="sepia", fellowship="aa", default_timezone="America/New_York")
    data = (feeds_dir / "aasepia.json").read_bytes()
    import_meetings(source=source, data=data)
    before = list(Meeting.objects.order_by("pk").values())
    times_before = list(MeetingTime.objects.order_by("pk").values())

    report = import_meetings(source=source, data=data)

    assert (report.created, report.updated, report.removed, report.unchanged) == (0, 0, 0, 2038)
    assert list(Meeting.objects.order_by("pk").values()) == before
    assert list(MeetingTime.objects.order_by("pk").values()) == times_before


def test_it_reads_the_spec_variants_found_in_real_feeds(gazetteer) -> None:
    records = [
        meeting_record(slug=1, day="3", time="7:30 PM", end_time=..., types="[open]"),
        meeting_record(slug="b", day=[0, "6"], time="06:45", types=["onl", "", "C"]),
        meeting_record(
            slug="c",
            day="Friday",
            formatted_address=...,
            address="107 North Hughes Street",
            city="Amarillo",
            state="TX",
            postal_code=79107,
            country="USA",
            regions=["Panhandle", "Amarillo"],
            latitude="35.2163",
            longitude="-101.8485",
        ),
    ]

    report = import_records(records)

    assert report.rejections == []
    first, second, third = (Meeting.objects.get(source_slug=s) for s in ("1", "b", "c"))
    assert [(t.day, t.minute_of_day) for t in first.times.all()] == [(3, 19 * 60 + 30)]
    assert first.end_time.isoformat() == "20:30:00"  # an hour when end_time is missing
    assert first.types == ["O"]
    assert sorted(t.day for t in second.times.all()) == [0, 6]
    assert second.types == ["C"]  # ONL says nothing the link does not
    assert third.formatted_address == "107 North Hughes Street, Amarillo, TX 79107, USA"
    assert third.region == "Panhandle > Amarillo"
    assert (third.latitude, third.longitude, third.approximate) == (35.2163, -101.8485, False)


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"name": ...}, "has no name"),
        ({"name": ["a list"]}, "name must be text, not list"),
        ({"day": 7}, "day must be 0 (Sunday) to 6 (Saturday), not 7"),
        ({"day": True}, "day must be 0 (Sunday) to 6 (Saturday)"),
        ({"time": "25:00"}, "time '25:00' is not a time"),
        ({"time": "noonish"}, "time must look like 19:30"),
        ({"time": ...}, "a weekly meeting needs both a day and a time"),
        ({"notes": "x" * 5001}, "notes is longer than 5000 characters"),
        ({"types": {"O": True}}, "types must be a list of codes"),
    ],
)
def test_it_rejects_a_meeting_it_cannot_trust_and_says_why(overrides, reason) -> None:
    report = import_records([meeting_record(slug="bad", **overrides), meeting_record(slug="ok")])

    assert len(report.rejections) == 1
    assert report.rejections[0].startswith("bad: ")
    assert reason in report.rejections[0]
    assert list(Meeting.objects.values_list("source_slug", flat=True)) == ["ok"]


def test_it_rejects_records_without_a_slug_or_that_are_not_objects() -> None:
    report = import_records([meeting_record(slug=...), "text", meeting_record(slug="ok")])

    assert report.rejections == ["meeting #1: has no slug", "meeting #2: is not a JSON object"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<html>not json</html>", "not valid JSON"),
        (b'{"meetings": []}', "must be a JSON list of meetings"),
        (b"\xff\xfe", "not valid JSON"),
        (json.dumps([{"name": 5, "slug": "x", "day": "soon"}]).encode(), "None of the 1"),
        (json.dumps([meeting_record(notes="x" * 100_000)]).encode(), "longer than 5000"),
    ],
)
def test_a_broken_feed_changes_nothing_and_says_what_is_wrong(data, message) -> None:
    import_records([meeting_record(slug="kept")])
    source = FeedSource.objects.get(name="test")

    with pytest.raises(FeedError, match=message):
        import_meetings(source=source, data=data)

    assert list(Meeting.objects.values_list("source_slug", flat=True)) == ["kept"]
    assert not source.runs.first().succeeded


def test_it_refuses_a_feed_that_would_remove_more_than_half_unless_forced() -> None:
    import_records([meeting_record(slug=f"m{i}") for i in range(10)])

    with pytest.raises(FeedError, match="would remove 6 of the 10"):
        import_records([meeting_record(slug=f"m{i}") for i in range(4)])
    assert Meeting.objects.count() == 10

    report = import_records([meeting_record(slug=f"m{i}") for i in range(4)], force=True)
    assert report.removed == 6
    assert Meeting.objects.count() == 4


def test_it_updates_changed_meetings_and_removes_gone_ones_by_the_feeds_slug() -> None:
    import_records([meeting_record(slug=f"m{i}") for i in range(4)])
    kept = Meeting.objects.get(source_slug="m0")

    report = import_records(
        [
            meeting_record(slug="m0", time="18:00", day=[2, 4]),
            meeting_record(slug="m1"),
            meeting_record(slug="m2"),
            meeting_record(slug="new"),
        ]
    )

    assert (report.created, report.updated, report.unchanged, report.removed) == (1, 1, 2, 1)
    kept.refresh_from_db()
    assert kept.start_time.hour == 18
    assert sorted(kept.times.values_list("day", flat=True)) == [2, 4]
    assert not Meeting.objects.filter(source_slug="m3").exists()


def test_a_dry_run_reports_and_saves_nothing() -> None:
    report = import_records([meeting_record()], dry_run=True)

    assert report.created == 1
    assert not Meeting.objects.exists()
    assert not FeedSource.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "attendance"),
    [
        ({}, Attendance.IN_PERSON),
        ({"conference_url": "https://zoom.us/j/1"}, Attendance.HYBRID),
        ({"conference_phone": "+1 646 558 8656"}, Attendance.HYBRID),
        ({"types": ["O", "ONL"]}, Attendance.IN_PERSON),  # online needs a link or phone
        ({"types": ["TC"]}, Attendance.TEMPORARILY_CLOSED),
        ({"types": ["TC"], "conference_url": "https://zoom.us/j/1"}, Attendance.ONLINE),
        ({"conference_url": "javascript:alert(1)"}, Attendance.IN_PERSON),
        ({"attendance_option": "online"}, Attendance.INACTIVE),
        ({"attendance_option": "online", "conference_url": "https://x.org"}, Attendance.ONLINE),
        ({"attendance_option": "inactive"}, Attendance.INACTIVE),
        ({"formatted_address": ..., "latitude": ..., "longitude": ...}, Attendance.INACTIVE),
        ({"formatted_address": "Charlottesville, VA", "approximate": "yes"}, Attendance.INACTIVE),
        (  # the feed says one goes there, though it names only the town
            {
                "formatted_address": "Charlottesville, VA",
                "approximate": "yes",
                "attendance_option": "in_person",
            },
            Attendance.IN_PERSON,
        ),
        (
            {"formatted_address": "Charlottesville, VA", "conference_url": "https://x.org"},
            Attendance.ONLINE,
        ),
    ],
)
def test_it_derives_attendance_by_the_specs_rules(overrides, attendance) -> None:
    import_records([meeting_record(**overrides)])

    assert Meeting.objects.get().attendance == attendance


def test_it_places_meetings_without_coordinates_approximately(gazetteer) -> None:
    import_records(
        [
            meeting_record(slug="zip", latitude=..., longitude=..., timezone=...),
            meeting_record(
                slug="city",
                latitude=...,
                longitude=...,
                formatted_address=...,
                address="1 Main St",
                city="Amarillo",
                state="TX",
                timezone=...,
            ),
        ],
        default_timezone="America/Denver",
    )

    by_zip, by_city = (
        Meeting.objects.get(source_slug="zip"),
        Meeting.objects.get(source_slug="city"),
    )
    assert by_zip.approximate
    assert by_city.approximate
    assert round(by_zip.latitude) == 38
    assert round(by_city.latitude) == 35
    assert by_zip.timezone == "America/New_York"  # from the ZIP code, not the feed's default
    assert by_city.timezone == "America/Denver"  # no ZIP code: the feed's default


def test_it_rejects_a_weekly_meeting_whose_time_zone_is_unknown() -> None:
    report = import_records(
        [meeting_record(slug="a", timezone=..., formatted_address="Edmonton, AB"), meeting_record()]
    )

    assert report.rejections == [
        "a: no time zone (the feed gives none and the ZIP code is unknown; "
        "set a default time zone for this feed)"
    ]


def test_it_keeps_no_contact_emails_or_names_from_feeds() -> None:
    import_records(
        [
            meeting_record(
                notes="Call Bob at bob.smith@example.org <b>or</b> text",
                email="group@example.org",
                contact_1_name="Bob S.",
                contact_1_email="bob@example.org",
                entity_email="intergroup@example.org",
                feedback_emails=["x@example.org"],
            )
        ]
    )

    meeting = Meeting.objects.get()
    stored = json.dumps(next(iter(Meeting.objects.values())), default=str)
    assert "@example.org" not in stored
    assert "Bob S." not in stored
    assert meeting.notes == "Call Bob at … or text"


@pytest.mark.parametrize(
    ("name", "types", "fellowship"),
    [
        ("Tuesday Al-Anon Family Group", [], Fellowship.AL_ANON),
        ("Hope AFG", [], Fellowship.AL_ANON),
        ("SMART Recovery Tuesday", [], Fellowship.SMART),
        ("Just for Today NA", [], Fellowship.NA),
        ("Back to Basics AA", [], Fellowship.AA),
        ("Eating Disorders Anonymous", [], Fellowship.OTHER),
    ],
)
def test_it_infers_the_fellowship_from_names_when_the_feed_has_none(name, types, fellowship):
    import_records([meeting_record(name=name, types=types)])

    assert Meeting.objects.get().fellowship == fellowship


def test_the_feeds_configured_fellowship_wins() -> None:
    import_records([meeting_record(name="Hope AFG")], fellowship=Fellowship.AA)

    assert Meeting.objects.get().fellowship == Fellowship.AA


def test_the_command_imports_a_file_and_prints_rejections(tmp_path, capsys) -> None:
    path = tmp_path / "feed.json"
    path.write_text(json.dumps([meeting_record(), meeting_record(slug="x", day=9)]))

    call_command("import_meetings", str(path), "--source", "cville", "--fellowship", "AA")

    out = capsys.readouterr().out
    assert "Rejected x: day must be 0 (Sunday) to 6 (Saturday), not 9" in out
    assert "1 created" in out
    assert "1 rejected" in out
    assert FeedSource.objects.get(name="cville").fellowship == Fellowship.AA


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["missing.json", "--source", "x"], "Could not read missing.json"),
        (["f.json", "--source", "Bad Name"], "--source must be a short name"),
        (["f.json", "--source", "x", "--timezone", "Mars/Base"], "Unknown time zone"),
        (["f.json", "--source", "x", "--fellowship", "oa"], "Unknown fellowship"),
    ],
)
def test_the_command_explains_what_to_fix(arguments, message) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("import_meetings", *arguments)


def test_the_command_refuses_files_over_the_size_limit(tmp_path, settings) -> None:
    settings.MEETINGS_FEED_MAX_BYTES = 100
    path = tmp_path / "feed.json"
    path.write_text(json.dumps([meeting_record()]))

    with pytest.raises(CommandError, match="larger than 100 bytes"):
        call_command("import_meetings", str(path), "--source", "x")


@pytest.mark.parametrize(
    ("start", "end", "minutes"),
    [
        ("08:00", "23:00", 900),
        ("00:00", "24:00", 1440),
        ("00:00", "23:59", 1440),  # a minute before it starts again: how a day is written
        ("07:00", "06:59", 1440),
    ],
)
def test_it_keeps_long_meetings_at_their_real_length(start, end, minutes) -> None:
    import_records([meeting_record(time=start, end_time=end)])

    meeting = Meeting.objects.get()
    assert [t.end_minute - t.start_minute for t in meeting.times.all()] == [minutes]


def test_batched_inserts_store_every_kind_of_value_as_the_orm_would() -> None:
    import datetime as dt

    import_records(
        [
            meeting_record(
                slug="es",
                name="Reunión en español \"Serenidad\" \\ 'ñ'",
                types=["O", "S"],
                time="19:30",
                end_time="21:00",
                latitude=18.4655,
                longitude=-66.105994,
                updated="2026-10-01 12:00:00",
            ),
            meeting_record(slug="bare", types=[], time=..., end_time=..., day=..., updated=...),
        ]
    )

    meeting = Meeting.objects.get(source_slug="es")
    bare = Meeting.objects.get(source_slug="bare")
    assert meeting.name == "Reunión en español \"Serenidad\" \\ 'ñ'"
    assert meeting.types == ["O", "S"]
    assert (meeting.start_time, meeting.end_time) == (dt.time(19, 30), dt.time(21, 0))
    assert (meeting.latitude, meeting.longitude) == (18.4655, -66.105994)
    assert meeting.updated == dt.datetime(2026, 10, 1, 12, tzinfo=dt.UTC)
    assert list(meeting.times.values_list("day", "start_minute", "end_minute")) == [
        (1, 1440 + 19 * 60 + 30, 1440 + 21 * 60)
    ]
    assert (bare.types, bare.start_time, bare.updated, bare.times.count()) == ([], None, None, 0)


@hypothesis.settings(max_examples=300)
@given(st.text(alphabet="ab1-_ Z.é", min_size=1, max_size=10))
def test_page_slugs_match_slugify_whichever_path_makes_them(feed_slug) -> None:
    from django.utils.text import slugify

    from recoverynav.meetings.importers.meeting_guide import PLAIN_SLUG, our_slug

    if PLAIN_SLUG.fullmatch(feed_slug):  # the fast path must agree with slugify
        assert slugify(feed_slug) == feed_slug
        assert our_slug("aa", feed_slug) == f"aa-{feed_slug}"
    else:
        assert our_slug("aa", feed_slug).startswith(f"aa-{slugify(feed_slug)[:20]}".rstrip("-"))


def _statistics_marker() -> object:
    """When the meetings table's statistics were last refreshed by hand (PostgreSQL: the last
    VACUUM; SQLite: ANALYZE's row, which this test clears first)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT last_vacuum, last_analyze FROM pg_stat_user_tables "
                "WHERE relname = 'meetings_meeting'"
            )
            return cursor.fetchone()
        if "sqlite_stat1" not in connection.introspection.table_names(cursor):
            return None  # never analyzed
        cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'meetings_meeting'")
        return cursor.fetchall()


@pytest.mark.django_db(transaction=True)
def test_a_big_import_refreshes_planner_statistics_once_committed(monkeypatch, gazetteer) -> None:
    # On PostgreSQL a VACUUM too, so index-only scans need no table rows; it cannot run inside
    # the import's transaction, hence after the commit.
    monkeypatch.setattr(services, "ANALYZE_AFTER", 2)
    if connection.vendor == "sqlite" and _statistics_marker() is not None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM sqlite_stat1 WHERE tbl = 'meetings_meeting'")
    before = _statistics_marker()
    import_records([meeting_record(slug="a"), meeting_record(slug="b")])
    assert _statistics_marker() == before

    import_records([meeting_record(slug=slug) for slug in "abcde"])

    assert _statistics_marker() != before


def test_a_changed_meeting_has_every_field_it_stores_rewritten() -> None:
    from recoverynav.meetings.services import UPDATE_FIELDS

    stored = {f.attname for f in Meeting._meta.concrete_fields}
    assert set(UPDATE_FIELDS) == stored - {"id", "source_id", "source_slug"}


def test_types_outside_the_spec_are_mapped_named_or_dropped() -> None:
    import_records([meeting_record(types=["O", "ASBI", "LGBTQIA", "AC", "ONL", "ZZZ"])])

    meeting = Meeting.objects.get()
    assert meeting.types == ["O", "ABSI", "LGBTQ"]  # ASBI and LGBTQIA are spec codes misspelled
    assert meeting.other_formats == [
        {"en": "Adult children focus", "es": "Enfoque en hijos adultos"}
    ]  # AC: no spec code, but we can word it
    assert "|ONL|" not in meeting.type_codes  # the conference fields say "online"
