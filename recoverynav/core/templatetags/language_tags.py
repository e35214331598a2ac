"""The links to this page in the other language, in the head and in the header.

Every page has both and, on the finders, renders them for each request (the query string is
part of the links), so they are written here rather than as template loops."""

from html import escape

from django import template
from django.template.context import Context
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context: Context) -> SafeString:
    """`<link rel="alternate" hreflang>` for each language, one per line."""
    links = "".join(
        f'<link rel="alternate" hreflang="{escape(alt["code"])}" href="{escape(alt["url"])}">\n'
        for alt in context.get("language_alternates", [])
    )
    # Every value is escaped above.
    return mark_safe(links)  # noqa: S308  # nosec B308, B703


@register.simple_tag(takes_context=True)
def language_switch(context: Context) -> SafeString:
    """The header's list items: the current language as text, the others as links."""
    items = []
    for alt in context.get("language_alternates", []):
        code, name = escape(alt["code"]), escape(alt["name_local"])
        if alt["current"]:
            item = f'<span aria-current="true" lang="{code}">{name}</span>'
        else:
            item = f'<a href="{escape(alt["url"])}" hreflang="{code}" lang="{code}">{name}</a>'
        items.append(f"\n      <li>{item}</li>")
    # Every value is escaped above.
    return mark_safe("".join(items))  # noqa: S308  # nosec B308, B703
