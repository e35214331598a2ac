"""The search's hand-written queries (see core.sql) find exactly what the ORM finds, so a
search page is the same byte for byte whichever path served it."""

import datetime as dt
import itertools
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
import time_machine
from django.db import connection
from django.test import RequestFactory
from django.utils import translation

from recoverynav.geo.selectors import lookup_place
from recoverynav.meetings import nearby, selectors
from recoverynav.meetings.demo_data import BUNDLED_FEEDS, FEEDS_DIR
from recoverynav.meetings.models import Meeting, MeetingTime
from recoverynav.meetings.query import MeetingQuery
from recoverynav.meetings.services import import_meetings
from recoverynav.meetings.views import page_links

pytestmark = pytest.mark.django_db

# Real feeds inside the test gazetteer's states: dense (Philadelphia), spread out (Kansas
# City), and a bay with water in its bounding boxes (San José).
FEEDS = ["sepia", "kansas-city", "san-jose"]
PLACES = ["19103", "19446", "64105", "66101", "95124", "39.95,-75.16"]
RADII = [1, 10, 50]
ATTENDANCE = [
    [],
    ["in_person"],
    ["hybrid"],
    ["temporarily_closed"],
    ["in_person", "hybrid", "online"],
    ["online", "temporarily_closed"],
]
FELLOWSHIPS = [[], ["aa"], ["na", "aa"], ["smart"]]
NOW = dt.datetime(2026, 11, 25, 23, 30, tzinfo=dt.UTC)  # a Wednesday evening in the east


@pytest.fixture
def bundled_meetings(gazetteer) -> None:
    from recoverynav.meetings.models import FeedSource

    for name, filename, fellowship, zone in BUNDLED_FEEDS:
        if name in FEEDS:
            source = FeedSource(name=name, fellowship=fellowship, default_timezone=zone)
            import_meetings(source=source, data=(FEEDS_DIR / filename).read_bytes())
    if connection.vendor == "postgresql":
        # As after a real import (autovacuum, or the importer's own VACUUM ANALYZE): with the
        # statistics of an earlier test's few hundred rows, PostgreSQL sometimes planned one
        # of these searches as a loop over every row pair and ran for minutes.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE meetings_meeting")
            cursor.execute("ANALYZE meetings_meetingtime")


def plain_queries():
    for place, radius, attendance, fellowships in itertools.product(
        PLACES, RADII, ATTENDANCE, FELLOWSHIPS
    ):
        yield MeetingQuery(
            place=place, radius_miles=radius, attendance=attendance, fellowships=fellowships
        )


def same_fields(found: list, expected: list) -> bool:
    """Every stored field of each instance (converted values: times, JSON, dates) is equal."""
    fields = [f.attname for f in type(expected[0])._meta.concrete_fields] if expected else []
    return [[getattr(row, name) for name in fields] for row in found] == [
        [getattr(row, name) for name in fields] for row in expected
    ]


@pytest.mark.usefixtures("bundled_meetings")
def test_it_finds_the_same_meetings_near_a_place_by_sql_as_through_the_orm() -> None:
    compared = found = 0
    for query in plain_queries():
        if set(query.attendance) == {"online"}:
            continue
        place = lookup_place(query.place).place
        where = {"query": query, "now": NOW, "latitude": place.latitude}
        where["longitude"] = place.longitude
        by_sql = nearby.nearby_by_sql(**where)
        assert nearby.is_plain(query)
        assert by_sql == nearby.nearby_by_orm(**where), query
        compared += 1
        found += bool(by_sql)
    assert compared == len(PLACES) * len(RADII) * len(ATTENDANCE) * len(FELLOWSHIPS)
    assert found > compared / 2  # most shapes find meetings, so the comparison means something


