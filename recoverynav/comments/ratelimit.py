"""Fixed-window rate limits on hashed keys: in the database by default (SQLite or
PostgreSQL, so every app server shares them), in Django's cache when Redis is configured."""

import datetime as dt

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F

from recoverynav.comments.models import RateCounter


def parse_rate(rate: str) -> tuple[int, int]:
    """'5/600' means five per 600 seconds; ValueError for anything else."""
    count, _, seconds = rate.partition("/")
    return int(count), int(seconds)


def _window_start(now: dt.datetime, seconds: int) -> dt.datetime:
    epoch = int(now.timestamp())
    return dt.datetime.fromtimestamp(epoch - epoch % seconds, tz=dt.UTC)


def _hit_database(key: str, start: dt.datetime, seconds: int) -> int:
    counters = RateCounter.objects.filter(key=key, window_start=start)
    if not counters.update(count=F("count") + 1):
        try:
            with transaction.atomic():
                RateCounter.objects.create(
                    key=key,
                    window_start=start,
                    count=1,
                    expires=start + dt.timedelta(seconds=seconds),
                )
                return 1
        except IntegrityError:  # another request created the window first
            counters.update(count=F("count") + 1)
    return counters.values_list("count", flat=True).get()


def _hit_cache(key: str, start: dt.datetime, seconds: int) -> int:
    cache_key = f"comments-rate:{key}:{int(start.timestamp())}"
    cache.add(cache_key, 0, timeout=seconds)
    try:
        return cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=seconds)
        return 1


def hit(*, key: str, rate: str, now: dt.datetime) -> bool:
    """Count one attempt for `key`; True while the attempts stay within `rate`."""
    limit, seconds = parse_rate(rate)
    start = _window_start(now, seconds)
    if settings.COMMENTS_RATE_LIMIT_BACKEND == "cache":
        count = _hit_cache(key, start, seconds)
    else:
        count = _hit_database(key, start, seconds)
    return count <= limit


def forget_expired(*, now: dt.datetime) -> int:
    return RateCounter.objects.filter(expires__lt=now).delete()[0]
