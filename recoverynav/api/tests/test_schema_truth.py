"""The OpenAPI document says what the server does: a request it calls valid is accepted, and
one the server refuses is invalid by the document too."""

import re
from collections.abc import Iterator

import pytest
from django.test import Client

from recoverynav.api.api import api

# Strings holding a NUL: the server refuses every one (PostgreSQL text cannot hold it).
WITH_NUL = ["\x00", "x\x00", "\x00x", "ab\x00cd"]
FORMATS_WITHOUT_NUL = {"uuid", "date", "date-time", "email", "uri"}


def request_string_schemas() -> Iterator[tuple[str, dict]]:
    """(where, schema) for every string a request may carry: parameters and bodies."""
    document = api.get_openapi_schema(path_prefix="/api/v1")
    components = document["components"]["schemas"]

    def walk(schema: dict, where: str, seen: set[str]) -> Iterator[tuple[str, dict]]:
        if "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            if name not in seen:
                yield from walk(components[name], f"{where}>{name}", seen | {name})
            return
        if schema.get("type") == "string":
            yield where, schema
        for key in ("items", "additionalProperties"):
            if isinstance(schema.get(key), dict):
                yield from walk(schema[key], where, seen)
        for name, sub in schema.get("properties", {}).items():
            yield from walk(sub, f"{where}.{name}", seen)
        for key in ("anyOf", "oneOf", "allOf"):
            for sub in schema.get(key, []):
                yield from walk(sub, where, seen)

    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            for parameter in operation.get("parameters", []):
                where = f"{method.upper()} {path} {parameter['in']}:{parameter['name']}"
                yield from walk(parameter["schema"], where, set())
            for media in operation.get("requestBody", {}).get("content", {}).values():
                yield from walk(media["schema"], f"{method.upper()} {path} body", set())


def admits_nul(schema: dict) -> bool:
    if "enum" in schema or "const" in schema or schema.get("format") in FORMATS_WITHOUT_NUL:
        return False
    pattern = schema.get("pattern")
    return pattern is None or any(re.search(pattern, text) for text in WITH_NUL)


def test_no_request_string_in_the_schema_admits_a_nul_character() -> None:
    found = list(request_string_schemas())
    assert len(found) > 20

    assert [where for where, schema in found if admits_nul(schema)] == []


@pytest.mark.django_db
def test_the_server_refuses_nul_in_a_json_string_but_not_a_backslash_u_text(
    visitor: Client,
) -> None:
    """The body is read as JSON: a NUL in a string is refused; the six characters \\u0000
    written as text (an escaped backslash) are an ordinary string."""
    nul = visitor.post(
        "/api/v1/screening/score",
        '{"instrument": "audit", "answers": {"audit-1": "\\u0000"}}',
        content_type="application/json",
    )
    text = visitor.post(
        "/api/v1/screening/score",
        '{"instrument": "audit", "answers": {"audit-1": "\\\\u0000"}}',
        content_type="application/json",
    )

    assert nul.status_code == 400
    assert "NUL" in nul.json()["message"]
    assert text.status_code == 400
    assert "NUL" not in text.json()["message"]
