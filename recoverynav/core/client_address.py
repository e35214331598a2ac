"""The visitor's address, only ever to be shortened and hashed at once (rate limits, the admin
sign-in throttle, the network hash kept with a comment): no raw address is stored or logged.

`network_key` is the one way to turn an address into something that may be kept: the address
is shortened to its /24 (IPv4) or /48 (IPv6), so a household or small network shares one key,
and hashed with a key derived from SECRET_KEY that changes every UTC day, so yesterday's keys
cannot be matched with today's, and no key can be turned back into an address.
"""

import datetime as dt
import functools
import hashlib
import hmac
import ipaddress

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone


def shortened_network(ip: str) -> str:
    """IPv4 to its /24 and IPv6 to its /48: one household or small network, not one device."""
    try:
        address = ipaddress.ip_address(ip.strip())
    except ValueError:
        return "unknown"
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    prefix = 24 if address.version == 4 else 48
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


def client_ip(request: HttpRequest) -> str:
    """The client's address. Behind TRUSTED_PROXY_HOPS trusted proxies it is read from
    X-Forwarded-For counted from the right, which a client cannot forge."""
    hops = settings.TRUSTED_PROXY_HOPS
    if hops > 0:
        forwarded = request.headers.get("X-Forwarded-For", "").split(",")
        addresses = [part.strip() for part in forwarded if part.strip()]
        if len(addresses) >= hops:
            return addresses[-hops]
    return request.META.get("REMOTE_ADDR", "")


@functools.lru_cache(maxsize=4)
def _daily_key(secret: str, day: dt.date) -> bytes:
    """The day's hashing key: HMAC of the day under SECRET_KEY (an HKDF-style derivation), so
    a key leaked from memory says nothing about other days."""
    message = f"recoverynav.network-key|{day.isoformat()}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).digest()


def address_key(address: str, purpose: str, *, now: dt.datetime | None = None) -> str:
    """The keyed hash of an address's network for one purpose (for callers that were handed
    the address, such as the comments service); see network_key."""
    day = (now or timezone.now()).astimezone(dt.UTC).date()
    message = f"{purpose}|{shortened_network(address)}".encode()
    return hmac.new(_daily_key(settings.SECRET_KEY, day), message, hashlib.sha256).hexdigest()


def network_key(request: HttpRequest, purpose: str, *, now: dt.datetime | None = None) -> str:
    """A 64-character hex key for the visitor's network, distinct per purpose (a rate-limit
    route, "comments"), that changes every UTC day and holds no address."""
    return address_key(client_ip(request), purpose, now=now)
