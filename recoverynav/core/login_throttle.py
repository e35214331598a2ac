"""A small brake on guessing admin passwords: after a few failed sign-ins for one username
from one network, that pair must wait. Works across processes and servers (database-backed)."""

import contextlib
import datetime as dt
import hashlib
import hmac
from collections.abc import Callable

from django.conf import settings
from django.db import DatabaseError
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from recoverynav.core.client_address import client_ip, shortened_network
from recoverynav.core.models import LoginThrottle


def throttle_key(*, username: str, address: str, today: dt.date) -> str:
    """A keyed hash that changes every day; neither part can be read back from it."""
    message = f"{today.isoformat()}|{username.strip().casefold()}|{shortened_network(address)}"
    return hmac.new(settings.SECRET_KEY.encode(), message.encode(), hashlib.sha256).hexdigest()


def seconds_locked(*, key: str) -> int:
    """How long this pair must still wait (0: it may try)."""
    window = dt.timedelta(seconds=settings.ADMIN_LOGIN_LOCK_SECONDS)
    entry = LoginThrottle.objects.filter(key=key).first()
    if entry is None or entry.failures < settings.ADMIN_LOGIN_MAX_FAILURES:
        return 0
    remaining = entry.window_started + window - timezone.now()
    return max(0, int(remaining.total_seconds()))


def record_failure(*, key: str) -> None:
    now = timezone.now()
    window_start = now - dt.timedelta(seconds=settings.ADMIN_LOGIN_LOCK_SECONDS)
    LoginThrottle.objects.filter(window_started__lt=window_start).delete()
    updated = LoginThrottle.objects.filter(key=key).update(failures=F("failures") + 1)
    if not updated:
        LoginThrottle.objects.get_or_create(
            key=key, defaults={"failures": 1, "window_started": now}
        )


def clear(*, key: str) -> None:
    LoginThrottle.objects.filter(key=key).delete()


def _admin_login_path() -> str:
    return reverse("admin:login")


class AdminLoginThrottleMiddleware:
    """Counts failed POSTs to the admin login and answers 429 while a pair is locked."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method != "POST" or request.path != _admin_login_path():
            return self.get_response(request)
        key = throttle_key(
            username=request.POST.get("username", ""),
            address=client_ip(request),
            today=timezone.now().date(),
        )
        try:
            wait = seconds_locked(key=key)
        except DatabaseError:
            # The sign-in itself needs the database: let the view fail into the kind 503.
            return self.get_response(request)
        if wait:
            minutes = max(1, -(-wait // 60))
            response = render(
                request, "core/login_throttled.html", {"minutes": minutes}, status=429
            )
            response["Retry-After"] = str(wait)
            return response
        response = self.get_response(request)
        with contextlib.suppress(DatabaseError):
            if response.status_code == 200:  # the form came back with an error
                record_failure(key=key)
            elif response.status_code == 302:
                clear(key=key)
        return response
