"""The browsable API docs, served from our own static files under our CSP.

django-ninja's Swagger page already avoids inline script, but its template has no language,
no fallback without JavaScript and loads a favicon set; ours loads only swagger-ui's bundle,
its stylesheet and a small starter script of our own.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import DocsBase


class OwnSwagger(DocsBase):
    template = "api/docs.html"

    def render_page(self, request: HttpRequest, api: Any, **kwargs: Any) -> HttpResponse:
        context = {"api": api, "openapi_url": self.get_openapi_url(api, kwargs)}
        return render(request, self.template, context)
