"""One error shape for the whole API: a machine code and a human message.

The code never changes; the message is in the request's language (the API middleware turns
the language on before any operation runs), so raise errors with gettext'd messages.
"""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext
from ninja import Schema

from recoverynav.core import ratelimit


class ErrorOut(Schema):
    code: str
    message: str


class ParameterErrorOut(ErrorOut):
    """A 400 caused by parameters also says which ones (location, message, kind)."""

    errors: list[dict[str, Any]] = []


# Declared on every operation so clients (and schemathesis) know each status and its body.
ERROR_RESPONSES: dict[int, type[Schema]] = {400: ParameterErrorOut, 429: ErrorOut}
ERROR_RESPONSES_404: dict[int, type[Schema]] = {**ERROR_RESPONSES, 404: ErrorOut}


class ApiError(Exception):
    def __init__(
        self,
        code: str,
        message: str,
        status: int = 400,
        errors: list[dict] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status
        self.errors = errors
        self.headers = headers or {}


class NotFound(ApiError):
    def __init__(self, message: str | None = None) -> None:
        super().__init__("not_found", message or gettext("Not found."), status=404)


class BadParameter(ApiError):
    """A parameter that parsed but makes no sense (an unknown filter value, a radius too big)."""

    def __init__(self, parameter: str, message: str, *, location: str = "query") -> None:
        errors = [{"loc": [location, parameter], "msg": message}]
        super().__init__("invalid_parameters", message, status=400, errors=errors)


def error_body(code: str, message: str) -> dict[str, str]:
    return {"code": code, "message": message}


def charge(request: HttpRequest, route: str) -> None:
    """Count this request against `route`'s own budget (core/ratelimit.py) on top of the
    API's: an operation that pages through a whole export says so in its first line. A 304
    answered before the operation runs is never counted."""
    decision = ratelimit.hit_request(request, route)
    if not decision.allowed:
        message = gettext("Too many requests. Try again in %(seconds)s seconds.")
        raise ApiError(
            "rate_limited",
            message % {"seconds": decision.retry_after},
            status=429,
            headers={"Retry-After": str(decision.retry_after)},
        )
