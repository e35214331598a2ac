"""The public JSON API. Each domain app may offer a django-ninja `router` in its `api.py`;
this module mounts them, so the API calls the same selectors as the HTML views.

A router module may also offer `EXTRA_ROUTERS` ({prefix: router}, e.g. the directory's HSDS
export) and `LINKS`: names and paths that the API root lists (a dict, or
a function returning one when the links depend on data or settings).
"""

from importlib import import_module
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

# (app module, URL prefix) pairs; an app without an `api.py` router is skipped.
ROUTED_APPS = [
    ("hotlines", "/hotlines"),
    ("geo", "/places"),
    ("directory", "/facilities"),
    ("meetings", "/meetings"),
    ("screening", "/screening"),
    ("guide", "/guide"),
    ("comments", "/comments"),
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


MOUNTED: list[ModuleType] = []


@api.get("/", response={200: RootOut, **ERROR_RESPONSES}, tags=["root"], summary="API root")
def root(request: HttpRequest) -> dict:
    """Links to every part of the API and to the exports, so a client needs only this URL."""
    links = {
        "openapi": "/api/v1/openapi.json",
        "docs": "/api/v1/docs",
    }
    for module in MOUNTED:
        found = getattr(module, "LINKS", {})
        links.update(found() if callable(found) else found)
    return {
        "name": api.title,
        "version": api.version,
        "links": links,
    }


def _mount_routers() -> None:
    for app, prefix in ROUTED_APPS:
        try:
            module = import_module(f"recoverynav.{app}.api")
        except ModuleNotFoundError as error:
            if error.name != f"recoverynav.{app}.api":
                raise
            continue
        api.add_router(prefix, module.router)
        for extra_prefix, extra_router in getattr(module, "EXTRA_ROUTERS", {}).items():
            api.add_router(extra_prefix, extra_router)
        MOUNTED.append(module)


_mount_routers()
