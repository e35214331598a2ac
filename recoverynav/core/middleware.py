"""Response headers that Django's SecurityMiddleware does not set itself, and a kind answer
when the database is unavailable."""

import contextlib
import logging
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from recoverynav.core import offline_help, server_error

logger = logging.getLogger(__name__)

# Everything is served from our own origin: no inline scripts or styles, no other hosts.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "manifest-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    ]
)
# Geolocation stays available to our own pages for "Use my location"; everything else is off.
PERMISSIONS_POLICY = ", ".join(
    [
        "geolocation=(self)",
        "camera=()",
        "microphone=()",
        "payment=()",
        "usb=()",
        "interest-cohort=()",
        "browsing-topics=()",
    ]
)


def security_headers(get_response: Callable[[HttpRequest], HttpResponse]):
    """Add CSP and Permissions-Policy to every response unless a view chose its own, and
    keep a response that carries a visitor's own token out of shared caches."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.headers.setdefault(
            "Content-Security-Policy",
            getattr(settings, "CONTENT_SECURITY_POLICY", CONTENT_SECURITY_POLICY),
        )
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        kept_from_caches = "no-store" in response.get("Cache-Control", "")
        if not kept_from_caches and carries_visitor_token(request, response):
            response["Cache-Control"] = "private, no-store"
        return response

    return middleware


def carries_visitor_token(request: HttpRequest, response: HttpResponse) -> bool:
    """Whether the response holds a token for this visitor only: a CSRF token (Django sets
    or renews the CSRF cookie whenever a page used one) or a signed form token a view filled
    in (it sets `request.carries_visitor_token`). A proxy or CDN that kept such a page would
    hand one visitor's token to the next."""
    return settings.CSRF_COOKIE_NAME in response.cookies or bool(
        getattr(request, "carries_visitor_token", False)
    )


# Exceptions that mean "the database cannot answer right now", whatever the backend.
DATABASE_TROUBLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = "30"
# Form fields that are machinery, not something the person typed.
NOT_TYPED = {"csrfmiddlewaretoken"}


class DatabaseTroubleMiddleware:
    """Turn a database that went away (or stayed locked past its timeout) into a kind 503.

    A GET gets a page with the emergency numbers read from the bundled file, not the
    database. A POST gets its text back with a button to send it again, so nothing typed is
    lost. Broken connections are closed so that the next request opens a fresh one.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        offline_help.warm()
        server_error.warm()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DATABASE_TROUBLE):
            return None
        # The driver's message says what failed ("database is locked", "no such table");
        # it carries no request data.
        logger.warning("Database trouble: %s: %.200s", type(exception).__name__, exception)
        _close_broken_connections()
        context = {"help_countries": offline_help.offline_countries()}
        template = "core/unavailable.html"
        if request.method == "POST":
            template = "core/busy.html"
            context["kept_fields"] = [
                (name, value)
                for name, values in request.POST.lists()
                if name not in NOT_TYPED
                for value in values
            ]
        response = render(request, template, context, status=503)
        response["Retry-After"] = RETRY_AFTER_SECONDS
        patch_cache_control(response, no_store=True)
        return response


def _close_broken_connections() -> None:
    """Django forgets a connection even when closing it fails; the next query reconnects."""
    for connection in connections.all(initialized_only=True):
        with contextlib.suppress(*DATABASE_TROUBLE):
            connection.close()
