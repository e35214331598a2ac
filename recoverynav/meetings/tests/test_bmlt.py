"""NA meetings from BMLT: the real Greater New York sample, answers that are broken in every
way a server can break them, and a sync against a local fake root server."""

import copy
import json
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from django.utils import translation

from recoverynav.meetings.feeds import BUNDLED_DIR, bmlt_urls, read_bmlt
from recoverynav.meetings.importers import FeedError
from recoverynav.meetings.importers.bmlt import BmltAnswer
from recoverynav.meetings.models import Attendance, FeedSource, ImportRun, Meeting
from recoverynav.meetings.services import import_bmlt, sync_meetings

pytestmark = pytest.mark.django_db
SAMPLE = BUNDLED_DIR / "bmlt"


def sample(name: str):
    return json.loads((SAMPLE / f"gnyr-2018-{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def answer() -> BmltAnswer:
    """The bundled sample, as a root server would answer it."""
    return BmltAnswer(
        meetings=sample("GetSearchResults"),
        formats={"en": sample("GetFormats-en"), "es": sample("GetFormats-es")},
        service_bodies=sample("service-bodies"),
    )


def na_source(**fields) -> FeedSource:
    return FeedSource(
        **{"name": "gnyr", "kind": "bmlt", "default_timezone": "America/New_York", **fields}
    )


def imported(answer: BmltAnswer, **options):
    source = FeedSource.objects.filter(name="gnyr").first() or na_source()
    return import_bmlt(source=source, answer=answer, **options)


def test_it_imports_the_real_sample_of_greater_new_york(answer, gazetteer) -> None:
    report = imported(answer)

    assert (report.total, report.created, report.rejected) == (1513, 1513, 0)
    assert Meeting.objects.count() == 1513
    assert set(Meeting.objects.values_list("fellowship", flat=True)) == {"na"}
    assert set(Meeting.objects.values_list("timezone", flat=True)) == {"America/New_York"}
    run = ImportRun.objects.get()
    assert (run.succeeded, run.created) == (True, 1513)
    assert FeedSource.objects.get(name="gnyr").meeting_count == 1513


def test_weekday_one_is_sunday_and_times_and_lengths_are_kept(answer) -> None:
    imported(answer)

    # "Nothing Macho": weekday_tinyint "7" (Saturday) 14:00 for 01:30:00.
    macho = Meeting.objects.get(source_slug="2")
    assert [(t.day, t.minute_of_day) for t in macho.times.all()] == [(6, 14 * 60)]
    assert (macho.start_time.isoformat(), macho.end_time.isoformat()) == ("14:00:00", "15:30:00")
    # "Beginner Meeting on Sunday": weekday "1".
    assert [t.day for t in Meeting.objects.get(source_slug="7").times.all()] == [0]
    # The sample's 12-hour meeting stays 12 hours long.
    nooner = Meeting.objects.get(name="Nooner")
    assert [t.end_minute - t.start_minute for t in nooner.times.all()] == [12 * 60]


def test_the_address_parts_make_one_address_and_the_area_is_the_service_body(answer) -> None:
    imported(answer)

    macho = Meeting.objects.get(source_slug="2")
    assert macho.formatted_address == "3424 Kossuth Ave., Bronx, NY 10467, USA"
    assert (macho.address, macho.city, macho.state, macho.postal_code, macho.country) == (
        "3424 Kossuth Ave.",
        "Bronx",
        "NY",
        "10467",
        "US",
    )
    assert macho.location_name == "North Central Bronx Hospital, Room 14B07"
    assert macho.location_notes == "@210th St"
    assert macho.region == "Bronx Area Service"
    assert macho.attendance == Attendance.IN_PERSON
    assert (round(macho.latitude, 4), round(macho.longitude, 4)) == (40.8806, -73.8815)
    assert not macho.approximate


def test_an_in_person_meeting_without_location_street_stays_searchable(answer) -> None:
    report = imported(answer)

    # 597 and 2677 give their street only as location_text: it is read as the street.
    for slug, street in [("597", "80 Old Mill Road"), ("2677", "230 South 7th Ave")]:
        meeting = Meeting.objects.get(source_slug=slug)
        assert meeting.attendance == Attendance.IN_PERSON
        assert meeting.address == street
        assert meeting.formatted_address.startswith(f"{street}, ")
        assert meeting.location_name == ""
        assert meeting.address_approximate is False
    # 395 names only a building: in person, at its town's address, marked approximate.
    school = Meeting.objects.get(source_slug="395")
    assert (school.attendance, school.location_name) == (Attendance.IN_PERSON, "Allah School")
    assert school.formatted_address == "Manhattan, NY 10027, USA"
    assert school.address_approximate is True
    assert not Meeting.objects.filter(attendance=Attendance.INACTIVE).exists()
    # Every guess is in the run's notes, and the summary counts them.
    assert len(report.notes) == 8
    assert any(note.startswith("597: no location_street") for note in report.notes)
    assert any(note.startswith("395: no street address") for note in report.notes)
    assert "8 read with a guess" in report.summary()
    assert any(note.startswith("597: no location_street") for note in ImportRun.objects.get().notes)
    # Said again when nothing changed, so a later run's record does not hide them.
    assert len(imported(answer).notes) == 8


def test_formats_become_meeting_guide_types_through_their_world_id(answer) -> None:
    imported(answer)

    # formats "M,O,St" = Men (M), Open (OPEN), Step (STEP)
    assert Meeting.objects.get(source_slug="2").types == ["M", "O", "ST"]
    # "B,O,WC" = Beginners (BEG), Open, Wheelchair (WCHR)
    assert Meeting.objects.get(source_slug="7").types == ["BE", "O", "X"]
    spanish = Meeting.objects.filter(type_codes__contains="|S|")
    assert spanish.count() == 26  # the LANG format named "Espanol"


def test_an_aggregators_meetings_are_told_apart_by_root_server_with_their_own_formats() -> None:
    # Two root servers behind one aggregator: the same meeting id, and format id 1 meaning
    # Open on one server and Closed on the other.
    base = sample("GetSearchResults")[0]
    meetings = [
        {**base, "id_bigint": "5", "root_server_id": "12", "format_shared_id_list": "1"},
        {**base, "id_bigint": "5", "root_server_id": "34", "format_shared_id_list": "1,2"},
    ]
    formats = [
        {"id": "1", "root_server_id": "12", "world_id": "OPEN", "key_string": "O"},
        {"id": "1", "root_server_id": "34", "world_id": "CLOSED", "key_string": "C"},
        {"id": "2", "root_server_id": "34", "world_id": "BEG", "key_string": "B"},
    ]
    for row in formats:
        row["name_string"] = row["world_id"].title()
    report = imported(BmltAnswer(meetings=meetings, formats={"en": formats}))

    assert (report.created, report.rejected) == (2, 0)
    by_slug = {m.source_slug: m for m in Meeting.objects.all()}
    assert set(by_slug) == {"12-5", "34-5"}
    assert by_slug["12-5"].types == ["O"]
    assert by_slug["34-5"].types == ["C", "BE"]
    assert by_slug["12-5"].slug != by_slug["34-5"].slug


def test_the_import_command_reads_a_saved_bmlt_answer(capsys) -> None:
    call_command(
        "import_meetings",
        str(SAMPLE / "gnyr-2018-GetSearchResults.json"),
        "--source",
        "gnyr",
        "--kind",
        "bmlt",
        "--timezone",
        "America/New_York",
    )

    out = capsys.readouterr().out
    assert "gnyr: 1513 meetings in the feed; 1513 created" in out
    assert "Note 597: no location_street" in out
    source = FeedSource.objects.get(name="gnyr")
    assert (source.kind, source.fellowship or "na") == ("bmlt", "na")
    assert Meeting.objects.filter(fellowship="na").count() == 1513
    assert Meeting.objects.filter(other_formats__isnull=False).exists()  # GetFormats beside it


def test_formats_without_a_code_are_kept_by_name_in_english_and_spanish(answer) -> None:
    imported(answer)

    ladies_day = Meeting.objects.get(source_slug="4")  # "IP,O,RF"
    assert ladies_day.types == ["O"]
    assert ladies_day.other_formats == [
        {"en": "Informational Pamphlet", "es": "Folleto Informativo"},
        {"en": "Rotating Format", "es": "Formato que Rota"},
    ]
    with translation.override("es"):
        assert ladies_day.type_labels == ["Abierta", "Folleto Informativo", "Formato que Rota"]
    # The sample's Spanish names are double-encoded UTF-8; they are repaired.
    names = {n.get("es") for m in Meeting.objects.all() for n in m.other_formats or []}
    assert "Texto Básico" in names
    assert not any("Ã" in name for name in names if name)


def test_virtual_and_hybrid_venues_take_their_link_and_phone() -> None:
    meeting = sample("GetSearchResults")[0]
    online = {
        **meeting,
        "id_bigint": "9001",
        "venue_type": "2",
        "virtual_meeting_link": "https://zoom.us/j/555",
        "phone_meeting_number": "+16465588656,,555#",
        "virtual_meeting_additional_info": "Passcode 1234",
    }
    hybrid = {**online, "id_bigint": "9002", "venue_type": "3"}
    answer = BmltAnswer(meetings=[online, hybrid], formats={"en": sample("GetFormats-en")})

    imported(answer)

    first, second = Meeting.objects.order_by("source_slug")
    assert first.attendance == Attendance.ONLINE
    assert first.conference_url == "https://zoom.us/j/555"
    assert first.conference_phone == "+16465588656,,555#"
    assert first.conference_url_notes == "Passcode 1234"
    assert second.attendance == Attendance.HYBRID


def test_the_meetings_own_zone_wins_then_its_zip_code_then_the_default(gazetteer) -> None:
    base = sample("GetSearchResults")[0]
    records = [
        {**base, "id_bigint": "1", "time_zone": "America/Chicago"},
        {**base, "id_bigint": "2", "location_postal_code_1": "22903", "location_province": "VA"},
        {**base, "id_bigint": "3", "location_postal_code_1": ""},
    ]
    source = na_source(default_timezone="America/Denver")

    import_bmlt(source=source, answer=BmltAnswer(records, {"en": sample("GetFormats-en")}))

    zones = dict(Meeting.objects.values_list("source_slug", "timezone"))
    assert zones == {"1": "America/Chicago", "2": "America/New_York", "3": "America/Denver"}


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"weekday_tinyint": "0"}, "weekday_tinyint must be 1 (Sunday) to 7 (Saturday), not '0'"),
        ({"weekday_tinyint": "8"}, "weekday_tinyint must be 1 (Sunday) to 7 (Saturday)"),
        ({"start_time": "7pm"}, "start_time must look like 19:30:00, not '7pm'"),
        ({"start_time": "25:00:00"}, "start_time must look like 19:30:00"),
        ({"duration_time": "1h"}, "duration_time must look like 01:30:00"),
        ({"duration_time": "30:00:00"}, "is longer than a day"),
        ({"venue_type": "9"}, "venue_type must be 1 (in person), 2 (virtual) or 3 (hybrid)"),
        ({"meeting_name": ["a", "list"]}, "meeting_name must be text, not list"),
        ({"meeting_name": ""}, "has no name"),
        ({"id_bigint": ""}, "has no id_bigint"),
    ],
)
def test_a_broken_meeting_is_rejected_with_its_reason_and_the_rest_imported(change, reason) -> None:
    meetings = copy.deepcopy(sample("GetSearchResults")[:3])
    meetings[1].update(change)

    report = imported(BmltAnswer(meetings, {"en": sample("GetFormats-en")}))

    assert report.created == 2
    assert len(report.rejections) == 1
    assert reason in report.rejections[0]


