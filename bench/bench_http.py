"""HTTP throughput on loopback: gunicorn (sync workers, production settings) measured by wrk.

1. Same server, same run: a constant view through the full middleware stack (the baseline),
   then the home page, a guide page, a treatment search and a meeting search (many distinct
   places, via a wrk Lua script). Pages of apps not on this branch are reported as skipped.
   Targets (docs/DESIGN.md): home and guide >= 50 % of the baseline, searches >= 25 %, 0 errors.
2. Scale-out: two gunicorn instances on two ports sharing one PostgreSQL, load on both, and one
   worker killed with SIGKILL mid-run: only in-flight requests may fail, and every comment the
   server acknowledged must be stored.

Environment: BENCH_DURATION (seconds, default 10), BENCH_CONNECTIONS (default 16),
BENCH_WORKERS (default: CPU count), BENCH_PORT (first of three ports, default 8171),
BENCH_DATABASE_URL (PostgreSQL for the scale-out run; default the local rn_quality_bench).
"""

import csv
import http.client
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

from bench import _site

DURATION = int(os.environ.get("BENCH_DURATION", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
# Per instance in the scale-out run: half, so the comment writer is not starved on small machines.
SCALE_CONNECTIONS = max(2, CONNECTIONS // 2)
WORKERS = int(os.environ.get("BENCH_WORKERS", str(os.cpu_count() or 2)))
PORT = int(os.environ.get("BENCH_PORT", "8171"))
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://recoverynav:recoverynav@127.0.0.1:5432/rn_quality_bench"
)
ZIP_FILE = _site.REPO / "recoverynav/geo/data/us_zipcodes_zipcodes-pkg-3.0.0.csv"
TARGETS = {
    "home": 0.5,
    "help_now": 0.5,
    "guide": 0.5,
    "treatment_search": 0.25,
    "meeting_search": 0.25,
}


# --- gunicorn and wrk -------------------------------------------------------------------------
def start_gunicorn(port: int, env: dict[str, str]) -> subprocess.Popen:
    server = subprocess.Popen(  # noqa: S603
        [
            sys.executable, "-m", "gunicorn", "recoverynav.wsgi",
            "--workers", str(WORKERS), "--worker-class", "sync",
            "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
        ],
        env=env,
        cwd=_site.REPO,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):  # nosec B310
                return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise RuntimeError(f"gunicorn did not answer on port {port}")


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()


def workers_of(server: subprocess.Popen) -> list[int]:
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    return [int(pid) for pid in children]


def wrk_command(url: str, script: Path | None = None, connections: int = CONNECTIONS) -> list[str]:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{DURATION}s", "--latency", "--timeout", "5s"]
    if script:
        command += ["-s", str(script)]
    return [*command, url]


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def parse_wrk(output: str) -> dict:
    def latency(percent: str) -> float | None:
        match = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        return round(float(match[1]) * UNITS[match[2]], 2) if match else None

    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    total = re.search(r"(\d+) requests in", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors = (int(non_2xx[1]) if non_2xx else 0) + (
        sum(int(n) for n in sockets.groups()) if sockets else 0
    )
    return {
        "req_per_s": float(rps[1]) if rps else 0.0,
        "requests": int(total[1]) if total else 0,
        "p50_ms": latency("50"),
        "p99_ms": latency("99"),
        "errors": errors,
    }


def run_wrk(url: str, script: Path | None = None) -> dict:
    result = subprocess.run(  # noqa: S603
        wrk_command(url, script), capture_output=True, text=True, check=True, timeout=DURATION + 60
    )
    return parse_wrk(result.stdout)


# --- pages to measure, found the way a visitor finds them -------------------------------------
def fetch(base: str, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(base + path, timeout=10) as response:  # noqa: S310  # nosec B310
            return response.status, response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, ""


def guide_page(base: str) -> str | None:
    """The first guide article the index links to (an article carries the comments and the
    comment form; the guide's tools, like the fit questionnaire, do not), as a visitor would
    open one; the index itself if it links to none."""
    status, html = fetch(base, "/guide/")
    if status != 200:
        return None
    for href in dict.fromkeys(re.findall(r'href="(/guide/[^"#?]+/)"', html)):
        if href != "/guide/" and 'id="comments"' in fetch(base, href)[1]:
            return href
    return "/guide/"


def search_script(base: str, entry: str, folder: Path, name: str) -> tuple[str, Path] | None:
    """A wrk script that sends the entry page's search form as a person would who types a
    ZIP code into the place field and presses Search (every other field as the page set it),
    with a different ZIP code each time; None when the app has no such page on this branch."""
    from recoverynav.core.tests.forms import as_submitted, forms_in

    status, html = fetch(base, entry)
    if status != 200:
        return None
    for form in forms_in(html):
        if form.method != "get":
            continue
        if "place" not in form.names():
            continue
        data = as_submitted(form, typed={"place": "PLACE"})
        path = urlsplit(urljoin(base + entry, form.action or entry)).path
        query = urlencode(data, doseq=True).replace("PLACE", "{place}")
        with ZIP_FILE.open(newline="", encoding="utf-8") as handle:
            zips = [row["zip_code"] for row in csv.DictReader(handle)][::40]
        lua = folder / f"{name}.lua"
        places = ",".join(f'"{z}"' for z in zips)
        lua.write_text(
            f"local places = {{{places}}}\n"
            "local i = 0\n"
            "request = function()\n"
            "  i = i + 1\n"
            f'  local query = string.gsub("{query}", "{{place}}", places[(i % #places) + 1])\n'
            f'  return wrk.format("GET", "{path}?" .. query)\n'
            "end\n"
        )
        return path, lua
    return None


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


# --- scale-out: two instances, one PostgreSQL, a worker killed mid-run ------------------------
class CommentWriter(threading.Thread):
    """Leaves comments on a guide article as readers do (the page's own form, its token, every
    field as the page set it), alternating instances, and keeps each comment the server
    acknowledged: a redirect back to the page saying it was taken."""

    def __init__(self, ports: list[int], article: str, stop_at: float) -> None:
        super().__init__(daemon=True)
        self.ports, self.article, self.stop_at = ports, article, stop_at
        self.acknowledged: list[str] = []
        self.outcomes: Counter[str] = Counter()
        self.failed = 0

    def leave_comment(self, port: int, text: str, number: int) -> str | None:
        """The outcome the server reported (`pending`, `published`, `spam`…), or None."""
        from recoverynav.core.tests.forms import as_submitted, forms_in

        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            connection.request("GET", self.article)
            html = connection.getresponse().read().decode(errors="replace")
            form = next(f for f in forms_in(html) if "comment" in f.names())
            typed = {"comment": text, "name": f"Reader {number}", "consent": "on",
                     "email": f"reader{number}@example.org"}  # fmt: skip
            connection.request(
                "POST",
                form.action,
                body=urlencode(as_submitted(form, typed=typed), doseq=True),
                headers={"Content-Type": "application/x-www-form-urlencoded"},
            )
            response = connection.getresponse()
            response.read()
        finally:
            connection.close()
        outcome = re.search(r"[?&]comment=(\w+)", response.getheader("Location") or "")
        return outcome[1] if response.status in {302, 303} and outcome else None

    def run(self) -> None:
        number = 0
        while time.monotonic() < self.stop_at:
            number += 1
            text = f"Bench comment {number}: thank you, this page helped me."
            try:
                outcome = self.leave_comment(self.ports[number % len(self.ports)], text, number)
            except (OSError, http.client.HTTPException, StopIteration):
                outcome = None
            if outcome is None:
                self.failed += 1
            else:
                self.outcomes[outcome] += 1
                self.acknowledged.append(text)


def fresh_database(url: str) -> None:
    """Drop and create the benchmark database, so every run starts from the same state."""
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(url.replace(f"/{name}", "/postgres"), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def stored_comments(url: str) -> set[str]:
    import psycopg

    with psycopg.connect(url) as connection:
        rows = connection.execute(
            "SELECT body FROM comments_comment WHERE body LIKE %s", ["Bench comment %"]
        ).fetchall()
    return {row[0] for row in rows}


def scale_out(folder: Path) -> dict:
    try:
        fresh_database(DATABASE_URL)
    except Exception as error:  # no PostgreSQL here: say so instead of failing the others
        return {"skipped": f"PostgreSQL not reachable at BENCH_DATABASE_URL: {error}"}
    # One client on loopback writing several comments a second is what the abuse limits exist
    # to refuse; here it stands for many readers, so the limits step aside for this run.
    env = _site.production_env(
        folder,
        DATABASE_URL=DATABASE_URL,
        COMMENTS_MIN_SECONDS="0",
        RATE_LIMIT_COMMENT_NETWORK="off",
        RATE_LIMIT_COMMENT_EMAIL="off",
    )
    _site.prepare(env)
    ports = [PORT + 1, PORT + 2]
    servers = [start_gunicorn(port, env) for port in ports]
    try:
        article = guide_page(f"http://127.0.0.1:{ports[0]}")
        if article is None or article == "/guide/":
            return {"skipped": "no guide article with a comment form to write to"}
        loads = [
            subprocess.Popen(  # noqa: S603
                wrk_command(f"http://127.0.0.1:{port}/help-now/", connections=SCALE_CONNECTIONS),
                stdout=subprocess.PIPE,
                text=True,
            )
            for port in ports
        ]
        writer = CommentWriter(ports, article, stop_at=time.monotonic() + DURATION)
        writer.start()
        time.sleep(DURATION / 2)
        victim = workers_of(servers[0])[0]
        os.kill(victim, signal.SIGKILL)
        outputs = [parse_wrk(load.communicate(timeout=DURATION + 60)[0]) for load in loads]
        writer.join(timeout=DURATION + 30)
        stored = stored_comments(DATABASE_URL)
    finally:
        for server in servers:
            stop(server)
    lost = sorted(set(writer.acknowledged) - stored)
    return {
        "instances": len(ports),
        "killed_worker_on_port": ports[0],
        "load": dict(zip([str(p) for p in ports], outputs, strict=True)),
        "errors_total": sum(o["errors"] for o in outputs),
        "errors_allowed_in_flight": SCALE_CONNECTIONS,
        "comments_acknowledged": len(writer.acknowledged),
        "comments_stored": len(stored),
        "comments_outcomes": dict(writer.outcomes),
        "comments_failed_unacknowledged": writer.failed,
        "acknowledged_but_lost": lost,
        "passes": bool(writer.acknowledged)
        and not lost
        and sum(o["errors"] for o in outputs) <= SCALE_CONNECTIONS,
        "comments_on": article,
    }


def run() -> dict:
    if shutil.which("wrk") is None:
        return {
            "skipped": "wrk is not installed (apt-get install wrk; `make bench` does it as root)"
        }
    with _site.temporary_folder() as name:
        folder = Path(name)
        return {
            "workers_per_instance": WORKERS,
            "connections": CONNECTIONS,
            "duration_s": DURATION,
            "same_run": same_run(folder / "single"),
            "scale_out": scale_out(folder / "scale"),
        }
