"""Run every benchmark module and write bench/results.json.

Each `bench/bench_<name>.py` exposes `run() -> dict` returning its figures (JSON-serializable).
`python -m bench name1 name2` runs only the named ones. Before each, a calibration is measured
(bench/calibration.py), and every duration and rate is also given as a multiple of it, so
figures from different machines can be compared (docs/quality.md, "Reading the figures").
"""

import datetime as dt
import importlib
import json
import os
import platform
import sys
import time
from pathlib import Path

from bench import calibration

BENCH_DIR = Path(__file__).resolve().parent


def machine() -> dict:
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }


def main(selected: list[str]) -> int:
    names = sorted(p.stem.removeprefix("bench_") for p in BENCH_DIR.glob("bench_*.py"))
    if selected:
        unknown = set(selected) - set(names)
        if unknown:
            print(f"Unknown benchmark(s): {', '.join(sorted(unknown))}. Known: {', '.join(names)}")
            return 2
        names = [n for n in names if n in selected]
    results: dict = {"machine": machine(), "benchmarks": {}}
    failed = False
    for name in names:
        print(f"== {name} ==", flush=True)
        # Measured right before each benchmark: the machine's load drifts during a run.
        measured = calibration.measure()
        print(calibration.describe(measured), flush=True)
        started = time.perf_counter()
        try:
            figures = importlib.import_module(f"bench.bench_{name}").run()
        except Exception as error:  # one broken benchmark must not hide the others' figures
            print(f"   failed: {error!r}")
            figures = {"error": repr(error)}
            failed = True
        figures["seconds"] = round(time.perf_counter() - started, 1)
        figures["calibration"] = measured
        figures["calibrated"] = calibration.calibrated(figures, measured)
        results["benchmarks"][name] = figures
        print(json.dumps(figures, indent=2), flush=True)
    out = BENCH_DIR / "results.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"Wrote {out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
