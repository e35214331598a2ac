"""The site's URLs plus a results page like the finders' pages, carrying "Save to my plan"
buttons, so the browser tests can try the button before those apps use it."""

from django.http import HttpRequest, HttpResponse
from django.template import RequestContext, Template
from django.urls import path

from recoverynav.urls import urlpatterns as site_urlpatterns

RESULTS = Template(
    '{% extends "core/base.html" %}{% load plan_tags %}{% block content %}<h1>Results</h1><ul>'
    "{% for r in results %}<li>{{ r.name }} "
    "{% save_to_plan_button kind=r.kind id=r.id name=r.name url=r.url %}"
    "</li>{% endfor %}</ul>{% endblock %}"
)
SAVABLE = [
    {"kind": "facility", "id": "f1", "name": "Hope House", "url": "/treatment/f1/"},
    {"kind": "meeting", "id": "m7", "name": "Morning Serenity", "url": "/meetings/m7/"},
]


def results(request: HttpRequest) -> HttpResponse:
    return HttpResponse(RESULTS.render(RequestContext(request, {"results": SAVABLE})))


urlpatterns = [*site_urlpatterns, path("test-results/", results)]
