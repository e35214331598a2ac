"""How usable the bundled treatment listings are: a coverage report, not a timing.

Builds the directory `make run` builds (the gazetteer, then every bundled SAMHSA list) in a
scratch SQLite file and reports, over the listings a search can show: how many, the share
with a phone (goal ≥ 97 %), with a setting, a medication and a payment option, the share
placed only at a ZIP code's center, how many shown listings come from sources older than
DIRECTORY_CURRENT_SINCE (goal 0), how many records were folded into a place another record
already described, how many shown listings repeat another's ZIP code, phone and house number
(one building listed twice, however its street is written; goal 0),
and the oldest and newest "information as of" date shown.
"""

import json
import tempfile
import time
from pathlib import Path

from bench.worker import run_worker

PHONE_GOAL = 0.97


def run() -> dict:
    with tempfile.TemporaryDirectory() as folder:
        return run_worker(
            "bench.bench_directory_coverage",
            env={
                "DATABASE_URL": f"sqlite:///{Path(folder) / 'coverage.sqlite3'}",
                "DJANGO_SETTINGS_MODULE": "recoverynav.settings",
            },
        )


def _worker() -> None:
    import io

    import django

    django.setup()
    from django.core.management import call_command

    from recoverynav.directory import demo_data
    from recoverynav.directory.selectors import directory_coverage
    from recoverynav.geo.services import load_gazetteer

    call_command("migrate", verbosity=0)
    load_gazetteer()
    started = time.perf_counter()
    demo_data.load_demo_data(stdout=io.StringIO())
    seconds = time.perf_counter() - started
    found = directory_coverage()
    figures = {
        "import_seconds": round(seconds, 1),
        "listings_shown": found.listings_shown,
        "share_with_phone": found.share(found.with_phone),
        "share_with_setting": found.share(found.with_setting),
        "share_with_medication": found.share(found.with_medication),
        "share_with_payment": found.share(found.with_payment),
        "share_approximate": found.share(found.approximate),
        "shown_from_older_sources": found.shown_from_older_sources,
        "records": found.records,
        "records_folded_into_known_places": found.records_folded,
        "duplicates_same_zip_phone_and_house_number": found.duplicates_shown,
        "oldest_as_of_shown": str(found.oldest_as_of),
        "newest_as_of_shown": str(found.newest_as_of),
    }
    figures["goals_met"] = (
        figures["share_with_phone"] >= PHONE_GOAL
        and found.shown_from_older_sources == 0
        and found.duplicates_shown == 0
    )
    print(json.dumps(figures))


if __name__ == "__main__":
    _worker()
