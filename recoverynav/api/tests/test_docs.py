"""docs/api.md documents every operation, and the browsable docs work under our CSP."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from recoverynav.api.api import api

API_DOC = Path(__file__).resolve().parents[3] / "docs" / "api.md"
DOCUMENTED = re.compile(r"^#{2,4} `(GET|POST|PUT|PATCH|DELETE) (/api/v1/\S*)`", re.MULTILINE)


def openapi_operations() -> set[tuple[str, str]]:
    paths = api.get_openapi_schema(path_prefix="/api/v1")["paths"]
    return {(method.upper(), path) for path, operations in paths.items() for method in operations}


def documented_operations() -> set[tuple[str, str]]:
    return set(DOCUMENTED.findall(API_DOC.read_text(encoding="utf-8")))


def test_every_operation_in_the_openapi_document_is_in_docs_api_md() -> None:
    missing = openapi_operations() - documented_operations()

    assert not missing, f"add a section to docs/api.md for: {sorted(missing)}"


def test_docs_api_md_documents_no_operation_that_does_not_exist() -> None:
    stale = documented_operations() - openapi_operations()

    assert not stale, f"docs/api.md documents operations the API lacks: {sorted(stale)}"


def test_every_documented_operation_has_an_example() -> None:
    text = API_DOC.read_text(encoding="utf-8")
    sections = re.split(r"^(?=#{2,4} `)", text, flags=re.MULTILINE)[1:]

    for section in sections:
        heading = section.splitlines()[0]
        assert "```" in section, f"{heading} needs an example"


@pytest.mark.django_db
def test_the_docs_page_loads_only_our_own_scripts_and_styles(visitor: Client) -> None:
    response = visitor.get("/api/v1/docs")

    html = response.content.decode()
    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.DOTALL)
    assert scripts
    for attributes, body in scripts:
        assert not body.strip(), "no inline script"
        assert 'src="/static/' in attributes
    assert "<style" not in html
    assert not re.search(r"\sstyle=|\son\w+=", html), "no inline styles or handlers"
    for asset in re.findall(r'(?:src|href)="/static/([^"]+)"', html):
        assert finders.find(asset), f"{asset} is not among our static files"
    assert 'data-openapi-url="/api/v1/openapi.json"' in html
