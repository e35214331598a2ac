"""`{% crisis_panel %}`: the one crisis panel every page uses, with the emergency number,
then the crisis lines, then the drug and alcohol information lines of the visitor's country.

It reads the country from the request itself (`?country=`, the browser's language region,
the site's default), so a template shows the numbers without any help from its view: the
JavaScript self-check, the comment form's crisis reply, the 404 page. A page kept in the
shared cache that shows it must key on the visitor's country (the help-now page does)."""

from django import template
from django.conf import settings

from recoverynav.hotlines.selectors import (
    country_with_hotlines,
    crisis_help,
    crisis_help_for_request,
)

register = template.Library()


@register.inclusion_tag("hotlines/_crisis_panel.html", takes_context=True)
def crisis_panel(
    context: template.Context,
    title: str = "",
    level: int = 2,
    panel_id: str = "crisis",
    more_link: bool = True,
) -> dict:
    """`title` replaces the panel's heading; `level` is its heading level (1 when the panel
    is the page itself, as on help-now; else 2 or 3), the groups of lines get the next one;
    `panel_id` keeps ids unique when a page has two; `more_link=False` leaves out the link
    to the help-now page (on that page itself)."""
    request = context.get("request")
    if request is not None:
        found = crisis_help_for_request(request)
    else:
        found = crisis_help(country_with_hotlines(settings.DEFAULT_COUNTRY))
    level = int(level) if int(level) in (1, 2, 3) else 2
    return {
        "help": found,
        "title": title,
        "heading": f"h{level}",
        "subheading": f"h{level + 1}",
        "panel_id": panel_id,
        "more_link": more_link,
    }
