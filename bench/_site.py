"""A throw-away copy of the site for benchmarks: its own data directory, migrated, demo data
loaded, production settings (DEBUG off) except HTTPS redirects, which loopback cannot use."""

import os
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def production_env(folder: Path, **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DEBUG": "",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "0",
        "RECOVERYNAV_DATA_DIR": str(folder / "data"),
        "STATIC_ROOT": str(folder / "static"),
        "RECOVERYNAV_BENCH_CONSTANT_VIEW": "1",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(REPO),
    }
    env.pop("DATABASE_URL", None)
    env.update(extra)
    return env


def manage(*args: str, env: dict[str, str]) -> None:
    subprocess.run(  # noqa: S603  (our own interpreter and module)
        [sys.executable, "-m", "recoverynav", *args],
        env=env,
        cwd=REPO,
        check=True,
        capture_output=True,
        timeout=1800,
    )


def prepare(env: dict[str, str]) -> None:
    """Migrate, load the demo data and collect static files, as a deployment would."""
    manage("migrate", "--no-input", env=env)
    manage("load_demo_data", env=env)
    manage("collectstatic", "--no-input", env=env)


def temporary_folder() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix="recoverynav-bench-")
