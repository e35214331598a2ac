"""`{% slot "name" %}…{% endslot %}`: a part of the page that differs per request (see
`core/frames.py` for the rule and the rendering)."""

from django import template

from recoverynav.core.frames import parse_slot

register = template.Library()
register.tag("slot", parse_slot)
