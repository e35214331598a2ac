"""Benchmarks run their measuring half in a fresh interpreter, so each database gets its own
settings (DATABASE_URL is read once, at start-up)."""

import json
import os
import subprocess
import sys
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent


def run_worker(module: str, *args: str, env: dict[str, str]) -> dict:
    """Run `python -m module *args` with `env` added; its last stdout line is the JSON result."""
    done = subprocess.run(  # noqa: S603  (our own interpreter and module)
        [sys.executable, "-m", module, *args],
        cwd=REPO_DIR,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])
