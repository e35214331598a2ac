"""No function of the project (tests and migrations aside) is over 60 lines without saying
why: a `# Long because: …` comment in it or on the line above it. Most long functions are
a sign of two jobs in one; the few that are one job (a field table read top to bottom, one
pass of a file's checks) say so where the next reader looks."""

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
MAX_LINES = 60
MARK = "# Long because:"


def long_functions(source: str, where: str) -> list[str]:
    """`where:line name (N lines)` for each function over MAX_LINES, def line to last line,
    docstring included, without the mark."""
    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        length = node.end_lineno - node.lineno + 1
        start = min([node.lineno, *(d.lineno for d in node.decorator_list)]) - 1
        while start > 0 and lines[start - 1].strip().startswith("#"):
            start -= 1  # the comment block right above the function counts
        if length > MAX_LINES and not any(MARK in line for line in lines[start : node.end_lineno]):
            found.append(f"{where}:{node.lineno} {node.name} ({length} lines)")
    return found


def project_files() -> list[Path]:
    return [
        path
        for folder in ("recoverynav", "bench", ".ci")
        for path in sorted((REPO / folder).rglob("*.py"))
        if not {"tests", "migrations"} & set(path.relative_to(REPO).parts)
    ]


def test_a_long_function_is_found_unless_it_says_why() -> None:
    body = "".join(f"    x{n} = {n}\n" for n in range(MAX_LINES))
    long = f"def long():\n{body}"

    assert long_functions(long, "a.py") == [f"a.py:1 long ({MAX_LINES + 1} lines)"]
    assert long_functions(f"# Long because: one table\n# read top to bottom.\n{long}", "a.py") == []
    assert long_functions(f"# Long because: not this one.\n\n{long}", "a.py") != []
    assert long_functions(long.replace("x3 = 3", "x3 = 3  # Long because: a table"), "a.py") == []
    assert long_functions("def short():\n    return 1\n", "a.py") == []


def test_no_function_is_over_60_lines_without_saying_why() -> None:
    found = [
        entry
        for path in project_files()
        for entry in long_functions(path.read_text(encoding="utf-8"), str(path.relative_to(REPO)))
    ]

    assert found == [], f"shorten these, or say why in a '{MARK} …' comment: {found}"
