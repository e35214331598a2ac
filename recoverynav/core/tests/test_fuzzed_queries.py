"""Hostile query strings on every GET page and API operation: no server error.

The pages are enumerated from the URLconf and the API operations from its OpenAPI
document, so a new page or operation is fuzzed without editing this file. Each gets its own
parameters (the names in its forms, or the operation's declared ones, plus `page`) set to
values an attacker sent: Unicode digits (superscript, Arabic-Indic, full-width), integers
that overflow a database column, control characters and NUL, very long text, invalid
percent-encoding, repeated keys and control characters in the keys themselves. A clear 4xx
or a normal page is fine; a 5xx is not (a database error the middleware turns into 503
counts too).
"""

import re
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from recoverynav.api.api import api
from recoverynav.directory.tests.factories import make_facility
from recoverynav.guide.selectors import list_pages
from recoverynav.meetings.models import Meeting
from recoverynav.meetings.tests.conftest import import_records, meeting_record

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

HOSTILE_VALUES = [
    "²",
    "٣",
    "\uff11\uff12",
    "-1",
    "0",
    "99999999999999999999",
    "9" * 400,
    "1e400",
    "nan",
    "-inf",
    "0x10",
    " 2 ",
    "\x00",
    "a\x00b",
    "\x01\x1b[2J\x7f",
    "\r\nSet-Cookie: x=1",
    "\u202etxt.exe",
    "\U0001f600",
    "<script>alert(1)</script>",
    "'; DROP TABLE x; --",
    "%",
    "x" * 5000,
]
HOSTILE_KEYS = ["pa\x00ge", "page\r\nX-Injected: 1", "\x1b", "²", "p" * 2000]
RAW_QUERIES = [
    "page=%ff",
    "%ff=1",
    "page=%",
    "page=%zz",
    "page",
    "=",
    "&&&==&",
    "page=1&page=2&page=²",
    "page=" + "9" * 30 + "&page=1",
    "%00=%00",
    "a[]=1&a[b]=2",
]
SKIPPED_PREFIXES = ("admin/", "api/")
# Values that make a finder search, so that its other parameters are read too.
SEARCHING = {"place": "22902", "lat": "38.03", "lon": "-78.48"}
NAME = re.compile(r'<(?:input|select|textarea)\b[^>]*\sname="([^"]+)"')


def page_routes() -> list[str]:
    """Every page route (a URL pattern's text, with its converters), English prefix."""
    routes = []

    def walk(patterns: list, prefix: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                routes.append(prefix + str(pattern.pattern))

    walk(get_resolver().url_patterns, "")
    return sorted(r for r in set(routes) if not r.startswith(SKIPPED_PREFIXES))


def api_operations() -> list[tuple[str, str, tuple[str, ...], tuple[str, ...]]]:
    """(operation id, path, path parameters, query parameters) of every API GET."""
    document = api.get_openapi_schema(path_prefix="/api/v1")
    found = []
    for path, methods in document["paths"].items():
        operation = methods.get("get")
        if operation is None:
            continue
        parameters = operation.get("parameters", [])
        found.append(
            (
                operation["operationId"],
                path,
                tuple(p["name"] for p in parameters if p["in"] == "path"),
                tuple(p["name"] for p in parameters if p["in"] == "query"),
            )
        )
    return sorted(found)


def sample_arguments() -> dict[str, str]:
    """A real value for each converter name the routes use: one facility (with other
    services, as every importer stores them), one meeting, a guide page."""
    facility = make_facility(
        attributes={"setting": ["outpatient"]},
        other_services=[["Treatment Approaches", "Motivational interviewing"]],
    )
    import_records([meeting_record()])
    meeting = Meeting.objects.get()
    return {
        "pk": str(facility.pk),
        "facility_id": str(facility.pk),
        "slug": list_pages("en")[0].slug,
        "meeting_slug": meeting.slug,
        "instrument_id": "audit",
        "token": "not-a-token",
        "page_key": "guide:what-is-addiction",
        "fmt": "json",
        "code": "US",
    }


def concrete_path(route: str, arguments: dict[str, str]) -> str:
    """The route with each converter filled in; meetings' slugs are meetings'."""
    path = route.replace("^", "").replace("$", "").replace("\\.", ".")
    path = re.sub(r"\(\?P<fmt>(\w+)\)", r"\1", path)
    if path.startswith("meetings/"):
        path = path.replace("<slug:slug>", arguments["meeting_slug"])

    def fill(match: re.Match) -> str:
        return arguments[match.group(1)]

    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", fill, path)


def hostile_queries(keys: list[str]) -> list[str]:
    """Query strings: each key with each hostile value, each key twice, hostile keys, raw;
    on a finder, each also beside a place, so that the search runs and reads them all."""
    queries = []
    for key in keys:
        queries += [f"{quote(key)}={quote(value)}" for value in HOSTILE_VALUES]
        queries.append(f"{quote(key)}=1&{quote(key)}=%C2%B2")
    queries += [f"{quote(key)}=1" for key in HOSTILE_KEYS]
    queries += RAW_QUERIES
    searching = "&".join(
        f"{name}={quote(value)}" for name, value in SEARCHING.items() if name in keys
    )
    if searching:
        queries += [f"{searching}&{query}" for query in queries]
    return queries


def server_errors(client: Client, path: str, queries: list[str]) -> list[tuple[str, int]]:
    failures = []
    for query in queries:
        response = client.get(f"{path}?{query}")
        if response.status_code >= 500:
            failures.append((query[:120], response.status_code))
    return failures


@pytest.fixture
def arguments(hotlines: None, gazetteer: None) -> dict[str, str]:
    return sample_arguments()


@pytest.fixture
def fuzzing_client(settings) -> Client:
    """The rate limits off: hundreds of requests come from one address."""
    settings.RATE_LIMITS = dict.fromkeys(settings.RATE_LIMITS, "off")
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("route", page_routes())
def test_no_hostile_query_gives_a_page_a_server_error(
    fuzzing_client: Client, arguments: dict[str, str], route: str
) -> None:
    path = concrete_path(route, arguments)
    plain = fuzzing_client.get(path)
    assert plain.status_code < 500, path
    body = b"".join(plain.streaming_content) if plain.streaming else plain.content
    names = set(NAME.findall(body.decode(errors="replace")))
    keys = sorted(names | {"page", "lang", "format", "q", "replyto", "c", "comment"})

    assert server_errors(fuzzing_client, path, hostile_queries(keys)) == []


@pytest.mark.parametrize(
    ("operation", "path", "path_parameters", "query_parameters"),
    api_operations(),
    ids=lambda value: value if isinstance(value, str) and "/" not in value else "",
)
def test_no_hostile_parameter_gives_an_api_operation_a_server_error(
    fuzzing_client: Client,
    arguments: dict[str, str],
    operation: str,
    path: str,
    path_parameters: tuple[str, ...],
    query_parameters: tuple[str, ...],
) -> None:
    real = re.sub(r"\{(\w+)\}", lambda m: arguments.get(m.group(1), "x"), path)
    keys = sorted({*query_parameters, "page", "lang"})
    failures = server_errors(fuzzing_client, real, hostile_queries(keys))
    for name in path_parameters:
        for value in HOSTILE_VALUES:
            hostile = path.replace(f"{{{name}}}", quote(value, safe=""))
            hostile = re.sub(r"\{(\w+)\}", lambda m: arguments.get(m.group(1), "x"), hostile)
            failures += server_errors(fuzzing_client, hostile, ["lang=en"])

    assert failures == []
