"""A brake on guessing admin passwords, counted by the one rate limiter (core/ratelimit.py):
failed sign-ins are limited per username from one network (RATE_LIMITS["admin_login_user"])
and per network across all usernames (["admin_login_network"]), so trying 30 usernames from
one address is stopped too. Keys are keyed hashes; no username or address is stored."""

import contextlib
from collections.abc import Callable

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from recoverynav.core import ratelimit
from recoverynav.core.client_address import network_key

USER_ROUTE = "admin_login_user"
NETWORK_ROUTE = "admin_login_network"


def throttle_keys(request: HttpRequest) -> dict[str, str]:
    """The keys for this attempt: the username is hashed into its key, never kept."""
    username = request.POST.get("username", "").strip().casefold()
    return {
        USER_ROUTE: f"{USER_ROUTE}:{network_key(request, f'{USER_ROUTE}|{username}')}",
        NETWORK_ROUTE: ratelimit.request_key(request, NETWORK_ROUTE),
    }


class AdminLoginThrottleMiddleware:
    """Counts failed POSTs to the admin login and answers 429 while the username (from this
    network) or the network is over its budget."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method != "POST" or request.path != reverse("admin:login"):
            return self.get_response(request)
        keys = throttle_keys(request)
        try:
            refused = [
                (route, decision)
                for route, key in keys.items()
                if not (
                    decision := ratelimit.peek(key=key, budget=ratelimit.budget_for(route))
                ).allowed
            ]
        except DatabaseError:
            # The sign-in itself needs the database: let the view fail into the kind 503.
            return self.get_response(request)
        if refused:
            route, decision = refused[0]
            wait = max(d.retry_after for _route, d in refused)
            minutes = max(1, -(-wait // 60))
            response = render(
                request,
                "core/login_throttled.html",
                {"minutes": minutes, "per_network": route == NETWORK_ROUTE},
                status=429,
            )
            response["Retry-After"] = str(wait)
            return response
        response = self.get_response(request)
        with contextlib.suppress(DatabaseError):
            if response.status_code == 200:  # the form came back with an error
                for route, key in keys.items():
                    ratelimit.hit(key=key, budget=ratelimit.budget_for(route))
            elif response.status_code == 302:
                ratelimit.reset(key=keys[USER_ROUTE])
        return response
