"""Treatment search at national scale: p50/p95 in-process latency of `search_facilities`.

The directory is built in a scratch database (a SQLite file in a temporary folder, and the
PostgreSQL database named by BENCH_DATABASE_URL when that is set — its tables are replaced):
the bundled SAMHSA lists, then synthetic facilities drawn from the real ones (a real place
moved a few miles, with the attributes of another real facility) up to 25,000. Each backend
runs in its own process so its settings are clean. Budget: p95 ≤ 10 ms on both. Besides
wall-clock time, the process CPU time of each query is reported: on a busy machine it shows
the work the search itself does (for PostgreSQL it leaves out the server's share).
"""

import json
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from bench.worker import run_worker

TARGET_FACILITIES = 25_000
QUERIES_PER_CASE = 200
PER_PAGE = 20
RADIUS_MILES = 25
BUDGET_P95_MS = 10.0
DENSE = [(40.7128, -74.0060), (34.0522, -118.2437), (41.8781, -87.6298), (39.9526, -75.1652)]
# Small towns far from a metro area: Elko NV, Dickinson ND, Hays KS, Alpena MI, Alamosa CO.
RURAL = [
    (40.832, -115.763),
    (46.879, -102.789),
    (38.879, -99.327),
    (45.062, -83.433),
    (37.469, -105.870),
]
FILTERS = {"payment": ["medicaid"], "medication": ["buprenorphine", "methadone"]}


def run() -> dict:
    """Figures for SQLite, and for PostgreSQL when BENCH_DATABASE_URL is set."""
    results = {"facilities": TARGET_FACILITIES, "budget_p95_ms": BUDGET_P95_MS}
    with tempfile.TemporaryDirectory() as folder:
        results["sqlite"] = _in_subprocess(f"sqlite:///{Path(folder) / 'bench.sqlite3'}")
    if os.environ.get("BENCH_DATABASE_URL"):
        results["postgresql"] = _in_subprocess(os.environ["BENCH_DATABASE_URL"])
    return results


def _in_subprocess(database_url: str) -> dict:
    return run_worker(
        "bench.bench_directory",
        env={"DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "recoverynav.settings"},
    )


def _build() -> dict:
    from django.core.management import call_command
    from django.db import connection

    from recoverynav.directory.demo_data import BUNDLED
    from recoverynav.directory.importers import samhsa
    from recoverynav.directory.models import Facility, ImportRun, Organization, SourceRecord
    from recoverynav.directory.selectors import listed_facilities
    from recoverynav.directory.services import apply_import
    from recoverynav.geo.models import PostalCode
    from recoverynav.geo.services import load_gazetteer

    call_command("migrate", verbosity=0)
    if not PostalCode.objects.exists():  # a few OTP rows are placed by their ZIP code
        load_gazetteer()
    for model in (SourceRecord, Facility, Organization, ImportRun):
        model.objects.all().delete()
    started = time.perf_counter()
    for source, file_name, parse in BUNDLED:
        apply_import(parse(samhsa.DATA_DIR / file_name), source=source, file_name=file_name)
    import_seconds = time.perf_counter() - started
    real = Facility.objects.count()
    shown = listed_facilities().count()
    _add_synthetic(TARGET_FACILITIES - real)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "real_facilities": real,
        "real_facilities_shown": shown,
        "import_seconds": round(import_seconds, 1),
    }


def _add_synthetic(count: int) -> None:
    from recoverynav.directory import vocabulary
    from recoverynav.directory.models import Facility

    columns = [g.column for g in vocabulary.GROUPS.values()]
    real = list(Facility.objects.all())
    rng = random.Random(2026)
    copies = []
    for number in range(count):
        place, services = rng.choice(real), rng.choice(real)
        copies.append(
            Facility(
                organization_id=place.organization_id,
                name=f"{place.name} (site {number})",
                city=place.city,
                state=place.state,
                postal_code=place.postal_code,
                latitude=place.latitude + rng.uniform(-0.08, 0.08),
                longitude=place.longitude + rng.uniform(-0.08, 0.08),
                phone=place.phone,
                is_otp=services.is_otp,
                source="synthetic",
                source_id=str(number),
                match_key=f"synthetic|{number}",
                last_verified=place.last_verified,
                as_of_year_only=place.as_of_year_only,
                location_approximate=place.location_approximate,
                **{column: getattr(services, column) for column in columns},
            )
        )
    Facility.objects.bulk_create(copies, batch_size=2000)


def _measure() -> dict:
    from recoverynav.directory.selectors import search_facilities

    rng = random.Random(7)
    cases = {
        "dense_city": (DENSE, None),
        "dense_city_filtered": (DENSE, FILTERS),
        "rural": (RURAL, None),
        "rural_filtered": (RURAL, FILTERS),
    }
    figures, every, every_cpu = {}, [], []
    for name, (centres, filters) in cases.items():
        timings, cpu, found = [], [], []
        for _ in range(QUERIES_PER_CASE):
            lat, lon = rng.choice(centres)
            # Distinct queries: every center is moved a little, so nothing repeats exactly.
            lat, lon = lat + rng.uniform(-0.05, 0.05), lon + rng.uniform(-0.05, 0.05)
            start, start_cpu = time.perf_counter(), time.process_time()
            page = search_facilities(
                latitude=lat,
                longitude=lon,
                radius_miles=RADIUS_MILES,
                filters=filters,
                per_page=PER_PAGE,
            )
            timings.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
            found.append(page.total)
        every += timings
        every_cpu += cpu
        figures[name] = (
            _summary(timings)
            | {"cpu_" + k: v for k, v in _summary(cpu).items() if k != "queries"}
            | {"median_matches": int(statistics.median(found))}
        )
    figures["all"] = _summary(every) | {
        "cpu_" + k: v for k, v in _summary(every_cpu).items() if k != "queries"
    }
    figures["within_budget"] = figures["all"]["p95_ms"] <= BUDGET_P95_MS
    return figures


def _summary(timings: list[float]) -> dict:
    ordered = sorted(timings)
    return {
        "p50_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1], 2),
        "queries": len(ordered),
    }


def _worker() -> None:
    import django

    django.setup()
    from django.db import connection

    built = _build()
    # Wall-clock figures on a shared machine include waiting for a CPU; the load says how much.
    figures = {
        "vendor": connection.vendor,
        **built,
        "load_average": os.getloadavg()[0],
        **_measure(),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    _worker()
