"""Test:code lines per Django app: `python -m recoverynav.core.quality` prints the table.

The rule, the same for both sides: a line counts when it holds Python code, that is any
token other than a comment (so blank lines and comment-only lines do not count; docstrings
and multi-line strings do, line by line). An app's *code* is every `*.py` file under
`recoverynav/<app>/` outside its `tests/` and `migrations/` folders; its *tests* are the
`*.py` files under `recoverynav/<app>/tests/`. STYLE.md asks for at least as many lines of
tests as of code in every app, and `core/tests/test_quality.py` holds the apps to it.

It lives in the package (not in `.ci/` or `bench/`) so that its test imports it like any
other module and a clone runs it with the project's own interpreter and no path set-up.
"""

import io
import sys
import tokenize
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
NOT_CODE = {"tests", "migrations", "__pycache__"}
SILENT_TOKENS = {
    tokenize.COMMENT,
    tokenize.NL,
    tokenize.NEWLINE,
    tokenize.INDENT,
    tokenize.DEDENT,
    tokenize.ENCODING,
    tokenize.ENDMARKER,
}


@dataclass(frozen=True)
class AppLines:
    """One app's counted lines of code and of tests."""

    app: str
    code: int
    tests: int

    @property
    def ratio(self) -> float:
        """Test lines per code line; an app without code needs no tests."""
        return self.tests / self.code if self.code else float("inf")


def counted_lines(source: str) -> int:
    """The lines of `source` that hold at least one token other than a comment."""
    lines: set[int] = set()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type not in SILENT_TOKENS:
            lines.update(range(token.start[0], token.end[0] + 1))
    return len(lines)


def _count(files: list[Path]) -> int:
    return sum(counted_lines(path.read_text(encoding="utf-8")) for path in files)


def app_lines(app_dir: Path) -> AppLines:
    """Count one app directory by the rule in this module's docstring."""
    code, tests = [], []
    for path in sorted(app_dir.rglob("*.py")):
        parts = path.relative_to(app_dir).parts
        if parts[0] == "tests":
            tests.append(path)
        elif not NOT_CODE.intersection(parts):
            code.append(path)
    return AppLines(app=app_dir.name, code=_count(code), tests=_count(tests))


def apps(package: Path = PACKAGE) -> list[AppLines]:
    """Every Django app in the package (a folder with an `apps.py`), by name."""
    return [
        app_lines(folder)
        for folder in sorted(package.iterdir())
        if folder.is_dir() and (folder / "apps.py").exists()
    ]


def table(rows: list[AppLines]) -> str:
    """The counts as a plain-text table with a total row."""
    lines = [f"{'app':<12}{'code':>8}{'tests':>8}{'ratio':>8}"]
    for row in rows:
        lines.append(f"{row.app:<12}{row.code:>8}{row.tests:>8}{row.ratio:>8.2f}")
    total = AppLines("all", sum(r.code for r in rows), sum(r.tests for r in rows))
    lines.append(f"{total.app:<12}{total.code:>8}{total.tests:>8}{total.ratio:>8.2f}")
    return "\n".join(lines)


def main() -> int:
    """Print the table; exit 1 when an app has fewer test lines than code lines."""
    rows = apps()
    sys.stdout.write(table(rows) + "\n")
    return 0 if all(row.ratio >= 1.0 for row in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
