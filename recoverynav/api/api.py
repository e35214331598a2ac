"""The public JSON API. Each domain app offers a django-ninja `router` in its `api.py`, and
this module mounts them, so the API calls the same selectors as the HTML views. The apps'
`api.py` import `recoverynav.api.errors` and `.params`; this module imports the apps.

Each router module also offers `LINKS`: names and paths that the API root lists (a dict, or
a function returning one when the links depend on data or settings).
"""

from types import ModuleType
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext
from ninja import NinjaAPI, Schema
from ninja.errors import HttpError, ValidationError

from recoverynav.api.docs import OwnSwagger
from recoverynav.api.errors import ERROR_RESPONSES, ApiError, error_body
from recoverynav.api.links import AbsoluteUrl
from recoverynav.api.middleware import ERROR_CODES, ERROR_MESSAGES
from recoverynav.comments import api as comments_api
from recoverynav.directory import api as directory_api
from recoverynav.geo import api as geo_api
from recoverynav.guide import api as guide_api
from recoverynav.hotlines import api as hotlines_api
from recoverynav.meetings import api as meetings_api
from recoverynav.screening import api as screening_api

# The middleware refuses NUL in every parameter and body (PostgreSQL text cannot hold it);
# the document says so on every string a request may carry, so that clients (and
# schemathesis) know those requests are invalid.
NO_NUL = r"^[^\x00]*$"
FORMATS_WITHOUT_NUL = {"uuid", "date", "date-time", "email", "uri"}


class RecoveryNavigatorApi(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> dict:
        document = super().get_openapi_schema(*args, **kwargs)
        declare_no_nul(document)
        return document


def declare_no_nul(document: dict) -> None:
    """Give each request string without a pattern the pattern NO_NUL (one with a pattern
    must exclude NUL itself: a test checks every one)."""
    components = document.get("components", {}).get("schemas", {})
    done: set[str] = set()

    def visit(schema: dict) -> None:
        if "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            if name not in done and name in components:
                done.add(name)
                visit(components[name])
            return
        if (
            schema.get("type") == "string"
            and not {"enum", "const", "pattern"} & schema.keys()
            and schema.get("format") not in FORMATS_WITHOUT_NUL
        ):
            schema["pattern"] = NO_NUL
        for key in ("items", "additionalProperties"):
            if isinstance(schema.get(key), dict):
                visit(schema[key])
        for sub in schema.get("properties", {}).values():
            visit(sub)
        for key in ("anyOf", "oneOf", "allOf"):
            for sub in schema.get(key, []):
                visit(sub)

    for methods in document.get("paths", {}).values():
        for operation in methods.values():
            for parameter in operation.get("parameters", []):
                visit(parameter["schema"])
            for media in operation.get("requestBody", {}).get("content", {}).values():
                visit(media["schema"])


api = RecoveryNavigatorApi(
    title="Recovery Navigator API",
    version="1",
    urls_namespace="api",
    description="Read-mostly access to hotlines, treatment facilities, meetings, "
    "screening instruments and guide pages. Every error is a JSON object with a `code` "
    "and a `message`. See docs/api.md in the source for examples.",
    docs=OwnSwagger(),
    docs_url="/docs",
)

api.add_router("/hotlines", hotlines_api.router)
api.add_router("/places", geo_api.router)
api.add_router("/facilities", directory_api.router)
api.add_router("/hsds", directory_api.hsds_router)
api.add_router("/meetings", meetings_api.router)
api.add_router("/screening", screening_api.router)
api.add_router("/guide", guide_api.router)
api.add_router("/comments", comments_api.router)
# The API root lists their LINKS in this order.
LINKED: list[ModuleType] = [
    hotlines_api,
    geo_api,
    directory_api,
    meetings_api,
    screening_api,
    guide_api,
    comments_api,
]


@api.exception_handler(ApiError)
def on_api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    body: dict = error_body(exc.code, exc.message)
    if exc.errors is not None:
        body["errors"] = exc.errors
    response = api.create_response(request, body, status=exc.status)
    for name, value in exc.headers.items():
        response[name] = value
    return response


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    # Only location and message: pydantic's context may hold objects JSON cannot encode.
    errors = [
        {"loc": _location(error.get("loc", ())), "msg": str(error.get("msg", ""))}
        for error in exc.errors
    ]
    body = {
        "code": "invalid_parameters",
        "message": gettext("Some parameters are not valid."),
        "errors": errors,
    }
    return api.create_response(request, body, status=400)


def _location(loc: tuple | list) -> list[str]:
    """Where the error is: ["body", "answers", …] rather than django-ninja's ["body", "body",
    "answers", …] (its own wrapper around the body)."""
    parts = [str(part) for part in loc]
    return parts[1:] if parts[:2] == ["body", "body"] else parts


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """django-ninja's own refusals; a 400 is always a body it could not read."""
    if exc.status_code == 400:
        body = error_body("invalid_body", gettext("The request body is not valid JSON."))
    else:
        status = exc.status_code
        body = error_body(
            ERROR_CODES.get(status, "error"), str(ERROR_MESSAGES.get(status, exc.message))
        )
    return api.create_response(request, body, status=exc.status_code)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, error_body("not_found", gettext("Not found.")), status=404)


class RootOut(Schema):
    name: str
    version: str
    links: dict[str, AbsoluteUrl]


@api.get("/", response={200: RootOut, **ERROR_RESPONSES}, tags=["root"], summary="API root")
def root(request: HttpRequest) -> dict:
    """Links to every part of the API and to the exports, so a client needs only this URL."""
    links = {
        "openapi": "/api/v1/openapi.json",
        "docs": "/api/v1/docs",
    }
    for module in LINKED:
        links.update(module.LINKS() if callable(module.LINKS) else module.LINKS)
    return {
        "name": api.title,
        "version": api.version,
        "links": links,
    }
