"""The project's modules import each other without a cycle. A cycle is what function-local
imports were once used to hide (`core.page_cache` ↔ `context_processors` ↔ `frame_tags`), so
imports inside functions count as much as those at the top of a module."""

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]
ROOT = PACKAGE.parent


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules() -> dict[str, Path]:
    """Every module of the package except tests and migrations, by dotted name."""
    return {
        module_name(path): path
        for path in PACKAGE.rglob("*.py")
        if not {"tests", "migrations"} & set(path.relative_to(PACKAGE).parts)
    }


def imported_modules(path: Path, known: dict[str, Path]) -> Iterator[str]:
    """The project modules `path` imports, anywhere in the file."""
    package = module_name(path) if path.name == "__init__.py" else module_name(path.parent)
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names if alias.name in known)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            for alias in node.names:
                if f"{base}.{alias.name}" in known:
                    yield f"{base}.{alias.name}"
                elif base in known:
                    yield base


def import_graph() -> dict[str, set[str]]:
    known = project_modules()
    return {
        name: {target for target in imported_modules(path, known) if target != name}
        for name, path in known.items()
    }


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_walk_sees_the_imports_it_should() -> None:
    graph = import_graph()

    assert "recoverynav.core.frames" in graph["recoverynav.core.templatetags.frame_tags"]
    assert "recoverynav.core.fragments" in graph["recoverynav.core.frames"]
    assert "recoverynav.directory.selectors" in graph["recoverynav.directory.api"]


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_project_has_no_import_cycle() -> None:
    assert cycles(import_graph()) == []


# --- the picture of the apps in docs/DESIGN.md ------------------------------------------------
DESIGN = ROOT / "docs" / "DESIGN.md"
# The site's top: it puts the apps together (settings, URLs, the demo data of every app).
SITE = {
    "recoverynav",
    "recoverynav.settings",
    "recoverynav.urls",
    "recoverynav.wsgi",
    "recoverynav.__main__",
    "recoverynav.core.management.commands.load_demo_data",
}
# The API app is a toolkit the apps import, and the module that mounts their routers.
API_MOUNT = {"recoverynav.api.api", "recoverynav.api.urls"}


def app_of(module: str) -> str:
    if module in SITE:
        return "site"
    if module in API_MOUNT:
        return "api_mount"
    return module.split(".")[1]


def app_edges(graph: dict[str, set[str]]) -> set[tuple[str, str]]:
    return {
        (app_of(source), app_of(target))
        for source, targets in graph.items()
        for target in targets
        if app_of(source) != app_of(target)
    }


def drawn_edges(markdown: str) -> set[tuple[str, str]]:
    """The `a --> b & c` arrows of the Mermaid picture."""
    block = markdown.split("```mermaid", 1)[1].split("```", 1)[0]
    edges = set()
    for line in block.splitlines():
        source, arrow, targets = line.partition("-->")
        if arrow:
            edges |= {(source.strip(), target.strip()) for target in targets.split("&")}
    return edges


def arrows(edges: set[tuple[str, str]]) -> str:
    """The Mermaid lines for `edges`, one per importing app, as DESIGN.md writes them."""
    by_source: dict[str, list[str]] = {}
    for source, target in sorted(edges):
        by_source.setdefault(source, []).append(target)
    order = ["site", "api_mount", *sorted(set(by_source) - {"site", "api_mount"})]
    return "\n".join(
        f"  {source} --> {' & '.join(by_source[source])}" for source in order if source in by_source
    )


def test_the_picture_reader_reads_mermaid_arrows() -> None:
    picture = '```mermaid\nflowchart TD\n  a["A"]\n  a --> b & c\n  c --> b\n```'

    assert drawn_edges(picture) == {("a", "b"), ("a", "c"), ("c", "b")}
    assert arrows({("a", "b"), ("a", "c"), ("c", "b")}) == "  a --> b & c\n  c --> b"


def test_the_picture_of_the_apps_in_the_design_is_the_real_import_graph() -> None:
    real = app_edges(import_graph())
    drawn = drawn_edges(DESIGN.read_text(encoding="utf-8"))

    assert drawn == real, (
        f"docs/DESIGN.md's picture differs from the imports: drawn only {sorted(drawn - real)}, "
        f"imported only {sorted(real - drawn)}. Its arrows, to paste:\n{arrows(real)}"
    )