@pytest.mark.usefixtures("bundled_meetings")
def test_it_reads_a_page_of_meetings_and_their_times_as_the_orm_would() -> None:
    ids = list(Meeting.objects.order_by("?").values_list("pk", flat=True)[:60])

    found = selectors._meetings_by_id(ids)
    expected = Meeting.objects.in_bulk(ids)
    assert sorted(found) == sorted(expected) == sorted(ids)
    assert same_fields([found[pk] for pk in ids], [expected[pk] for pk in ids])

    rows = selectors._weekly_rows(ids)
    assert len(rows) > len(ids) / 2
    assert same_fields(rows, list(MeetingTime.objects.filter(meeting_id__in=ids)))


def search_urls() -> list[str]:
    urls = []
    for place, extra in itertools.product(
        # Near a place, and listings by name (no place, online only), which take the ORM.
        ["19103", "19446", "64105", "95124", "Philadelphia, PA", "Springfield", "99999", ""],
        [
            {},
            {"radius": "50"},
            {"radius": "50", "page": "2"},
            {"radius": "1"},
            {"attendance": ["in_person", "online"]},
            {"attendance": ["online"]},
            {"attendance": ["hybrid", "temporarily_closed"], "radius": "25"},
            {"fellowship": ["aa"], "radius": "25"},
            {"q": "step"},
            {"when": "now_or_soon", "radius": "50"},
            {"type": ["O"], "day": ["3"]},
            {"tz": "America/Chicago", "radius": "50", "page": "3"},
            {"radius": "7", "page": "x"},
        ],
    ):
        query = {"place": place, "radius": "10", "when": "", "q": "", "tz": "America/New_York"}
        query.update(extra)
        for prefix in ("", "/es"):
            urls.append(f"{prefix}/meetings/?{urlencode(query, doseq=True)}")
    return urls


@pytest.mark.usefixtures("bundled_meetings")
def test_it_serves_the_same_search_pages_as_with_the_orm_alone(client, monkeypatch) -> None:
    urls = search_urls()
    by_sql = []
    nearby_by_sql = nearby.nearby_by_sql
    monkeypatch.setattr(
        nearby, "nearby_by_sql", lambda **where: by_sql.append(1) or nearby_by_sql(**where)
    )
    with time_machine.travel(NOW, tick=False):
        pages = [client.get(url) for url in urls]
        assert len(by_sql) > len(urls) / 3  # the hand-written path served many of them
        monkeypatch.setattr(nearby, "is_plain", lambda query: False)
        monkeypatch.setattr(selectors, "_meetings_by_id", Meeting.objects.in_bulk)
        monkeypatch.setattr(
            selectors,
            "_weekly_rows",
            lambda ids: list(MeetingTime.objects.filter(meeting_id__in=ids)),
        )
        through_orm = [client.get(url) for url in urls]

    for url, page, expected in zip(urls, pages, through_orm, strict=True):
        assert page.status_code == expected.status_code == 200, url
        assert page.content == expected.content, url
    assert sum(b'class="card"' in page.content for page in pages) > len(urls) / 2


def test_it_keeps_every_other_choice_in_the_page_links_as_sent() -> None:
    request = RequestFactory().get(
        "/meetings/?q=caf%C3%A9+%26+t%C3%A9&place=19103&attendance=in_person&page=2"
        "&attendance=hybrid&x=a%3Db%2Fc&radius=50"
    )
    result = SimpleNamespace(query=MeetingQuery(page=2), has_next=True)

    with translation.override("en"):
        links = page_links(request.GET, result)

    rest = "x=a%3Db%2Fc&radius=50"
    chosen = "q=caf%C3%A9+%26+t%C3%A9&place=19103&attendance=in_person&attendance=hybrid"
    assert links["next_url"] == f"?{chosen}&page=3&{rest}"
    assert links["previous_url"] == f"?{chosen}&page=1&{rest}"
    assert links["calendar_url"] == f"/meetings/calendar.ics?{chosen}&{rest}"
    online = "q=caf%C3%A9+%26+t%C3%A9&place=19103&attendance=online"
    assert links["online_url"] == f"?{online}&{rest}"
