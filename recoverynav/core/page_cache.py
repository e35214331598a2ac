"""Rendered pages that are the same for every visitor, kept in the cache and served again.

The home page, the guide and the help-now page are read far more often than their data
changes, and rendering them costs more than the rest of the request. A view names what its
page depends on (`version`, e.g. the hotlines' last change); the key also holds the language,
the path and the code's templates, so a changed hotline, file or deployment is never served
stale. What must differ per response (a guide article's comment-form token) is filled into
every copy by the view's `fill`, never stored. Only plain GETs are cached: a query string
the view does not declare means an uncached render, so odd URLs cannot fill the cache, and a
response that sets a cookie is never kept.
"""

import hashlib
import re
import weakref
from collections.abc import Callable, Collection
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.cache import cache as shared_cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import Context, RequestContext
from django.template.base import Template
from django.template.loader import get_template
from django.template.loader_tags import ExtendsNode
from django.urls import get_urlconf
from django.utils.translation import get_language

PACKAGE_DIR = Path(__file__).resolve().parent.parent
# Rendered pages expire even when nothing changed, so the cache never grows without end.
PAGE_CACHE_SECONDS = 600


@cache
def code_fingerprint() -> str:
    """Changes when a template or translation of this installation changes, so a cache
    shared by servers (Redis) never hands out a page rendered by older code. Computed once
    per process (about 2 ms); under `make run` the reloader's `file_changed` signal makes it
    start again (`forget_code_fingerprint`)."""
    digest = hashlib.blake2b(digest_size=8)
    for pattern in ("*/templates/**/*.html", "*/locale/*/LC_MESSAGES/*.mo"):
        for path in sorted(PACKAGE_DIR.glob(pattern)):
            stat = path.stat()
            digest.update(
                f"{path.relative_to(PACKAGE_DIR)}:{stat.st_mtime_ns}:{stat.st_size}".encode()
            )
    return digest.hexdigest()


def forget_code_fingerprint(sender: object = None, *, file_path: Path, **kwargs: object) -> None:
    """Runserver's reloader saw a file change: a template or translation edit must show on
    the next request, not after the cached pages expire (runserver reloads templates
    without restarting the process). Returns None, so the reloader decides on a restart."""
    if file_path.suffix in (".html", ".mo"):
        code_fingerprint.cache_clear()


def fragment_seconds() -> int:
    """How long a `{% cache %}` fragment lives: 0 (not kept) when PAGE_CACHE is off."""
    return PAGE_CACHE_SECONDS if settings.PAGE_CACHE_ENABLED else 0


def fragment_version() -> str:
    """What every cached piece of markup depends on besides its own inputs (the settings
    every page shows included, so a cache shared by servers follows a changed setting)."""
    return "\x1f".join(
        [
            code_fingerprint(),
            str(get_urlconf() or settings.ROOT_URLCONF),
            get_language() or "",
            settings.SITE_NAME,
            settings.QUICK_EXIT_URL,
        ]
    )


def fragment(*parts: object) -> dict:
    """Template context for `{% cache f.seconds "name" f.key %}` around markup that depends
    only on `parts`, the language and the code."""
    return {"seconds": fragment_seconds(), "key": "|".join([fragment_version(), *map(str, parts)])}


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


# --- pages with per-request parts: a cached frame with slots ----------------------------------
FRAME_MODE = "page_cache_frame_mode"


def slot_marker(name: str) -> str:
    """Stands for a slot in a cached frame. Control characters never occur in our
    templates, and the frame is rendered without any visitor's data, so no text can fake one."""
    return f"\x1eslot:{name}\x1e"


SLOT_SPLIT = re.compile("\x1eslot:([^\x1e]+)\x1e")


def render_framed_page(
    request: HttpRequest,
    template_name: str,
    context: dict,
    *,
    frame_context: Callable[[], dict] | None = None,
    status: int = 200,
) -> HttpResponse:
    """`render(request, template_name, context)` for a page whose parts inside
    `{% slot %}…{% endslot %}` differ per request (a search form and its results, the
    language links) and whose rest, the frame, is the same for everyone.

    The frame is rendered once per language and code without any of the request's data
    (no `request`, no view context, no context processor that reads the request; only
    `frame_context()`, which must be the same for everyone, e.g. an unbound form for its
    labels): a value outside a slot that came from the visitor would be missing from the
    page, never shown to another visitor. `{% csrf_token %}` outside a slot would be empty
    too, so a POST form's token belongs in a slot. Each request then renders only the
    slots. Turned off by PAGE_CACHE=0, when every page is rendered whole."""
    template = get_template(template_name).template
    if not settings.PAGE_CACHE_ENABLED:
        return render(request, template_name, context, status=status)
    frame = _frame(template, frame_context or dict)
    nodes = slot_nodes(template)
    if any(name not in nodes for name in frame[1::2]):
        return render(request, template_name, context, status=status)
    request_context = RequestContext(request, context)
    with (
        request_context.render_context.push_state(template),
        request_context.bind_template(template),
    ):
        request_context.template_name = template.name
        parts = [
            part if index % 2 == 0 else nodes[part].nodelist.render(request_context)
            for index, part in enumerate(frame)
        ]
    return HttpResponse("".join(parts), status=status)


def _frame(template: Template, frame_context: Callable[[], dict]) -> list[str]:
    """The page's frame split at its slots: [text, slot name, text, slot name, …, text]."""
    key = (
        "frame:"
        + hashlib.blake2b(
            "\x1f".join([fragment_version(), template.name]).encode(), digest_size=16
        ).hexdigest()
    )
    frame = shared_cache.get(key)
    if frame is None:
        from recoverynav.core.context_processors import site_constants

        html = template.render(Context({**frame_context(), FRAME_MODE: True, **site_constants()}))
        frame = SLOT_SPLIT.split(html)
        shared_cache.set(key, frame, PAGE_CACHE_SECONDS)
    return frame


_slot_nodes_by_template: weakref.WeakKeyDictionary[Template, dict] = weakref.WeakKeyDictionary()


def slot_nodes(template: Template) -> dict:
    """The `{% slot %}` nodes of a template and of the templates it extends, by name; a
    slot in an included template is not found (and its page is then rendered whole)."""
    known = _slot_nodes_by_template.get(template)
    if known is not None:
        return known
    from recoverynav.core.templatetags.frame_tags import SlotNode

    nodes: dict = {}
    current: Template | None = template
    context = Context()
    with context.render_context.push_state(template), context.bind_template(template):
        while current is not None:
            for node in current.nodelist.get_nodes_by_type(SlotNode):
                nodes.setdefault(node.name, node)
            extends = current.nodelist.get_nodes_by_type(ExtendsNode)
            current = extends[0].get_parent(context) if extends else None
    _slot_nodes_by_template[template] = nodes
    return nodes
