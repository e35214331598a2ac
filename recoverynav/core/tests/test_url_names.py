"""Every URL name the site links with exists: in templates (`{% url 'name' %}`), in the
Python that builds links (`reverse("name")` and the link tables: home paths, sitemap, plan
finders) and in the guide's Markdown (`route:name`). A misspelt or renamed name fails here,
and the helpers call plain `reverse`, so a link never silently vanishes from a page."""

import ast
import re
from pathlib import Path

import pytest
from django.urls import get_resolver

from recoverynav.core.navigation import HOME_PATHS
from recoverynav.core.sitemaps import ENTRY_POINTS
from recoverynav.guide.checks import check_guide_content, unknown_routes
from recoverynav.guide.content import content_dir, load_page_file, slugs_for
from recoverynav.plan.selectors import FINDERS
from recoverynav.screening.guidance import OVERDOSE_PAGE

PACKAGE = Path(__file__).resolve().parents[2]
TEMPLATE_URL = re.compile(r"""\{%\s*url\s+(['"])([^'"]+)\1""")


def url_name_exists(name: str) -> bool:
    """Whether `name` ("namespace:name") is a URL name of the site's URLconf."""
    resolver = get_resolver()
    *namespaces, view = name.split(":")
    for namespace in namespaces:
        if namespace not in resolver.namespace_dict:
            return False
        resolver = resolver.namespace_dict[namespace][1]
    return view in resolver.reverse_dict


def names_in_templates() -> set[tuple[str, str]]:
    return {
        (str(path.relative_to(PACKAGE)), match[2])
        for path in PACKAGE.glob("*/templates/**/*.html")
        for match in TEMPLATE_URL.finditer(path.read_text(encoding="utf-8"))
    }


def names_reversed_in_python() -> set[tuple[str, str]]:
    """Literal names passed to `reverse(...)` outside tests and migrations."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        if {"tests", "migrations"} & set(path.parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", "")) == "reverse"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.add((str(path.relative_to(PACKAGE)), node.args[0].value))
    return found


def names_in_link_tables() -> set[tuple[str, str]]:
    return {
        *(("core/navigation.py HOME_PATHS", path.url_name) for path in HOME_PATHS),
        *(("core/sitemaps.py ENTRY_POINTS", name) for name in ENTRY_POINTS),
        *(("plan/selectors.py FINDERS", name) for name, _kind in FINDERS),
        ("screening/guidance.py OVERDOSE_PAGE", OVERDOSE_PAGE[0]),
    }


def test_the_checker_finds_a_misspelt_name() -> None:
    assert url_name_exists("meetings:search")
    assert url_name_exists("admin:login")
    assert not url_name_exists("meetings:serach")
    assert not url_name_exists("meeting:search")


def test_the_scans_find_the_links_they_are_meant_to() -> None:
    assert ("guide/templates/guide/index.html", "plan:plan") in names_in_templates()
    assert ("core/login_throttle.py", "admin:login") in names_reversed_in_python()


@pytest.mark.parametrize(
    "source",
    [names_in_templates, names_reversed_in_python, names_in_link_tables],
    ids=["templates", "reverse() in Python", "link tables"],
)
def test_every_url_name_the_site_links_with_exists(source) -> None:
    unknown = sorted((where, name) for where, name in source() if not url_name_exists(name))

    assert unknown == [], f"URL names that do not exist (file, name): {unknown}"


def test_every_route_link_in_the_shipped_guide_exists() -> None:
    for language in ("en", "es"):
        for slug in slugs_for(language):
            page = load_page_file(content_dir() / language / f"{slug}.md", language=language)
            assert unknown_routes(page.markdown) == [], f"{language}/{slug}.md"


def test_a_misspelt_route_in_an_operators_guide_page_is_named_by_the_checks(
    tmp_path: Path, settings
) -> None:
    from recoverynav.guide.tests.conftest import write_page

    settings.GUIDE_CONTENT_DIR = tmp_path
    write_page(tmp_path, "en", "ours", body="[Find a meeting](route:meetings:serach).")

    errors = [error for error in check_guide_content() if error.id == "guide.E003"]

    assert len(errors) == 1
    assert "ours.md" in errors[0].msg
    assert "'meetings:serach'" in errors[0].msg
