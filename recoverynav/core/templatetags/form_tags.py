"""Fast rendering of choice fields: Django renders each option of a select or checkbox group
through its own widget template, which made the finder pages several times slower than the
rest of the site."""

from django import template
from django.forms import BoundField
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()
# Constant markup, marked safe once.
CHECKED = mark_safe(" checked")  # nosec B308
SELECTED = mark_safe(" selected")  # nosec B308


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


@register.simple_tag
def checkbox_group(field: BoundField) -> SafeString:
    """The labelled checkboxes of a multiple-choice field, as Django would render them."""
    return format_html_join(
        "",
        '<label class="choice" for="{}"><input type="checkbox" name="{}" value="{}" id="{}"{}>'
        " {}</label>",
        (
            (o["id"], o["name"], o["value"], o["id"], CHECKED if o["checked"] else "", o["label"])
            for o in checkbox_options(field)
        ),
    )


@register.simple_tag
def select_field(field: BoundField, *, size: int = 0, describedby: str = "") -> SafeString:
    """The field's <select> with the attributes Django's widget would give it (id, required,
    aria-invalid, the widget's own attributes), without a template per option."""
    widget = field.field.widget
    attrs = field.build_widget_attrs({**widget.attrs}, widget)
    if field.auto_id:
        attrs["id"] = field.auto_id
    if widget.allow_multiple_selected:
        attrs["multiple"] = True
    if size:
        attrs["size"] = size
    if describedby:
        attrs["aria-describedby"] = describedby
    chosen = set(widget.format_value(field.value()))
    options = format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (value, SELECTED if str(value) in chosen else "", label)
            for value, label in field.field.choices
        ),
    )
    return format_html('<select name="{}"{}>{}</select>', field.html_name, flatatt(attrs), options)
