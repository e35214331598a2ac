"""Scale-out, part of the HTTP benchmark (bench_http): two gunicorn instances on two ports
sharing one PostgreSQL, load on both, and one worker killed with SIGKILL mid-run: only
in-flight requests may fail, and every comment the server acknowledged must be stored.

Environment: BENCH_DATABASE_URL (PostgreSQL; default the local rn_quality_bench, dropped and
created each run).
"""

import http.client
import os
import re
import signal
import subprocess
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from bench import _site
from bench.http_pages import guide_page
from bench.http_server import (
    CONNECTIONS,
    DURATION,
    PORT,
    parse_wrk,
    start_gunicorn,
    stop,
    workers_of,
    wrk_command,
)

DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://recoverynav:recoverynav@127.0.0.1:5432/rn_quality_bench"
)
# Per instance in the scale-out run: half, so the comment writer is not starved on small machines.
SCALE_CONNECTIONS = max(2, CONNECTIONS // 2)


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
