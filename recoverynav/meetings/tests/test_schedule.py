"""'In progress' and 'starting soon' in each meeting's own zone, at one frozen instant."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine

from recoverynav.meetings.listings import occurrences
from recoverynav.meetings.models import Meeting
from recoverynav.meetings.query import MeetingQuery
from recoverynav.meetings.selectors import search_meetings
from recoverynav.meetings.tests.conftest import import_records, meeting_record

pytestmark = pytest.mark.django_db
NEW_YORK = ZoneInfo("America/New_York")


def at(year, month, day, hour, minute, zone=NEW_YORK) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=zone)


def joinable(**fields) -> dict:
    """A meeting with a room and a link: "now" lists it wherever the visitor is."""
    return meeting_record(conference_url="https://zoom.us/j/1", **fields)


def found(when: str, **query) -> list[str]:
    result = search_meetings(query=MeetingQuery(when=when, **query), now=dt.datetime.now(dt.UTC))
    return [meeting.source_slug for meeting in result.listings]


def statuses() -> dict[str, tuple[str, int] | None]:
    result = search_meetings(query=MeetingQuery(), now=dt.datetime.now(dt.UTC))
    return {
        m.source_slug: (m.status.kind, m.status.minutes) if m.status else None
        for m in result.listings
    }


def test_a_meeting_that_crosses_midnight_is_in_progress_after_midnight() -> None:
    # Monday 23:30 to Tuesday 00:30 in New York.
    import_records([joinable(slug="late", day=1, time="23:30", end_time="00:30")])

    with time_machine.travel(at(2026, 11, 24, 0, 10), tick=False):  # Tuesday 00:10
        assert found("now") == ["late"]
        assert statuses() == {"late": ("now", 20)}
    with time_machine.travel(at(2026, 11, 24, 0, 30), tick=False):
        assert found("now") == []


def test_saturday_night_runs_into_sunday_and_sunday_is_soon_on_saturday() -> None:
    import_records(
        [
            joinable(slug="sat", day=6, time="23:30", end_time="00:30"),
            joinable(slug="sun", day=0, time="00:20", end_time="01:20"),
        ]
    )

    with time_machine.travel(at(2026, 11, 28, 23, 40), tick=False):  # Saturday 23:40
        assert found("now") == ["sat"]
        assert found("soon") == ["sun"]
        assert statuses() == {"sat": ("now", 50), "sun": ("soon", 40)}
    with time_machine.travel(at(2026, 11, 29, 0, 25), tick=False):  # Sunday 00:25
        assert sorted(found("now")) == ["sat", "sun"]


def test_it_stays_right_when_daylight_saving_time_starts_and_ends() -> None:
    import_records([joinable(slug="sunday-9", day=0, time="09:00", end_time="10:00")])
    utc = dt.UTC

    # 13:30 UTC is 08:30 in New York in winter (EST) and 09:30 in summer (EDT).
    with time_machine.travel(dt.datetime(2026, 3, 1, 13, 30, tzinfo=utc), tick=False):
        assert found("soon") == ["sunday-9"]
        assert found("now") == []
    with time_machine.travel(dt.datetime(2026, 3, 8, 13, 30, tzinfo=utc), tick=False):
        assert found("now") == ["sunday-9"]
        assert found("soon") == []
    with time_machine.travel(dt.datetime(2026, 11, 1, 13, 30, tzinfo=utc), tick=False):
        assert found("soon") == ["sunday-9"]  # clocks went back at 2 am that morning


def test_each_meeting_is_judged_in_its_own_zone() -> None:
    import_records(
        [
            joinable(slug="ny", day=1, time="19:00", end_time="20:00"),
            joinable(
                slug="la",
                day=1,
                time="19:00",
                end_time="20:00",
                timezone="America/Los_Angeles",
                formatted_address="1 Main St, Los Angeles, CA 90012, USA",
            ),
        ]
    )

    with time_machine.travel(at(2026, 11, 23, 19, 15), tick=False):  # 16:15 in Los Angeles
        assert found("now") == ["ny"]
    with time_machine.travel(at(2026, 11, 23, 22, 15), tick=False):  # 19:15 in Los Angeles
        assert found("now") == ["la"]
        assert found("now_or_soon") == ["la"]


def test_online_meetings_show_the_viewers_time_beside_the_meetings_own(visitor) -> None:
    import_records(
        [
            meeting_record(
                name="Online Big Book",
                day=1,
                time="19:00",
                end_time="20:00",
                timezone="America/Los_Angeles",
                conference_url="https://zoom.us/j/123",
                formatted_address=...,
                latitude=...,
                longitude=...,
            )
        ]
    )

    # Monday 19:30 in Los Angeles = Tuesday 04:30 in Madrid.
    with time_machine.travel(dt.datetime(2026, 11, 24, 3, 30, tzinfo=dt.UTC), tick=False):
        html = visitor.get(
            "/meetings/", {"attendance": "online", "when": "now", "tz": "Europe/Madrid"}
        ).content.decode()

    assert "Online Big Book" in html
    assert "In progress · ends in 30 minutes" in html
    assert "Today · 4 a.m. to 5 a.m. your time" in html
    assert "(7 p.m. Pacific time)" in html
    assert "America/" not in re.sub(r"<[^>]+>", " ", html)  # zone names only in values


def test_a_meeting_that_moves_online_in_a_new_feed_is_found_online_now(gazetteer) -> None:
    # The weekly rows carry the meeting's attendance so "online now" reads only the index.
    import_records([meeting_record(slug="moved")])
    with time_machine.travel(at(2026, 11, 23, 12, 10), tick=False):  # Monday 12:10
        assert found("now", attendance=["online"]) == []
        assert found("now", attendance=["in_person"], place="22903") == ["moved"]

        import_records([meeting_record(slug="moved", conference_url="https://zoom.us/j/1")])

        assert found("now", attendance=["hybrid"]) == ["moved"]
        assert found("now", attendance=["in_person"], place="22903") == []


def test_a_meeting_longer_than_four_hours_stays_in_progress_to_its_end() -> None:
    import_records(
        [
            joinable(slug="marathon", day=6, time="00:00", end_time="23:59"),
            joinable(slug="six-hours", day=6, time="10:00", end_time="16:00"),
        ]
    )

    with time_machine.travel(at(2026, 11, 28, 20, 0), tick=False):  # Saturday 20:00
        assert found("now") == ["marathon"]
        assert statuses()["marathon"] == ("now", 240)
    with time_machine.travel(at(2026, 11, 28, 15, 30), tick=False):  # five and a half hours in
        assert found("now") == ["marathon", "six-hours"]  # by start time
    with time_machine.travel(at(2026, 11, 29, 0, 5), tick=False):  # Sunday 00:05: over
        assert found("now") == []


def test_a_meeting_in_progress_starts_today_not_next_week(visitor) -> None:
    import_records([joinable(slug="noon", day=1, time="12:00", end_time="13:00")])

    with time_machine.travel(at(2026, 11, 23, 12, 30), tick=False):  # Monday 12:30
        meeting = Meeting.objects.prefetch_related("times").get()
        shown = occurrences(meeting, now=dt.datetime.now(dt.UTC))
        api = visitor.get(f"/api/v1/meetings/{meeting.slug}").json()

    assert shown[0]["start"] == dt.datetime(2026, 11, 23, 12, 0)
    assert shown[0]["starts_in"] == -30
    assert api["times"][0]["start"].startswith("2026-11-23T12:00")


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("", ["In progress · ends in 11 hours", "Today · all day (Eastern time)"]),
        ("/es", ["En curso · termina en 11 horas", "Hoy · todo el día (hora del Este)"]),
    ],
)
def test_a_24_hour_meeting_is_worded_all_day_and_ends_in_hours(visitor, language, words) -> None:
    import_records([joinable(slug="marathon", day=6, time="00:00", end_time="24:00")])

    with time_machine.travel(at(2026, 11, 28, 13, 0), tick=False):  # Saturday 13:00
        html = visitor.get(
            f"{language}/meetings/", {"when": "now", "tz": "America/New_York"}
        ).content.decode()

    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    for expected in words:
        assert expected in text
    assert "660" not in text
    assert "midnight to midnight" not in text


def test_time_left_is_said_in_hours_and_minutes() -> None:
    from django.utils import translation

    from recoverynav.meetings.cards import time_left

    with translation.override("en"):
        said = [time_left(m) for m in (1, 45, 60, 90, 660)]

    assert said == [
        "1 minute",
        "45 minutes",
        "1 hour",
        "1 hour 30 minutes",
        "11 hours",
    ]
