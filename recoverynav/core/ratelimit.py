"""The one rate limiter: every form, export and API call that is limited counts here.

A budget is "count/seconds" per key (RATE_LIMITS in settings, one entry per route; README
"Rate limits"). A key is a route name and a keyed hash of the client's shortened network
(core.client_address.network_key), or another hash (a commenter's e-mail hash): no address,
username or e-mail is ever stored.

Counts must be shared by every worker and server, or a limit of 5 lets 5 times the workers through.
So they live in the database by default (core.RateCounter, one row per key, counted with a
single atomic upsert on SQLite and PostgreSQL alike), or in a shared cache when one is
configured (RATE_LIMIT_CACHE_URL, e.g. Redis: one atomic `incr`). A window starts at a key's
first count and lasts the budget's seconds; expired rows are pruned as the limiter runs.
"""

import contextlib
import dataclasses
import datetime as dt
import functools
import logging
import math
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.db import DatabaseError, connection, transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe
from django.utils.translation import gettext

from recoverynav.core.client_address import network_key
from recoverynav.core.models import RateCounter

log = logging.getLogger(__name__)

PRUNE_EVERY_SECONDS = 60  # per process: expired rows are deleted at most this often
_next_prune = 0.0


@dataclasses.dataclass(frozen=True)
class Budget:
    """`count` requests per `seconds` for one key."""

    count: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> "Budget | None":
        """'5/600' is five per ten minutes; 'off' is no limit (None). ValueError otherwise."""
        if text.strip().lower() == "off":
            return None
        count, slash, seconds = text.partition("/")
        budget = cls(int(count), int(seconds))
        if not slash or budget.count < 1 or budget.seconds < 1:
            raise ValueError(f"{text!r} is not 'count/seconds' with both above zero")
        return budget


@dataclasses.dataclass(frozen=True)
class Decision:
    """What the limiter says about one request: `allowed`, the key's `count` in its window,
    and when refused, `retry_after` (whole seconds until the window ends, for Retry-After)."""

    allowed: bool
    count: int = 0
    retry_after: int = 0


ALLOWED = Decision(allowed=True)


def budget_for(route: str) -> Budget | None:
    """The route's budget from settings.RATE_LIMITS (checked at start-up by core.checks)."""
    return Budget.parse(settings.RATE_LIMITS[route])


def _now(now: dt.datetime | None) -> float:
    return now.timestamp() if now is not None else time.time()


def _shared_cache() -> BaseCache | None:
    alias = settings.RATE_LIMIT_CACHE
    return caches[alias] if alias else None


def _decide(budget: Budget, count: int, expires_at: float, now: float) -> Decision:
    if count <= budget.count:
        return Decision(allowed=True, count=count)
    return Decision(allowed=False, count=count, retry_after=max(1, math.ceil(expires_at - now)))


# One statement counts and returns the count: a new key, or one whose window has ended,
# starts at 1 with a new end; any other adds 1. Both CASEs read the row as it was before
# the statement, on SQLite (3.35+) and PostgreSQL alike. Parameters: key, 1, the new end,
# now, now. (Identifiers in double quotes are standard SQL on both.)
UPSERT = """
INSERT INTO "core_ratecounter" ("key", "count", "expires_at") VALUES (%s, %s, %s)
ON CONFLICT ("key") DO UPDATE SET
  "count" = CASE WHEN "core_ratecounter"."expires_at" <= %s THEN excluded."count"
            ELSE "core_ratecounter"."count" + excluded."count" END,
  "expires_at" = CASE WHEN "core_ratecounter"."expires_at" <= %s THEN excluded."expires_at"
                 ELSE "core_ratecounter"."expires_at" END
RETURNING "count", "expires_at"
"""
# On PostgreSQL, when the statement is its own transaction: a count lost in a crash costs
# nothing, so its commit does not wait for the WAL to reach the disk (milliseconds on every
# limited request otherwise: docs/DESIGN.md, "As built"). set_config(…, true) lasts for this
# statement's transaction only.
UPSERT_NO_FLUSH_WAIT = UPSERT.replace(
    "VALUES (%s, %s, %s)",
    "SELECT %s::varchar, %s::integer, %s::double precision "
    "FROM (SELECT set_config('synchronous_commit', 'off', true)) AS no_flush_wait",
)


def _hit_database(key: str, budget: Budget, now: float) -> tuple[int, float]:
    """One statement, committed on its own; inside a caller's transaction, in a savepoint
    (so a failure leaves the caller's work usable) and with the caller's durability."""
    _prune_now_and_then(now)
    params = [key, 1, now + budget.seconds, now, now]
    nested = connection.in_atomic_block
    sql = UPSERT_NO_FLUSH_WAIT if connection.vendor == "postgresql" and not nested else UPSERT
    savepoint = transaction.atomic() if nested else contextlib.nullcontext()
    with savepoint, connection.cursor() as cursor:
        cursor.execute(sql, params)
        count, expires_at = cursor.fetchall()[0]
    return int(count), float(expires_at)


def _hit_cache(cache: BaseCache, key: str, budget: Budget, now: float) -> tuple[int, float]:
    counter, until = f"ratelimit:{key}", f"ratelimit:{key}:until"
    cache.add(until, now + budget.seconds, timeout=budget.seconds)
    if cache.add(counter, 1, timeout=budget.seconds):
        count = 1
    else:
        try:
            count = cache.incr(counter)
        except ValueError:  # expired between add and incr: this request starts a window
            cache.set(counter, 1, timeout=budget.seconds)
            count = 1
    return count, float(cache.get(until) or now + budget.seconds)


