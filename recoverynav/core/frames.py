"""Pages with per-request parts: a cached frame with slots.

A finder's page is the same for everyone except a few parts (the visitor's values in the
form, the results, the language links). Those parts are marked `{% slot "name" %}…{% endslot
%}` (the tag is registered by `core/templatetags/frame_tags.py`), and the view calls
`render_framed_page`: the rest of the page, the frame, is rendered once per language and code
without any request data and kept in each process, and each request renders only the slots
into it. The rule for template authors: a visitor's value belongs inside a slot, and a slot sits
in the page's own template or one it extends, never in an `{% include %}`.
"""

import hashlib
import re
import sys
import weakref
from collections.abc import Callable

from django import template
from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import Context, RequestContext
from django.template.base import Node, NodeList, Parser, Template, Token
from django.template.loader import get_template
from django.template.loader_tags import ExtendsNode

from recoverynav.core.fragments import PAGE_CACHE_SECONDS, fragment_version, site_constants

FRAME_MODE = "page_cache_frame_mode"


def slot_marker(name: str) -> str:
    """Stands for a slot in a cached frame. Control characters never occur in our
    templates, and the frame is rendered without any visitor's data, so no text can fake one."""
    return f"\x1eslot:{name}\x1e"


SLOT_SPLIT = re.compile("\x1eslot:([^\x1e]+)\x1e")


class SlotNode(Node):
    """A part of the page that differs per request: a marker while the frame is rendered,
    its contents everywhere else (on any page not rendered through `render_framed_page`, a
    slot is simply its contents)."""

    def __init__(self, name: str, nodelist: NodeList) -> None:
        self.name = name
        self.nodelist = nodelist

    def render(self, context: Context) -> str:
        if context.get(FRAME_MODE):
            return slot_marker(self.name)
        return self.nodelist.render(context)


def parse_slot(parser: Parser, token: Token) -> SlotNode:
    """`{% slot "name" %}…{% endslot %}`."""
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError('Use {% slot "name" %}…{% endslot %}.')
    nodelist = parser.parse(("endslot",))
    parser.delete_first_token()
    return SlotNode(bits[1][1:-1], nodelist)


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
        _tell_the_test_client(template, request_context)
    return HttpResponse("".join(parts), status=status)


def _tell_the_test_client(template: Template, context: Context) -> None:
    """What a whole render does under the test runner (django.test.utils makes
    Template._render send `template_rendered`): the test client's response.context and
    assertTemplateUsed then see a framed page's template and context too. Outside tests
    django.test is never imported, and nothing is sent."""
    signals = sys.modules.get("django.test.signals")
    if signals is not None:
        signals.template_rendered.send(sender=template, template=template, context=context)


def _frame(template: Template, frame_context: Callable[[], dict]) -> tuple[str, ...]:
    """The page's frame split at its slots: (text, slot name, text, slot name, …, text)."""
    key = (
        "frame:"
        + hashlib.blake2b(
            "\x1f".join([fragment_version(), template.name]).encode(), digest_size=16
        ).hexdigest()
    )
    # Kept in this process, uncopied (core/markup_cache.py): a tuple of strings.
    kept = caches["template_fragments"]
    frame = kept.get(key)
    if frame is None:
        html = template.render(Context({**frame_context(), FRAME_MODE: True, **site_constants()}))
        frame = tuple(SLOT_SPLIT.split(html))
        kept.set(key, frame, PAGE_CACHE_SECONDS)
    return frame


_slot_nodes_by_template: weakref.WeakKeyDictionary[Template, dict] = weakref.WeakKeyDictionary()


def slot_nodes(template: Template) -> dict:
    """The `{% slot %}` nodes of a template and of the templates it extends, by name; a
    slot in an included template is not found (and its page is then rendered whole)."""
    known = _slot_nodes_by_template.get(template)
    if known is not None:
        return known
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
