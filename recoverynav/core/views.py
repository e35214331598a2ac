from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache

from recoverynav.core.navigation import available_home_paths


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"paths": available_home_paths()})


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")


def data_sources(request: HttpRequest) -> HttpResponse:
    return render(request, "core/data_sources.html")


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Load balancers poll this; it answers 503 when the database cannot be reached."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy", whatever the driver raises
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    return HttpResponsePermanentRedirect(static("core/icon.svg"))


def bench_constant(request: HttpRequest) -> HttpResponse:
    """The cheapest possible page; only routed when BENCH_CONSTANT_VIEW is on."""
    return HttpResponse(b"ok\n", content_type="text/plain")
