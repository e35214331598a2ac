from django import template

from recoverynav.guide.links import optional_reverse

register = template.Library()


@register.simple_tag
def optional_url(name: str) -> str:
    """The URL for `name`, or "" so the template can leave the link out: `{% optional_url
    'meetings:search' as url %}{% if url %}…{% endif %}`."""
    return optional_reverse(name) or ""
