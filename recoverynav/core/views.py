from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.utils.cache import get_conditional_response
from django.views.decorators.cache import never_cache

from recoverynav.core.navigation import home_paths
from recoverynav.core.offline import current_service_worker
from recoverynav.core.page_cache import render_shared_page


def home(request: HttpRequest) -> HttpResponse:
    return render_shared_page(request, "core/home.html", context=lambda: {"paths": home_paths()})


def privacy(request: HttpRequest) -> HttpResponse:
    return render_shared_page(
        request,
        "core/privacy.html",
        context=lambda: {"quick_exit_host": urlsplit(settings.QUICK_EXIT_URL).hostname or ""},
    )


def data_sources(request: HttpRequest) -> HttpResponse:
    return render_shared_page(request, "core/data_sources.html", context=dict)


def service_worker(request: HttpRequest) -> HttpResponse:
    """At the language's root (/sw.js, /es/sw.js) so that its scope covers the home page and
    every page under it. Browsers ask for it again on each visit: an ETag answers 304."""
    script, etag = current_service_worker()
    response = get_conditional_response(request, etag=etag) or HttpResponse(
        script, content_type="application/javascript; charset=utf-8"
    )
    response["ETag"] = etag
    response["Cache-Control"] = "no-cache"
    return response


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
