"""The HTTP benchmark's tools: a gunicorn server started and stopped (production settings, sync
workers) and wrk run and read. Apart from the scenarios (bench_http, http_scale_out,
http_feed_load) so each scenario reads as what it measures, not how a server is driven.

Environment: BENCH_DURATION (seconds, default 10), BENCH_CONNECTIONS (default 16),
BENCH_WORKERS (default: CPU count), BENCH_PORT (first of four ports, default 8171).
"""

import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench import _site

DURATION = int(os.environ.get("BENCH_DURATION", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
WORKERS = int(os.environ.get("BENCH_WORKERS", str(os.cpu_count() or 2)))
PORT = int(os.environ.get("BENCH_PORT", "8171"))


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
    threads = min(2, connections)
    command = [
        "wrk", f"-t{threads}", f"-c{connections}", f"-d{DURATION}s", "--latency", "--timeout", "5s"
    ]  # fmt: skip
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


def fetch(base: str, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(base + path, timeout=10) as response:  # noqa: S310  # nosec B310
            return response.status, response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, ""
