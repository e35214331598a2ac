"""Requests per client per time window, counted in the cache.

A client is a keyed hash of its shortened address (IPv4 /24, IPv6 /48), so neither the raw
address nor anything that can be turned back into it is stored, and people behind one small
network share a budget, as in isso's comment limits. The address is read and shortened exactly
as for comments (behind TRUSTED_PROXY_HOPS trusted proxies, from X-Forwarded-For).
"""

import hashlib
import hmac
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from recoverynav.core.client_address import client_ip, shortened_network


def client_key(request: HttpRequest) -> str:
    network = shortened_network(client_ip(request))
    digest = hmac.new(
        f"api-rate-limit:{settings.SECRET_KEY}".encode(), network.encode(), hashlib.sha256
    )
    return digest.hexdigest()[:32]


def seconds_to_wait(request: HttpRequest) -> int:
    """Count this request; 0 when it is within the limit, else seconds until the window resets.

    A fixed window per client: cheap (one add and one incr on the cache) and the same on
    every app server when the cache is shared (REDIS_URL).
    """
    limit = settings.API_RATE_LIMIT
    window = settings.API_RATE_LIMIT_WINDOW
    if limit <= 0:
        return 0
    now = time.time()
    window_index = int(now // window)
    key = f"api-rate:{client_key(request)}:{window_index}"
    cache.add(key, 0, timeout=window + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: this request starts a new count
        cache.add(key, 1, timeout=window + 1)
        count = 1
    if count <= limit:
        return 0
    return max(1, math.ceil((window_index + 1) * window - now))
