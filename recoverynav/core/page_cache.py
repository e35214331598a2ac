"""Rendered pages that are the same for every visitor, kept in the cache and served again.

The home page, the guide and the help-now page are read far more often than their data
changes, and rendering them costs more than the rest of the request. A view names what its
page depends on (`version`, e.g. the hotlines' last change); the key also holds the language,
the path and the code's templates (`core.fragments.fragment_version`), so a changed hotline,
file or deployment is never served stale. What must differ per response (a guide article's
comment-form token) is filled into every copy by the view's `fill`, never stored. Only plain
GETs are cached: a query string the view does not declare means an uncached render, so odd
URLs cannot fill the cache, and a response that sets a cookie is never kept. Pages with
per-request parts use `core.frames` instead.
"""

import hashlib
from collections.abc import Callable, Collection

from django.conf import settings
from django.core.cache import cache as shared_cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from recoverynav.core.fragments import PAGE_CACHE_SECONDS, fragment_version


def render_shared_page(
    request: HttpRequest,
    template_name: str,
    *,
    context: Callable[[], dict],
    version: str = "",
    query_keys: Collection[str] = (),
    fill: Callable[[bytes], bytes] | None = None,
) -> HttpResponse:
    """`render(request, template_name, context())`, from the cache when the same page (path,
    language, `version`) was rendered before. `context` is only called on a miss. `fill`
    puts what must differ per response (a signed form token) into every copy served; the
    cache keeps the page without it."""
    fill = fill or (lambda content: content)
    if (
        not settings.PAGE_CACHE_ENABLED
        or request.method not in ("GET", "HEAD")
        or any(key not in query_keys for key in request.GET)
    ):
        response = render(request, template_name, context())
        response.content = fill(response.content)
        return response
    identity = "\x1f".join([fragment_version(), request.get_full_path(), version])
    key = "page:" + hashlib.blake2b(identity.encode(), digest_size=16).hexdigest()
    stored = shared_cache.get(key)
    if stored is not None:
        content, content_type = stored
        return HttpResponse(fill(content), content_type=content_type)
    response = render(request, template_name, context())
    # A page that asked for a CSRF cookie holds a token of this visitor's: never shared.
    if (
        response.status_code == 200
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    ):
        shared_cache.set(key, (response.content, response["Content-Type"]), PAGE_CACHE_SECONDS)
    response.content = fill(response.content)
    return response
