"""What every API response shares: a rate limit, CORS for reads, validators, JSON errors in
the client's language, and HEAD for every GET.

Only paths under /api/ are touched; pages keep their own behavior.
"""

import hashlib
import json
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    quote_etag,
)
from django.utils.http import http_date
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from recoverynav.api.errors import error_body
from recoverynav.core import ratelimit

API_PREFIX = "/api/"
READ_METHODS = frozenset({"GET"})  # HEAD arrives here as a GET (see _head)
CORS_ALLOW_HEADERS = "Accept, Accept-Language, If-None-Match, If-Modified-Since"
CORS_EXPOSE_HEADERS = "ETag, Retry-After"
ERROR_CODES = {
    400: "bad_request",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    500: "server_error",
}
ERROR_MESSAGES = {
    400: _("The request is not valid."),
    403: _("This request is not allowed."),
    404: _("There is nothing at this address. GET /api/v1/ lists what there is."),
    405: _("This address does not accept that method."),
    413: _("The request is too large."),
    500: _("Something went wrong on our side."),
}


def api_middleware(get_response: Callable[[HttpRequest], HttpResponse]):
    def middleware(request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API_PREFIX):
            return get_response(request)
        # The request's language is the thread's until the response is built, then the
        # previous one is back: whatever runs next in this thread is not left in Spanish.
        with translation.override(translation.get_language()):
            return answer(request)

    def answer(request: HttpRequest) -> HttpResponse:
        _use_language(request)
        if request.method == "OPTIONS":
            return _preflight(request, get_response(request))
        decision = ratelimit.hit_request(request, "api")
        if not decision.allowed:
            response: HttpResponse = ratelimit.too_many_requests(decision)
        elif _has_nul(request):
            response = JsonResponse(
                error_body(
                    "invalid_parameters", gettext("Parameters may not contain NUL characters.")
                ),
                status=400,
            )
        else:
            response = _as_json_error(get_response(request))
            if request.method == "GET" and response.status_code == 200:
                response = _with_validators(request, response)
            if response.status_code == 304:  # a client that checks politely keeps its budget
                ratelimit.refund_request(request)
        if request.method in READ_METHODS:
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Expose-Headers"] = CORS_EXPOSE_HEADERS
        else:
            # What is posted (self-check answers, comments) is personal: no cache keeps it.
            patch_cache_control(response, no_store=True)
        patch_vary_headers(response, ["Accept-Language"])
        # LocaleMiddleware, further out, would read the language after it is restored.
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response

    return _head(middleware)


def _use_language(request: HttpRequest) -> None:
    """Messages (errors included) in the client's language from the start of the request, so
    even a parameter refused before an operation runs is explained in it: a valid ?lang=
    wins, else Accept-Language. The API has no /es/ prefix; its addresses are the same in
    every language."""
    chosen = request.GET.get("lang", "")
    if chosen not in dict(settings.LANGUAGES):
        chosen = translation.get_language_from_request(request)
    translation.activate(chosen)
    request.LANGUAGE_CODE = chosen


def _head(middleware: Callable[[HttpRequest], HttpResponse]):
    """HEAD is GET without the body. django-ninja routes only the methods an operation
    declares, so a HEAD request goes through as a GET and loses the body on the way out:
    status, validators and Content-Length are the GET's."""

    def head_as_get(request: HttpRequest) -> HttpResponse:
        if request.method != "HEAD" or not request.path.startswith(API_PREFIX):
            return middleware(request)
        request.method = "GET"
        try:
            response = middleware(request)
        finally:
            request.method = "HEAD"
        if not response.streaming:
            response["Content-Length"] = str(len(response.content))
            response.content = b""
        return response

    return head_as_get


def _has_nul(request: HttpRequest) -> bool:
    """NUL cannot be stored in PostgreSQL text, so it is refused before any query sees it."""
    if "\x00" in request.path or any(
        "\x00" in value for values in request.GET.lists() for value in values[1]
    ):
        return True
    body = request.body if request.method in {"POST", "PUT", "PATCH"} else b""
    if b"\x00" in body:
        return True
    if b"\\u0000" not in body:
        return False
    try:
        return _holds_nul(json.loads(body))
    except (ValueError, RecursionError):  # not JSON: the operation refuses it with a 400
        return False


def _holds_nul(value: object) -> bool:
    """A NUL in any string or key of a JSON document (the text \\u0000 is not one)."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(key) or _holds_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_holds_nul(item) for item in value)
    return False


def _preflight(request: HttpRequest, inner: HttpResponse) -> HttpResponse:
    """Other sites may read (GET) from the browser; they may not post in a visitor's name.

    `inner` is the router's answer to OPTIONS: a 405 whose Allow header names the methods the
    address really has, or a 404 when there is nothing there."""
    if inner.status_code != 405:
        return _as_json_error(inner)
    allow = _with_head(inner.get("Allow", ""))
    methods = [method.strip() for method in allow.split(",") if method.strip()]
    response = HttpResponse(status=204)
    response["Allow"] = ", ".join([*methods, "OPTIONS"])
    asked = request.headers.get("Access-Control-Request-Method", "").upper()
    if asked in {*READ_METHODS, "HEAD"} and asked in methods:
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response["Access-Control-Allow-Headers"] = CORS_ALLOW_HEADERS
        response["Access-Control-Max-Age"] = "86400"
    return response


def _as_json_error(response: HttpResponse) -> HttpResponse:
    """Django's own 404/405/500 pages become the API's {code, message} body."""
    if response.status_code < 400 or response.get("Content-Type", "").startswith(
        "application/json"
    ):
        return response
    status = response.status_code
    replacement = JsonResponse(
        error_body(
            ERROR_CODES.get(status, "error"), str(ERROR_MESSAGES.get(status, gettext("Error.")))
        ),
        status=status,
    )
    for header in ("Allow", "Retry-After"):
        if header in response:
            replacement[header] = response[header]
    if "Allow" in replacement:
        replacement["Allow"] = _with_head(replacement["Allow"])
    return replacement


def _with_head(allow: str) -> str:
    """Where GET is allowed, so is HEAD (the middleware answers it)."""
    methods = [method.strip() for method in allow.split(",") if method.strip()]
    if "GET" in methods and "HEAD" not in methods:
        methods.insert(methods.index("GET") + 1, "HEAD")
    return ", ".join(methods)


def _with_validators(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    if response.streaming:
        return response
    etag, last_modified = getattr(request, "api_validators", (None, None))
    if etag is None:
        etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    return get_conditional_response(
        request, etag=etag, last_modified=last_modified, response=response
    )