def test_an_unpublished_meeting_is_left_out() -> None:
    meetings = copy.deepcopy(sample("GetSearchResults")[:2])
    meetings[0]["published"] = "0"

    report = imported(BmltAnswer(meetings, {"en": sample("GetFormats-en")}))

    assert (report.total, report.created, report.rejected) == (1, 1, 0)
    assert list(Meeting.objects.values_list("source_slug", flat=True)) == [meetings[1]["id_bigint"]]


def test_a_changed_format_name_rewrites_the_meetings_that_use_it(answer) -> None:
    imported(answer)
    renamed = copy.deepcopy(answer.formats)
    next(f for f in renamed["es"] if f["key_string"] == "RF")["name_string"] = "Formato rotativo"

    report = imported(BmltAnswer(answer.meetings, renamed, answer.service_bodies))

    assert report.updated == 1513  # what the codes mean is part of every meeting
    assert {"en": "Rotating Format", "es": "Formato rotativo"} in (
        Meeting.objects.get(source_slug="4").other_formats
    )


def test_importing_the_same_answer_again_changes_nothing(answer) -> None:
    imported(answer)
    before = list(Meeting.objects.order_by("pk").values())

    report = imported(answer)

    assert (report.created, report.updated, report.removed, report.unchanged) == (0, 0, 0, 1513)
    assert list(Meeting.objects.order_by("pk").values()) == before


