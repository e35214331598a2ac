from django import template
from django.utils.safestring import SafeString

from recoverynav.plan.buttons import save_button

register = template.Library()


@register.simple_tag
def save_to_plan_button(*, kind: str, id: object, name: str, url: str) -> SafeString:
    """`{% save_to_plan_button kind="meeting" id=… name=… url=… %}`: see plan.buttons."""
    return save_button(kind=kind, id=id, name=name, url=url)
