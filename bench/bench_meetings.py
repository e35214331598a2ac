"""Meetings at national scale: 250,000 meetings built from the bundled real sources, spread
over the country's ZIP code centroids with jittered times, in a scratch database, once for
each kind of source: a Meeting Guide feed (from the 11 bundled feeds) and a BMLT answer (from
the bundled NA sample, every value a string, as a root server sends it).

Reports the import of each 250k source (target ≤ 30 s), the unchanged re-import (≤ 10 s) and
p50/p95 of typical searches through the one search function the page uses (target p95
≤ 10 ms): near a dense city, "online now", and keyword. Every query is distinct and no result
is cached. Runs on a scratch SQLite file, and on PostgreSQL too when BENCH_DATABASE_URL names
a scratch database (its meeting tables are replaced).

Each database and kind runs in its own process so Django is configured for that database
alone: `python -m bench.bench_meetings worker KIND` is that process.
"""

import json
import os
import random
import statistics
import sys
import tempfile
import time

from bench.worker import run_worker

MEETINGS = int(os.environ.get("BENCH_MEETINGS", "250000"))
SEARCHES_PER_KIND = 200
DENSE_CITIES = [
    "Philadelphia, PA", "Chicago, IL", "Houston, TX", "Los Angeles, CA", "Phoenix, AZ",
    "San Antonio, TX", "San Diego, CA", "Dallas, TX", "San Jose, CA", "Austin, TX",
    "Jacksonville, FL", "Columbus, OH", "Indianapolis, IN", "Charlotte, NC", "Seattle, WA",
    "Denver, CO", "Boston, MA", "Nashville, TN", "Baltimore, MD", "Atlanta, GA",
]  # fmt: skip
# Words people type, common in each kind's meeting names (NA's names differ from AA's: no
# "big book" or "daily reflections"). A word with no match at all scans the whole name index
# on PostgreSQL: see "Known limits" in docs/meetings.md.
KEYWORDS = {
    "meeting_guide": [
        "serenity", "step", "women", "big book", "hope", "gratitude", "daily", "noon", "men",
        "recovery", "group", "sober", "new", "freedom", "happy", "early", "night", "friday",
        "speaker", "literature",
    ],
    "bmlt": [
        "serenity", "step", "women", "hope", "gratitude", "noon", "men", "recovery", "group",
        "clean", "new", "freedom", "miracles", "night", "courage", "change", "living", "alive",
        "early", "friday",
    ],
}  # fmt: skip


KINDS = ("meeting_guide", "bmlt")


def run() -> dict:
    results: dict = {"meetings": MEETINGS}
    databases = {"sqlite": None}
    if os.environ.get("BENCH_DATABASE_URL"):
        databases["postgresql"] = os.environ["BENCH_DATABASE_URL"]
    for name, url in databases.items():
        results[name] = {kind: _in_worker(url, kind) for kind in KINDS}
    return results


def _in_worker(database_url: str | None, kind: str) -> dict:
    """One database's figures; a failure is reported in place so the other's figures stay."""
    try:
        return _run_worker(database_url, kind)
    except (RuntimeError, ValueError, IndexError) as error:
        return {"error": str(error)[-2000:]}


def _run_worker(database_url: str | None, kind: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-meetings-") as scratch:
        env = {
            "RECOVERYNAV_DATA_DIR": scratch,
            "DEBUG": "0",
            "ALLOWED_HOSTS": "localhost",
            "SECRET_KEY": "bench-only",
            "DATABASE_URL": database_url or f"sqlite:///{scratch}/bench.sqlite3",
        }
        return run_worker("bench.bench_meetings", "worker", kind, env=env)


def _worker(kind: str) -> dict:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recoverynav.settings")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from recoverynav.geo.models import PostalCode
    from recoverynav.geo.services import load_gazetteer

    if not PostalCode.objects.exists():
        load_gazetteer()
    _empty_meeting_tables()
    if kind == "bmlt":
        return {"import": _imports_bmlt(_national_bmlt_answer()), "search_ms": _searches(kind)}
    return {"import": _imports(_national_feed()), "search_ms": _searches(kind)}


def _empty_meeting_tables() -> None:
    """A scratch database: start from no meetings. TRUNCATE on PostgreSQL, since deleting a
    previous run's rows left enough dead ones to make the next import's commit crawl."""
    from django.db import connection

    from recoverynav.meetings.models import FeedSource

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "TRUNCATE meetings_meetingtime, meetings_problemreport, meetings_importrun, "
                "meetings_meeting, meetings_feedsource RESTART IDENTITY"
            )
    else:
        FeedSource.objects.all().delete()


def _zip_centroids() -> list[tuple]:
    from recoverynav.geo.models import PostalCode

    return list(
        PostalCode.objects.filter(kind="STANDARD", is_active=True)
        .exclude(timezone="")
        .values_list("code", "city", "state", "latitude", "longitude", "timezone")
    )


def _national_feed() -> bytes:
    from recoverynav.meetings.demo_data import BUNDLED_FEEDS, FEEDS_DIR

    templates = []
    for _name, filename, _fellowship, _zone in BUNDLED_FEEDS:
        templates += json.loads((FEEDS_DIR / filename).read_text())
    zips = _zip_centroids()
    rng = random.Random(250)
    records = []
    for index in range(MEETINGS):
        record = dict(templates[index % len(templates)])
        code, city, state, latitude, longitude, zone = zips[rng.randrange(len(zips))]
        start = rng.randrange(6 * 60, 22 * 60, 15)
        for key in ("address", "city", "state", "postal_code", "regions", "approximate"):
            record.pop(key, None)
        record.update(
            slug=f"b{index}",
            day=rng.randrange(7),
            time=f"{start // 60:02d}:{start % 60:02d}",
            end_time=f"{(start + 60) // 60:02d}:{start % 60:02d}",
            formatted_address=f"{index % 900 + 100} Main St, {city}, {state} {code}, USA",
            latitude=round(latitude + rng.uniform(-0.03, 0.03), 5),
            longitude=round(longitude + rng.uniform(-0.03, 0.03), 5),
            timezone=zone,
            region=city,
        )
        records.append(record)
    return json.dumps(records).encode()


