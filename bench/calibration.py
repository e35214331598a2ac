"""A calibration measured in the same run as the figures, so figures compare across machines.

Two yardsticks, each the median of several timings taken right before a benchmark:

- `constant_view_ms`: one request to the constant view (`/bench/constant`, no database, the
  full middleware stack) through Django's test client, in process, with production settings:
  what "a request through this Django on this machine" costs.
- `cpu_loop_ms`: a fixed pure-Python loop: the interpreter's speed alone.

Every absolute figure a benchmark reports (milliseconds, seconds, requests per second) is
also given as a multiple of each yardstick (`calibrated` in the results). A budget set on the
reference machine is read the same way: "import ≤ 30 s" on a machine whose constant view
took 0.17 ms means "≤ 30,000 / 0.17 ≈ 176,000 constant views" anywhere (docs/quality.md).

`python -m bench.calibration` prints one calibration as JSON (the measuring process: Django
is configured there, never in the process that runs the benchmarks).
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

from bench import _site
from bench.worker import run_worker

VIEW_REQUESTS = 2000
LOOP_ROUNDS = 7
LOOP_SIZE = 300_000
# Keys whose number is a duration or a rate, and its unit; other numbers (counts, shares,
# ratios, megabytes) are left as they are.
SUFFIX_UNITS = {"_per_s": "1/s", "_ms": "ms", "_seconds": "s", "_s": "s"}
NAME_UNITS = {"seconds": "s", "p50": "ms", "p95": "ms", "p99": "ms", "target_p95": "ms"}


def cpu_loop() -> int:
    """Fixed work: integer arithmetic, a dict and a list, as Python code does."""
    seen: dict[int, int] = {}
    total = 0
    for number in range(LOOP_SIZE):
        total += (number * number) % 7
        seen[number % 1024] = total
    return total + len(seen)


def _loop_ms() -> float:
    timings = []
    for _ in range(LOOP_ROUNDS):
        started = time.perf_counter()
        cpu_loop()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def _constant_view_ms() -> float:
    import django

    django.setup()
    from django.test import Client

    client = Client()
    client.get("/bench/constant")
    timings = []
    for _ in range(VIEW_REQUESTS):
        started = time.perf_counter()
        client.get("/bench/constant")
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)  # the median: a busy machine's pauses fall outside it


def measure() -> dict:
    """One calibration, measured now in a fresh interpreter with production settings."""
    with _site.temporary_folder() as folder:
        env = _site.production_env(Path(folder), DJANGO_SETTINGS_MODULE="recoverynav.settings")
        return run_worker("bench.calibration", env=env)


def _unit(key: str) -> str | None:
    if key in NAME_UNITS:
        return NAME_UNITS[key]
    return next((unit for suffix, unit in SUFFIX_UNITS.items() if key.endswith(suffix)), None)


def calibrated(figures: dict, calibration: dict) -> dict:
    """Every duration or rate in `figures` (nested), by its dotted path, as multiples of the
    constant view and of the CPU loop: {"sqlite.bmlt.search_ms.keyword.p95": {"value": 6.7,
    "unit": "ms", "constant_views": 39.4, "cpu_loops": 0.21}}. A number's unit is its key's
    (`p95`, `import_s`, `req_per_s`…) or, for a table of numbers like `per_page_render_ms`,
    its table's. A rate is given per yardstick: req/s x the yardstick's time."""
    view, loop = calibration["constant_view_ms"], calibration["cpu_loop_ms"]
    found: dict = {}

    def walk(node: dict, path: str, table_unit: str | None) -> None:
        for key, value in node.items():
            where = f"{path}.{key}" if path else key
            if key in {"calibration", "calibrated"}:
                continue
            if isinstance(value, dict):
                walk(value, where, _unit(key))
            elif isinstance(value, int | float) and not isinstance(value, bool):
                unit = _unit(key) or table_unit
                if unit:
                    found[where] = _in_yardsticks(value, unit, view, loop)

    walk(figures, "", None)
    return found


def _in_yardsticks(value: float, unit: str, view_ms: float, loop_ms: float) -> dict:
    if unit == "1/s":
        per_view, per_loop = value * view_ms / 1000, value * loop_ms / 1000
    else:
        milliseconds = value * 1000 if unit == "s" else value
        per_view, per_loop = milliseconds / view_ms, milliseconds / loop_ms
    return {
        "value": value,
        "unit": unit,
        "constant_views": round(per_view, 3 if per_view < 10 else 1),
        "cpu_loops": round(per_loop, 3 if per_loop < 10 else 1),
    }


def describe(calibration: dict) -> str:
    return (
        f"   calibration: constant view {calibration['constant_view_ms']:.3f} ms in process, "
        f"CPU loop {calibration['cpu_loop_ms']:.1f} ms (load average "
        f"{calibration['load_average']:.1f})"
    )


def _worker() -> dict:
    loop_ms = _loop_ms()
    view_ms = _constant_view_ms()
    return {
        "constant_view_ms": round(view_ms, 4),
        "cpu_loop_ms": round(loop_ms, 2),
        "load_average": round(os.getloadavg()[0], 2),
    }


if __name__ == "__main__" and len(sys.argv) == 1:
    print(json.dumps(_worker()))
