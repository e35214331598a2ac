from django import template
from django.utils.safestring import SafeString

from recoverynav.plan.buttons import save_button

register = template.Library()


@register.simple_tag
def save_to_plan_button(
    *,
    kind: str,
    id: object,
    name: str,
    url: str,
    phone: str = "",
    address: str = "",
    when: str = "",
) -> SafeString:
    """`{% save_to_plan_button kind="meeting" id=… name=… url=… address=… %}`: see
    plan.buttons (phone, address and when are optional)."""
    return save_button(
        kind=kind, id=id, name=name, url=url, phone=phone, address=address, when=when
    )
