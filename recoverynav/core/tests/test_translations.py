"""Every interface string in our templates and Python code has a Spanish translation."""

import ast
import functools
import re
from pathlib import Path

import polib
import pytest
from django.utils.translation.template import templatize

PACKAGE_DIR = Path(__file__).resolve().parents[2]
GETTEXT_FUNCTIONS = {
    "_",
    "gettext",
    "gettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "ngettext",
    "ngettext_lazy",
}
# templatize() turns {% translate %} / {% blocktranslate %} into gettext(u'...') calls.
TEMPLATIZED_CALL = re.compile(r"\b(gettext|pgettext|ngettext|npgettext)\((u?'(?:[^'\\]|\\.)*')")
TEMPLATIZED_CONTEXT_CALL = re.compile(
    r"\b(?:pgettext|npgettext)\(u?'(?:[^'\\]|\\.)*',\s*(u?'(?:[^'\\]|\\.)*')"
)


def template_msgids(path: Path) -> set[str]:
    code = templatize(path.read_text(encoding="utf-8"), origin=str(path))
    found = set()
    for function, literal in TEMPLATIZED_CALL.findall(code):
        if function in {"gettext", "ngettext"}:
            found.add(ast.literal_eval(literal))
    for literal in TEMPLATIZED_CONTEXT_CALL.findall(code):
        found.add(ast.literal_eval(literal))
    return found


def python_msgids(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and node.args):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name not in GETTEXT_FUNCTIONS:
            continue
        index = 1 if name.startswith("pgettext") else 0
        argument = node.args[index] if len(node.args) > index else None
        if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
            found.add(argument.value)
    return found


def source_files() -> list[Path]:
    files = []
    for path in sorted(PACKAGE_DIR.glob("*/**/*")):
        parts = path.relative_to(PACKAGE_DIR).parts
        if "tests" in parts or "migrations" in parts or not path.is_file():
            continue
        if (path.suffix == ".html" and "templates" in parts) or path.suffix == ".py":
            files.append(path)
    return files


@functools.cache
def spanish_translations() -> frozenset[str]:
    translated = set()
    for po_path in PACKAGE_DIR.glob("*/locale/es/LC_MESSAGES/django.po"):
        for entry in polib.pofile(str(po_path)):
            if "fuzzy" in entry.flags or entry.obsolete:
                continue
            if entry.msgstr or (entry.msgstr_plural and all(entry.msgstr_plural.values())):
                translated.add(entry.msgid)
    return frozenset(translated)


def test_it_finds_strings_to_check() -> None:
    assert "Get help now" in template_msgids(PACKAGE_DIR / "core/templates/core/base.html")


@pytest.mark.parametrize("path", source_files(), ids=lambda p: str(p.relative_to(PACKAGE_DIR)))
def test_every_interface_string_has_a_spanish_translation(path: Path) -> None:
    msgids = template_msgids(path) if path.suffix == ".html" else python_msgids(path)
    missing = sorted(msgids - spanish_translations())
    assert not missing, (
        f"Strings in {path.name} missing from a Spanish catalog (run `make messages`, "
        f"then translate them in the app's locale/es/LC_MESSAGES/django.po): {missing}"
    )
