"""HTTP throughput on loopback: gunicorn (sync workers, production settings) measured by wrk.

1. Same server, same run: a constant view through the full middleware stack (the baseline),
   then the home page, a guide page, a treatment search and a meeting search (many distinct
   places, via a wrk Lua script). Pages of apps not on this branch are reported as skipped.
   Targets (docs/DESIGN.md): home and guide >= 50 % of the baseline, searches >= 25 %, 0 errors.
2. Scale-out: two gunicorn instances on two ports sharing one PostgreSQL, load on both, and one
   worker killed with SIGKILL mid-run: only in-flight requests may fail, and every comment the
   server acknowledged must be stored.
3. Help-now under feed load: readers on /help-now/ alone (idle), then again while
   BENCH_FEED_CLIENTS clients pull the whole meeting feed over and over (no cache validators,
   no compression: the costliest way to ask), once with the feed's rate budget as set and
   once with it set aside. Goal, judged with the budget set aside: help-now's p99 under load
   <= 3 x idle (issue 19: two such clients once took help-now from 0.01 s to a median 1.3 s).

The scenarios' own modules: http_scale_out, http_feed_load; gunicorn and wrk are driven by
http_server, and the pages are found by http_pages.

Environment: BENCH_DURATION (seconds, default 10), BENCH_CONNECTIONS (default 16),
BENCH_WORKERS (default: CPU count), BENCH_PORT (first of four ports, default 8171),
BENCH_DATABASE_URL (PostgreSQL for the scale-out run; default the local rn_quality_bench),
BENCH_FEED_CLIENTS (default 2), BENCH_HTTP_PARTS (which of same_run, scale_out, feed_load to
run, comma-separated; default all).
"""

import os
import shutil
from pathlib import Path

from bench import _site
from bench.http_feed_load import FEED_BUDGETS, feed_load
from bench.http_pages import guide_page, search_script
from bench.http_scale_out import scale_out
from bench.http_server import CONNECTIONS, DURATION, PORT, WORKERS, run_wrk, start_gunicorn, stop

PARTS = os.environ.get("BENCH_HTTP_PARTS", "same_run,scale_out,feed_load").split(",")
TARGETS = {
    "home": 0.5,
    "help_now": 0.5,
    "guide": 0.5,
    "treatment_search": 0.25,
    "meeting_search": 0.25,
}


def same_run(folder: Path) -> dict:
    env = _site.production_env(folder)
    _site.prepare(env)
    server = start_gunicorn(PORT, env)
    base = f"http://127.0.0.1:{PORT}"
    try:
        results: dict = {}
        pages: dict[str, tuple[str, Path | None] | None] = {
            "home": ("/", None),
            "help_now": ("/help-now/", None),
        }
        guide = guide_page(base)
        pages["guide"] = (guide, None) if guide else None
        pages["treatment_search"] = search_script(base, "/treatment/", folder, "treatment")
        pages["meeting_search"] = search_script(base, "/meetings/", folder, "meetings")
        for name, target in pages.items():
            if target is None:
                results[name] = {"skipped": "the app has no such page on this branch yet"}
                continue
            # A fresh baseline right before each page: on a shared machine the load drifts
            # between runs, and the ratio should compare like with like.
            baseline = run_wrk(base + "/bench/constant")
            path, script = target
            figures = run_wrk(base + path, script)
            figures["path"] = path
            figures["baseline_req_per_s"] = baseline["req_per_s"]
            figures["baseline_errors"] = baseline["errors"]
            figures["ratio_to_baseline"] = round(
                figures["req_per_s"] / (baseline["req_per_s"] or 1.0), 3
            )
            figures["target_ratio"] = TARGETS[name]
            figures["meets_target"] = (
                figures["ratio_to_baseline"] >= TARGETS[name] and figures["errors"] == 0
            )
            results[name] = figures
    finally:
        stop(server)
    return results


def run() -> dict:
    if shutil.which("wrk") is None:
        return {
            "skipped": "wrk is not installed (apt-get install wrk; `make bench` does it as root)"
        }
    parts = {"same_run": same_run, "scale_out": scale_out, "feed_load": feed_load}
    unknown = set(PARTS) - set(parts)
    if unknown:
        raise ValueError(f"Unknown BENCH_HTTP_PARTS {sorted(unknown)}; known: {sorted(parts)}")
    figures: dict = {
        "workers_per_instance": WORKERS,
        "connections": CONNECTIONS,
        "duration_s": DURATION,
    }
    with _site.temporary_folder() as name:
        for part, measure in parts.items():
            if part in PARTS:
                figures[part] = measure(Path(name) / part)
    for budget in FEED_BUDGETS:
        load = figures.get("feed_load", {}).get(budget, {})
        if "goal_met" in load:
            idle, loaded = load["help_now_idle"], load["help_now_under_feed_load"]
            print(
                f"   feed {budget.replace('_', ' ')}: help-now p50/p99 idle {idle['p50_ms']}/"
                f"{idle['p99_ms']} ms, under feed load {loaded['p50_ms']}/{loaded['p99_ms']} ms"
                f": {load['goal']}: {'met' if load['goal_met'] else 'not met'} "
                f"({load['p99_under_load_to_idle']} x)"
            )
    return figures
