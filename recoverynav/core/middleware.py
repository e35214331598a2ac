"""Response headers that Django's SecurityMiddleware does not set itself."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

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
    """Add CSP and Permissions-Policy to every response unless a view chose its own."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.headers.setdefault(
            "Content-Security-Policy",
            getattr(settings, "CONTENT_SECURITY_POLICY", CONTENT_SECURITY_POLICY),
        )
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

    return middleware
