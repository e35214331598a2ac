"""The site's URLs plus a page that fails, as a bug would, to see the 500 page."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpRequest, HttpResponse
from django.urls import path

from recoverynav.urls import handler500  # noqa: F401  (the handler this URLconf must use)
from recoverynav.urls import urlpatterns as site_urlpatterns


class Bug(Exception):
    pass


def broken(request: HttpRequest) -> HttpResponse:
    raise Bug("a bug in a view")


urlpatterns = [
    path("api/v1/broken", broken),
    *i18n_patterns(path("broken/", broken), prefix_default_language=False),
    *site_urlpatterns,
]