def _national_bmlt_answer():
    """250,000 meetings in the shape a BMLT root server answers, from the NA sample: string
    values, weekday 1 = Sunday, a zone on each (as current servers give), spread like the
    Meeting Guide feed. The 2018 sample has only in-person meetings; current servers list
    many virtual and hybrid ones, so a quarter here are virtual and an eighth hybrid (as in
    the Meeting Guide feeds, where about a third can be joined online)."""
    from recoverynav.meetings.feeds import read_bmlt

    sample = read_bmlt("bundled:bmlt/gnyr-2018-GetSearchResults.json")
    zips = _zip_centroids()
    rng = random.Random(250)
    meetings = []
    for index in range(MEETINGS):
        meeting = dict(sample.meetings[index % len(sample.meetings)])
        code, city, state, latitude, longitude, zone = zips[rng.randrange(len(zips))]
        start = rng.randrange(6 * 60, 22 * 60, 15)
        meeting.update(
            id_bigint=str(index + 1),
            weekday_tinyint=str(rng.randrange(1, 8)),
            start_time=f"{start // 60:02d}:{start % 60:02d}:00",
            duration_time="01:00:00",
            time_zone=zone,
            location_street=f"{index % 900 + 100} Main St",
            location_municipality=city,
            location_city_subsection="",
            location_province=state,
            location_postal_code_1=code,
            latitude=f"{latitude + rng.uniform(-0.03, 0.03):.6f}",
            longitude=f"{longitude + rng.uniform(-0.03, 0.03):.6f}",
        )
        if index % 8 < 3:  # 2 of 8 virtual, 1 of 8 hybrid
            meeting.update(
                venue_type="2" if index % 8 < 2 else "3",
                virtual_meeting_link=f"https://zoom.us/j/{9000000000 + index}",
                phone_meeting_number=f"+16465588656,,{9000000000 + index}#",
            )
        meetings.append(meeting)
    sample.meetings = meetings
    return sample


def _imports_bmlt(answer) -> dict:
    from recoverynav.meetings.models import FeedSource
    from recoverynav.meetings.services import import_bmlt

    source = FeedSource(name="bench", kind="bmlt", default_timezone="America/New_York")
    return _timed_imports(lambda: import_bmlt(source=source, answer=answer))


def _imports(feed: bytes) -> dict:
    from recoverynav.meetings.models import FeedSource
    from recoverynav.meetings.services import import_meetings

    source = FeedSource(name="bench", fellowship="aa", default_timezone="America/New_York")
    figures = _timed_imports(lambda: import_meetings(source=source, data=feed))
    return {"feed_mb": round(len(feed) / 1e6, 1), **figures}


def _timed_imports(import_once) -> dict:
    """The first import into empty tables, then the same source again (nothing changed)."""
    from recoverynav.meetings.models import Meeting

    started = time.perf_counter()
    first = import_once()
    imported = time.perf_counter() - started
    started = time.perf_counter()
    again = import_once()
    reimported = time.perf_counter() - started
    return {
        "stored": Meeting.objects.count(),
        "rejected": first.rejected,
        "import_s": round(imported, 1),
        "import_target_s": 30,
        "unchanged_reimport_s": round(reimported, 1),
        "unchanged_reimport_target_s": 10,
        "unchanged": again.unchanged,
    }


def _searches(kind: str) -> dict:
    import datetime as dt

    from recoverynav.meetings.query import MeetingQuery
    from recoverynav.meetings.selectors import search_meetings

    week = dt.datetime(2026, 11, 22, tzinfo=dt.UTC)  # a Sunday
    kinds = {
        "near_dense_city": [
            MeetingQuery(place=city, radius_miles=radius, days=days)
            for radius in (5, 10, 25)
            for days in ([], [1], [6])
            for city in DENSE_CITIES
        ],
        "online_now": [
            MeetingQuery(attendance=["online"], when=("now", "soon", "now_or_soon")[index % 3])
            for index in range(SEARCHES_PER_KIND)
        ],
        "keyword": [
            MeetingQuery(keyword=word, attendance=attendance, page=page)
            for page in (1, 2)
            for attendance in ([], ["online"], ["in_person"], ["hybrid"], ["online", "hybrid"])
            for word in KEYWORDS[kind]
        ],
    }
    figures = {}
    for kind, queries in kinds.items():
        timings = []
        for index, query in enumerate(queries[:SEARCHES_PER_KIND]):
            now = week + dt.timedelta(minutes=7 * index)  # a different instant each time
            started = time.perf_counter()
            search_meetings(query=query, now=now)
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        figures[kind] = {
            "queries": len(timings),
            "p50": round(statistics.median(timings), 2),
            "p95": round(timings[int(len(timings) * 0.95) - 1], 2),
            "target_p95": 10,
        }
    return figures


if __name__ == "__main__" and len(sys.argv) == 3 and sys.argv[1] == "worker":
    print(json.dumps(_worker(sys.argv[2])))
