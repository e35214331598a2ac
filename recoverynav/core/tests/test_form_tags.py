"""Choice fields render as Django's own widgets would, only faster."""

from django import forms
from django.http import QueryDict
from django.template import Context, Template


class SearchForm(forms.Form):
    day = forms.TypedMultipleChoiceField(
        choices=[(0, "Sunday"), (1, "Monday")],
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    radius = forms.TypedChoiceField(choices=[(5, "5 miles"), (25, "25 miles")], coerce=int)
    when = forms.ChoiceField(choices=[("", "Any time"), ("now", "Now")], required=False)
    kinds = forms.MultipleChoiceField(choices=[("O", "Open"), ("C", "Closed")], required=False)


def render(template: str, form: forms.Form) -> str:
    return Template("{% load form_tags %}" + template).render(Context({"form": form}))


def test_it_renders_each_checkbox_with_the_ids_django_would_use() -> None:
    html = render("{% checkbox_group form.day %}", SearchForm())

    assert '<input type="checkbox" name="day" value="0" id="id_day_0">' in html
    assert '<label class="choice" for="id_day_1">' in html
    assert "Monday" in html


def test_it_ticks_the_chosen_values_even_when_they_are_coerced() -> None:
    html = render("{% checkbox_group form.day %}", SearchForm(QueryDict("day=1")))

    assert 'value="1" id="id_day_1" checked>' in html
    assert 'value="0" id="id_day_0">' in html


def test_a_select_selects_what_django_would() -> None:
    unbound = SearchForm(initial={"radius": 25})

    assert '<option value="25" selected>' in render("{% select_field form.radius %}", unbound)
    # An empty choice is the selected one when nothing was chosen.
    assert '<option value="" selected>Any time' in render("{% select_field form.when %}", unbound)


def test_a_select_marks_an_invalid_choice_for_assistive_technology() -> None:
    form = SearchForm(QueryDict("radius=7"))
    form.is_valid()

    html = render("{% select_field form.radius %}", form)

    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_radius_error"' in html


def test_a_multiple_select_keeps_several_choices_and_its_hint() -> None:
    html = render(
        '{% select_field form.kinds size=4 describedby="kinds-hint" %}',
        SearchForm(QueryDict("kinds=O&kinds=C")),
    )

    assert "multiple" in html
    assert 'size="4"' in html
    assert 'aria-describedby="kinds-hint"' in html
    assert html.count(" selected>") == 2


def test_labels_from_the_data_are_escaped() -> None:
    class Risky(forms.Form):
        pick = forms.ChoiceField(choices=[("<x>", "<b>bold</b>")])

    html = render("{% select_field form.pick %}", Risky())

    assert "<b>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
