"""The site's URLs plus a page that carries the share control, as a listing does."""

from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path

from recoverynav.urls import urlpatterns as site_urlpatterns

PAGE = engines["django"].from_string(
    '{% extends "core/base.html" %}'
    "{% block title %}Hope House{% endblock %}"
    '{% block content %}<h1>Hope House</h1>{% include "core/_share.html" %}{% endblock %}'
)


def listing(request: HttpRequest) -> HttpResponse:
    return HttpResponse(PAGE.render({}, request))


urlpatterns = [path("a-listing/", listing), *site_urlpatterns]
