"""The site's URLs plus a page that carries a comment section, as a guide page will."""

from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path

from recoverynav.urls import urlpatterns as site_urlpatterns

PAGE_KEY = "test:page"
PAGE_URL = "/test-page/"
PAGE = engines["django"].from_string(
    '{% extends "core/base.html" %}{% load comments_tags %}'
    "{% block title %}A test page{% endblock %}"
    "{% block content %}<h1>A test page</h1>"
    '{% comment_section "test:page" "/test-page/" %}{% endblock %}'
)


def test_page(request: HttpRequest) -> HttpResponse:
    return HttpResponse(PAGE.render({}, request))


urlpatterns = [path("test-page/", test_page, name="test_page"), *site_urlpatterns]
