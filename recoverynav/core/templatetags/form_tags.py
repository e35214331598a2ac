"""Fast rendering of long checkbox groups: Django renders each option of a
CheckboxSelectMultiple through its own widget template, which made the finder pages several
times slower than the rest of the site."""

from django import template
from django.forms import BoundField

register = template.Library()


@register.simple_tag
def checkbox_options(field: BoundField) -> list[dict]:
    """One dict per choice: the id, name and value Django's widget would use, and whether it
    is ticked."""
    chosen = field.value() or []
    chosen = {str(value) for value in (chosen if isinstance(chosen, list | tuple) else [chosen])}
    auto_id = field.auto_id
    return [
        {
            "id": f"{auto_id}_{index}" if auto_id else "",
            "name": field.html_name,
            "value": str(value),
            "label": label,
            "checked": str(value) in chosen,
        }
        for index, (value, label) in enumerate(field.field.choices)
    ]
