"""Checkbox groups render as Django's own widget would, only faster."""

from django import forms
from django.http import QueryDict
from django.template import Context, Template


class DaysForm(forms.Form):
    day = forms.TypedMultipleChoiceField(
        choices=[(0, "Sunday"), (1, "Monday")],
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


def render(form: forms.Form) -> str:
    return Template('{% include "core/_checkboxes.html" with field=form.day %}').render(
        Context({"form": form})
    )


def test_it_renders_each_choice_with_the_ids_django_would_use() -> None:
    html = render(DaysForm())

    assert '<input type="checkbox" name="day" value="0" id="id_day_0">' in html
    assert '<label class="choice" for="id_day_1">' in html
    assert "Monday" in html


def test_it_ticks_the_chosen_values_even_when_they_are_coerced() -> None:
    html = render(DaysForm(QueryDict("day=1")))

    assert 'value="1" id="id_day_1" checked>' in html
    assert 'value="0" id="id_day_0">' in html
