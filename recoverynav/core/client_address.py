"""The visitor's address, only ever to be shortened and hashed at once (rate limits, the admin
sign-in throttle); no raw address is stored or logged anywhere."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


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