def test_an_answer_that_would_remove_most_meetings_is_refused_unless_forced(answer) -> None:
    imported(answer)
    few = BmltAnswer(answer.meetings[:100], answer.formats, answer.service_bodies)

    with pytest.raises(FeedError, match="would remove 1413 of the 1513 stored meetings"):
        imported(few)
    assert Meeting.objects.count() == 1513
    assert FeedSource.objects.get(name="gnyr").last_error.startswith("This feed would remove")

    imported(few, force=True)
    assert Meeting.objects.count() == 100
    assert FeedSource.objects.get(name="gnyr").last_error == ""


# --- reading a root server --------------------------------------------------------------------


def test_a_root_server_address_gives_the_semantic_api_urls() -> None:
    urls = bmlt_urls(
        "https://bmlt.example.org/main_server/client_interface/json/"
        "?switcher=GetSearchResults&services[]=5",
        "recursive=1",
    )

    assert urls["GetSearchResults"] == (
        "https://bmlt.example.org/main_server/client_interface/json/"
        "?switcher=GetSearchResults&services%5B%5D=5&recursive=1"
    )
    assert urls["GetFormats (es)"].endswith("?switcher=GetFormats&lang_enum=es")
    assert bmlt_urls("https://agg.example.org/main_server")["GetServiceBodies"] == (
        "https://agg.example.org/main_server/client_interface/json/?switcher=GetServiceBodies"
    )