def hit(*, key: str, budget: Budget | None, now: dt.datetime | None = None) -> Decision:
    """Count one request for `key` and say whether it is within `budget`.

    Atomic and shared by every worker and server. If the database cannot count (it is
    locked or down), the request is allowed and a warning logged: a limiter must not turn a
    database hiccup into refused help."""
    if budget is None:
        return ALLOWED
    at = _now(now)
    try:
        cache = _shared_cache()
        if cache is None:
            count, expires_at = _hit_database(key, budget, at)
        else:
            count, expires_at = _hit_cache(cache, key, budget, at)
    except DatabaseError as error:  # one line per request: the outage is logged elsewhere
        log.warning("rate limit not counted, the database is unavailable: %s", error)
        return ALLOWED
    return _decide(budget, count, expires_at, at)


def peek(*, key: str, budget: Budget | None, now: dt.datetime | None = None) -> Decision:
    """Whether `key` is over `budget` already, without counting (the sign-in throttle counts
    only failures, after the attempt)."""
    if budget is None:
        return ALLOWED
    at = _now(now)
    cache = _shared_cache()
    if cache is None:
        row = (
            RateCounter.objects.filter(key=key, expires_at__gt=at)
            .values_list("count", "expires_at")
            .first()
        )
        count, expires_at = row or (0, at)
    else:
        count = cache.get(f"ratelimit:{key}", 0)
        expires_at = cache.get(f"ratelimit:{key}:until", at)
    # `count` requests were counted; one more would be the next.
    decision = _decide(budget, count + 1, expires_at, at)
    return dataclasses.replace(decision, count=count)


def refund(*, key: str, now: dt.datetime | None = None) -> None:
    """Take back one count (a request that turned out to cost nothing, such as a 304)."""
    cache = _shared_cache()
    if cache is None:
        RateCounter.objects.filter(key=key, expires_at__gt=_now(now), count__gt=0).update(
            count=F("count") - 1
        )
    elif cache.get(f"ratelimit:{key}", 0) > 0:
        cache.decr(f"ratelimit:{key}")


def reset(*, key: str) -> None:
    """Forget `key`'s count (a successful sign-in clears its failures)."""
    cache = _shared_cache()
    if cache is None:
        RateCounter.objects.filter(key=key).delete()
    else:
        cache.delete_many([f"ratelimit:{key}", f"ratelimit:{key}:until"])


def prune(*, now: dt.datetime | None = None) -> int:
    """Delete the counters whose window has ended; returns how many."""
    return RateCounter.objects.filter(expires_at__lte=_now(now)).delete()[0]


def _prune_now_and_then(now: float) -> None:
    """Keeps the table as small as the keys active in the last window, for one DELETE on an
    indexed column per process per PRUNE_EVERY_SECONDS."""
    global _next_prune
    if now < _next_prune:
        return
    _next_prune = now + PRUNE_EVERY_SECONDS
    RateCounter.objects.filter(expires_at__lte=now).delete()


def request_key(request: HttpRequest, route: str, *, now: dt.datetime | None = None) -> str:
    """The key for this client's network on `route`."""
    return f"{route}:{network_key(request, route, now=now)}"


def hit_request(request: HttpRequest, route: str, *, now: dt.datetime | None = None) -> Decision:
    """Count this request against `route`'s budget for the client's network. The key is kept
    on the request so that refund_request can take the count back (a 304)."""
    key = request_key(request, route, now=now)
    decision = hit(key=key, budget=budget_for(route), now=now)
    if decision.allowed and decision.count:
        request.rate_limit_keys = [*getattr(request, "rate_limit_keys", []), key]
    return decision


def refund_request(request: HttpRequest) -> None:
    """Take back what this request was counted for: a conditional request answered 304 costs
    the server almost nothing, so a client that checks politely keeps its budget."""
    for key in getattr(request, "rate_limit_keys", []):
        refund(key=key)
    request.rate_limit_keys = []


def too_many_requests(decision: Decision) -> JsonResponse:
    """The 429 for a machine-read address (exports): the API's error shape and Retry-After."""
    message = gettext("Too many requests. Try again in %(seconds)s seconds.")
    response = JsonResponse(
        {"code": "rate_limited", "message": message % {"seconds": decision.retry_after}},
        status=429,
    )
    response["Retry-After"] = str(decision.retry_after)
    return response


def _answered_not_modified(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """The 304 that the response's own validators allow, if the view did not answer it."""
    if request.method not in {"GET", "HEAD"} or response.status_code != 200:
        return response
    etag = response.get("ETag")
    last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
    if etag is None and last_modified is None:
        return response
    return get_conditional_response(
        request, etag=etag, last_modified=last_modified, response=response
    )


def limit_view(route: str) -> Callable:
    """Decorator for a page view that serves a large export: past `route`'s budget the
    client gets a 429 with Retry-After (the site stays quick for everyone else), and a
    conditional request answered 304 is not counted."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def limited(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            decision = hit_request(request, route)
            if not decision.allowed:
                return too_many_requests(decision)
            response = _answered_not_modified(request, view(request, *args, **kwargs))
            if response.status_code == 304:
                refund_request(request)
            return response

        return limited

    return decorate
