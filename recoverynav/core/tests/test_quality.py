"""Every app keeps at least as many lines of tests as of code (STYLE.md), counted by
`recoverynav.core.quality`."""

from pathlib import Path

import pytest

from recoverynav.core import quality

TARGET = 1.0
# Counted once per run: tokenizing the whole package takes a second or so.
ROWS = quality.apps()


def test_it_counts_code_lines_but_not_blank_or_comment_lines():
    source = '"""A docstring\nover two lines."""\n\n# a comment\nx = 1  # a comment after code\n'

    assert quality.counted_lines(source) == 3


def test_it_counts_every_line_of_a_multi_line_statement():
    source = "numbers = [\n    1,\n\n    2,\n]\n"

    assert quality.counted_lines(source) == 4


def test_an_app_without_code_needs_no_tests():
    assert quality.AppLines(app="empty", code=0, tests=0).ratio == float("inf")


def test_it_counts_tests_apart_from_code_and_leaves_migrations_out(tmp_path: Path):
    app = tmp_path / "things"
    (app / "tests").mkdir(parents=True)
    (app / "migrations").mkdir()
    (app / "apps.py").write_text("name = 'things'\n")
    (app / "models.py").write_text("a = 1\nb = 2\n")
    (app / "migrations" / "0001_initial.py").write_text("a = 1\n" * 50)
    (app / "tests" / "test_things.py").write_text("def test_it():\n    assert True\n" * 3)
    (tmp_path / "not_an_app").mkdir()
    (tmp_path / "not_an_app" / "module.py").write_text("a = 1\n")

    [row] = quality.apps(tmp_path)

    assert (row.app, row.code, row.tests, row.ratio) == ("things", 3, 6, 2.0)


def test_it_prints_one_row_per_app_and_a_total(capsys, monkeypatch):
    monkeypatch.setattr(quality, "apps", lambda: ROWS)

    exit_code = quality.main()

    printed = capsys.readouterr().out.splitlines()
    assert printed[0].split() == ["app", "code", "tests", "ratio"]
    assert [line.split()[0] for line in printed[1:-1]] == [row.app for row in ROWS]
    assert printed[-1].split()[:3] == [
        "all",
        str(sum(r.code for r in ROWS)),
        str(sum(r.tests for r in ROWS)),
    ]
    assert exit_code == (0 if all(r.ratio >= TARGET for r in ROWS) else 1)


def test_the_script_fails_when_an_app_has_fewer_test_lines_than_code(capsys, monkeypatch):
    short = quality.AppLines(app="short", code=10, tests=9)
    monkeypatch.setattr(quality, "apps", lambda: [short])

    assert quality.main() == 1
    assert "short" in capsys.readouterr().out


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.app)
def test_every_app_has_at_least_as_many_lines_of_tests_as_of_code(row):
    assert row.ratio >= TARGET, (
        f"{row.app}: {row.tests} lines of tests for {row.code} lines of code "
        f"({row.ratio:.2f}); `python -m recoverynav.core.quality` shows every app"
    )
