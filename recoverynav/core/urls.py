from django.conf import settings
from django.urls import path

from recoverynav.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("privacy/", views.privacy, name="privacy"),
    # Browsers ask for it on pages without an icon link (the admin's); no 404 in their console.
    path("favicon.ico", views.favicon),
    path("data-sources/", views.data_sources, name="data_sources"),
    # Unnamed on purpose: a script, not a page, so the page crawler must not visit it.
    path("sw.js", views.service_worker),
]
if settings.BENCH_CONSTANT_VIEW:
    # The HTTP benchmark's baseline: same middleware, no template, no database.
    urlpatterns.append(path("bench/constant", views.bench_constant))
