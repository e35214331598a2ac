"""Settings read from the environment: numbers are checked, and a SQLite connection is set
up with WAL (readers go on during an import) and reads through a memory map (every worker
shares the operating system's copy of the file)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from recoverynav.settings import env_float, env_int

PRAGMAS = (
    "from django.db import connection; c = connection.cursor(); "
    "print(*[c.execute(f'PRAGMA {name}').fetchone()[0] "
    "for name in ('journal_mode', 'synchronous', 'mmap_size')])"
)


def sqlite_pragmas(data_dir: Path, **env: str) -> list[str]:
    environment = {
        **{key: value for key, value in os.environ.items() if key != "DATABASE_URL"},
        "DJANGO_SETTINGS_MODULE": "recoverynav.settings",
        "RECOVERYNAV_DATA_DIR": str(data_dir),
        "DEBUG": "1",
        **env,
    }
    result = subprocess.run(  # noqa: S603  (our own interpreter)
        [sys.executable, "-c", f"import django; django.setup(); {PRAGMAS}"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


@pytest.mark.parametrize(
    ("env", "mmap_size"),
    [({}, str(256 * 1024 * 1024)), ({"SQLITE_MMAP_SIZE": "0"}, "0")],
)
def test_sqlite_connections_use_wal_and_a_memory_map(tmp_path: Path, env, mmap_size) -> None:
    journal_mode, synchronous, mapped = sqlite_pragmas(tmp_path, **env)

    assert journal_mode == "wal"
    assert synchronous == "1"  # NORMAL: safe with WAL, and no fsync on every commit
    assert mapped == mmap_size


def test_numbers_from_the_environment_fall_back_to_their_default_when_unset(monkeypatch) -> None:
    monkeypatch.delenv("RN_TEST_NUMBER", raising=False)
    assert env_int("RN_TEST_NUMBER", 7) == 7
    monkeypatch.setenv("RN_TEST_NUMBER", " ")
    assert env_float("RN_TEST_NUMBER", 2) == 2.0
    monkeypatch.setenv("RN_TEST_NUMBER", " 42 ")
    assert env_int("RN_TEST_NUMBER", 7) == 42
    assert env_float("RN_TEST_NUMBER", 7) == 42.0


@pytest.mark.parametrize("value", ["abc", "1.5", "10MB"])
def test_a_bad_whole_number_stops_the_start_naming_the_variable(monkeypatch, value) -> None:
    monkeypatch.setenv("SQLITE_MMAP_SIZE", value)

    with pytest.raises(
        ImproperlyConfigured, match=f"SQLITE_MMAP_SIZE must be a whole number, not '{value}'"
    ):
        env_int("SQLITE_MMAP_SIZE", 0)


@pytest.mark.parametrize("value", ["soon", "nan", "inf"])
def test_a_bad_number_stops_the_start_naming_the_variable(monkeypatch, value) -> None:
    monkeypatch.setenv("GUIDE_CHECK_SECONDS", value)

    with pytest.raises(ImproperlyConfigured, match="GUIDE_CHECK_SECONDS must be a number"):
        env_float("GUIDE_CHECK_SECONDS", 1)


def test_the_site_refuses_to_start_with_a_bad_number(tmp_path: Path) -> None:
    with pytest.raises(AssertionError, match="SQLITE_MMAP_SIZE must be a whole number"):
        sqlite_pragmas(tmp_path, SQLITE_MMAP_SIZE="lots")


# --- every setting an operator can set is documented (as datasette tests its own) -----------
REPO = Path(__file__).resolve().parents[3]
SETTINGS_FILE = REPO / "recoverynav" / "settings.py"
ENV_READERS = {"env_bool", "env_int", "env_float", "env_date", "env_list"}


def environment_names(source: str) -> set[str]:
    """The variable names settings.py reads: `env_*("NAME", …)`, `os.environ.get("NAME")`,
    `os.environ["NAME"]`."""
    import ast

    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            function = node.func
            called = getattr(function, "id", None) or getattr(function, "attr", None)
            reads_environ = called == "get" and ast.unparse(function).startswith("os.environ")
            if called in ENV_READERS or reads_environ:
                names.add(node.args[0].value)
        elif (
            isinstance(node, ast.Subscript)
            and ast.unparse(node.value) == "os.environ"
            and isinstance(node.slice, ast.Constant)
        ):
            names.add(node.slice.value)
    return names


def operator_docs() -> str:
    return "\n".join(
        path.read_text(encoding="utf-8") for path in [REPO / "README.md", *REPO.glob("docs/*.md")]
    )


def test_the_walk_finds_every_way_settings_read_the_environment() -> None:
    source = (
        'A = env_int("ONE", 1)\nB = os.environ.get("TWO", "")\nC = os.environ["THREE"]\n'
        'D = env_list("FOUR")\nE = settings.get("NOT_ONE")\n'
    )

    assert environment_names(source) == {"ONE", "TWO", "THREE", "FOUR"}
    assert {"DEBUG", "DATABASE_URL", "REDIS_URL", "LOG_LEVEL"} <= environment_names(
        SETTINGS_FILE.read_text(encoding="utf-8")
    )


def test_every_environment_variable_the_settings_read_is_documented() -> None:
    """In README.md or docs/*.md, written as `NAME` or `NAME=value`: an operator can only
    set what they can find. A new setting fails here until its row or paragraph is written."""
    docs = operator_docs()
    names = environment_names(SETTINGS_FILE.read_text(encoding="utf-8"))

    undocumented = [name for name in names if not re.search(f"`{name}[`=]", docs)]
    assert sorted(undocumented) == [], "add each to README.md's Configuration table or docs/"


def test_a_bad_moderation_link_lifetime_stops_the_start_naming_it(tmp_path: Path) -> None:
    environment = {
        **{key: value for key, value in os.environ.items() if key != "DATABASE_URL"},
        "RECOVERYNAV_DATA_DIR": str(tmp_path),
        "COMMENTS_MODERATION_LINK_MAX_AGE": "a week",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import recoverynav.settings"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )

    assert "ImproperlyConfigured: COMMENTS_MODERATION_LINK_MAX_AGE must be a whole number" in (
        result.stderr
    )
