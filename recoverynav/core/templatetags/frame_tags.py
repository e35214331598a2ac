"""`{% slot "name" %}…{% endslot %}`: a part of the page that differs per request.

On a page rendered through `core.page_cache.render_framed_page` everything outside slots is
cached once per language (the frame) and only the slots are rendered for each request; on
any other page a slot is simply its contents."""

from django import template
from django.template.base import Node, NodeList, Parser, Token
from django.template.context import Context

from recoverynav.core.page_cache import FRAME_MODE, slot_marker

register = template.Library()


class SlotNode(Node):
    def __init__(self, name: str, nodelist: NodeList) -> None:
        self.name = name
        self.nodelist = nodelist

    def render(self, context: Context) -> str:
        if context.get(FRAME_MODE):
            return slot_marker(self.name)
        return self.nodelist.render(context)


@register.tag
def slot(parser: Parser, token: Token) -> SlotNode:
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError('Use {% slot "name" %}…{% endslot %}.')
    nodelist = parser.parse(("endslot",))
    parser.delete_first_token()
    return SlotNode(bits[1][1:-1], nodelist)
