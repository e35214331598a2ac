"""Fast rendering of choice fields: Django renders each option of a select or checkbox group
through its own widget template, which made the finder pages several times slower than the
rest of the site."""

from html import escape

from django import template
from django.forms import BoundField
from django.forms.utils import flatatt
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()
# Constant markup, marked safe once.
CHECKED = mark_safe(" checked")  # nosec B308
SELECTED = mark_safe(" selected")  # nosec B308


@register.simple_tag
def checkbox_group(field: BoundField) -> SafeString:
    """The labeled checkboxes (or radio buttons) of a choice field, as Django would render
    them: ids `<auto_id>_<n>`, the chosen ones ticked, `required` on radios of a required
    field."""
    widget = field.field.widget
    attrs = field.build_widget_attrs({**widget.attrs}, widget)
    attrs.pop("aria-describedby", None)  # the group's fieldset carries the description
    chosen = set(widget.format_value(field.value()))
    auto_id = field.auto_id
    return format_html_join(
        "",
        '<label class="choice" for="{}"><input type="{}" name="{}" value="{}"{} id="{}"{}> {}'
        "</label>",
        (
            (
                f"{auto_id}_{index}",
                widget.input_type,
                field.html_name,
                value,
                flatatt(attrs),
                f"{auto_id}_{index}",
                CHECKED if str(value) in chosen else "",
                label,
            )
            for index, (value, label) in enumerate(field.field.choices)
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
    # Every select of a finder is built on every search: plain escaping, not format_html
    # (which costs ten times as much for the same text).
    options = "".join(
        f'<option value="{_escaped(value)}"{SELECTED if str(value) in chosen else ""}>'
        f"{_escaped(label)}</option>"
        for value, label in field.field.choices
    )
    # Every value is escaped above.
    return mark_safe(  # noqa: S308  # nosec B308, B703
        f'<select name="{_escaped(field.html_name)}"{flatatt(attrs)}>{options}</select>'
    )


def _escaped(value: object) -> str:
    """What conditional_escape gives: markup already marked safe stays as it is."""
    return value.__html__() if hasattr(value, "__html__") else escape(str(value))
