"""The line that opens a finder's results: what was found, each chosen filter as a link that
removes it, and the search form folded away below (a person on a phone sees results first).

The treatment and meeting finders share it, so both read the same way. Render it with
`{% search_summary heading chips clear_url %}` (core/templatetags/search_tags.py; built in
Python like the cards, as it opens every search) and wrap the form in
`<details class="search-panel">` that is open only before a search.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django import forms
from django.http import QueryDict
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from recoverynav.core.html import escape, markup
from recoverynav.core.querystring import query_with


@dataclass(frozen=True)
class Chip:
    """One chosen filter: its words, and the same search without it."""

    label: str
    remove_url: str


def summary_html(
    heading: str, chips: list[Chip], clear_url: str = "", heading_id: str = "results-heading"
) -> SafeString:
    """What was found as a heading, then each chosen filter as a link that removes it, and
    "Clear all choices" when there are two or more."""
    html = [
        '<div class="search-summary">',
        f'<h2 id="{escape(heading_id)}">{escape(str(heading))}</h2>',
    ]
    if chips:
        remove = escape(gettext("remove this choice"))
        html.append(f'<ul class="chips" aria-label="{escape(gettext("Your choices"))}">')
        html += [
            f'<li><a class="chip" href="{escape(chip.remove_url)}">{escape(str(chip.label))}'
            f'<span class="visually-hidden"> — {remove}</span>'
            '<span aria-hidden="true"> &times;</span></a></li>'
            for chip in chips
        ]
        if clear_url and len(chips) > 1:
            html.append(
                f'<li><a class="chip-clear" href="{escape(clear_url)}">'
                f"{escape(gettext('Clear all choices'))}</a></li>"
            )
        html.append("</ul>")
    html.append("</div>")
    return markup("\n".join(html))


def filter_chips(form: forms.Form, params: QueryDict, names: Iterable[str]) -> list[Chip]:
    """A chip for each value chosen in the fields `names` of a valid bound form, in the
    order of the field's choices. Removing one keeps every other choice and goes back to the
    first page. Values are read from `cleaned_data`, so a field that accepts aliases (an old
    link's spelling) shows and keeps the canonical value."""
    chips: list[Chip] = []
    for name in names:
        field = form.fields[name]
        chosen = form.cleaned_data.get(name)
        if isinstance(field, forms.BooleanField):
            if chosen:
                chips.append(Chip(str(field.label), query_with(params, drop=[name, "page"])))
            continue
        if not chosen or chosen == field.initial:
            continue
        values = [str(value) for value in chosen] if isinstance(chosen, list) else [str(chosen)]
        labels = _choice_labels(field)
        for value in (value for value in labels if value in values):
            rest = [other for other in values if other != value]
            remove_url = (
                query_with(params, drop=["page"], **{name: rest})
                if rest
                else query_with(params, drop=[name, "page"])
            )
            chips.append(Chip(labels[value], remove_url))
    return chips


def without_filters(params: QueryDict, names: Iterable[str]) -> str:
    """The same search with none of the filters `names` (the "Clear all filters" link)."""
    return query_with(params, drop=[*names, "page"])


def _choice_labels(field: forms.Field) -> dict[str, str]:
    """Value → words for a choice field, with option groups flattened."""
    labels: dict[str, str] = {}
    for value, label in field.choices:
        if isinstance(label, list | tuple):
            labels.update((str(inner), str(words)) for inner, words in label)
        elif value != "":
            labels[str(value)] = str(label)
    return labels