def test_a_saved_answer_is_read_with_its_formats_beside_it() -> None:
    found = read_bmlt("bundled:bmlt/gnyr-2018-GetSearchResults.json")

    assert len(found.meetings) == 1513
    assert set(found.formats) == {"en", "es"}
    assert len(found.service_bodies) > 30


def test_a_saved_answer_without_formats_says_what_to_add(tmp_path) -> None:
    path = tmp_path / "meetings.json"
    path.write_text(json.dumps(sample("GetSearchResults")[:2]))

    with pytest.raises(FeedError, match="the formats are missing"):
        read_bmlt(str(path))


@pytest.fixture
def bmlt_server(feed_server):
    """The feed server as a root server answering the semantic API from `answers`
    (switcher[:lang] → (status, body)); each request is recorded in `asked`."""
    answers = {
        "GetSearchResults": (200, json.dumps(sample("GetSearchResults")).encode()),
        "GetFormats:en": (200, json.dumps(sample("GetFormats-en")).encode()),
        "GetFormats:es": (200, json.dumps(sample("GetFormats-es")).encode()),
        "GetServiceBodies": (200, json.dumps(sample("service-bodies")).encode()),
    }

    def answer(path: str) -> tuple[int, bytes]:
        query = parse_qs(urlsplit(path).query)
        key = query["switcher"][0]
        if key == "GetFormats":
            key += ":" + query["lang_enum"][0]
        return answers[key]

    feed_server.update(answer=answer, answers=answers)
    feed_server["url"] = feed_server["url"].replace("/meetings.json", "/main_server/")
    return feed_server


def test_sync_reads_a_root_server_with_the_sources_filters(bmlt_server, capsys) -> None:
    FeedSource.objects.create(
        name="gnyr",
        kind="bmlt",
        url=bmlt_server["url"],
        filters="services[]=1005&recursive=1",
        default_timezone="America/New_York",
    )

    call_command("sync_meetings")

    assert "gnyr: 1513 meetings in the feed; 1513 created" in capsys.readouterr().out
    search = next(path for path in bmlt_server["asked"] if "GetSearchResults" in path)
    assert "services%5B%5D=1005&recursive=1" in search
    assert Meeting.objects.filter(fellowship="na").count() == 1513


@pytest.mark.parametrize(
    ("answer", "body", "message"),
    [
        ("GetSearchResults", (200, b"<html>Maintenance</html>"), "GetSearchResults answer is not"),
        ("GetSearchResults", (200, b'{"error": "no"}'), "must be a JSON list of meetings"),
        ("GetSearchResults", (200, b'[{"id_bigint": "1"'), "not valid JSON"),
        ("GetFormats:es", (500, b"oops"), "Could not fetch"),
        ("GetFormats:en", (200, b"42"), "GetFormats answer (en) must be a JSON list"),
        ("GetServiceBodies", (502, b""), "Could not fetch"),
    ],
)
def test_a_broken_answer_changes_nothing_and_the_registry_says_why(
    bmlt_server, answer, body, message
) -> None:
    source = FeedSource.objects.create(
        name="gnyr", kind="bmlt", url=bmlt_server["url"], default_timezone="America/New_York"
    )
    sync_meetings()
    bmlt_server["answers"][answer] = body

    result = sync_meetings()

    assert message in result.lines[0]
    assert result.failed == ["gnyr"]
    assert Meeting.objects.count() == 1513
    source.refresh_from_db()
    assert message in source.last_error
    assert source.last_error_at is not None
    assert not source.runs.first().succeeded
