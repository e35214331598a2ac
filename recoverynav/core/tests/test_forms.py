"""Shared form helpers."""

from django import forms
from django.http import QueryDict

from recoverynav.core.forms import MissingFieldsTakeInitialMixin


class RadiusForm(MissingFieldsTakeInitialMixin):
    defaults_for_missing = ("radius",)
    place = forms.CharField(required=False)
    radius = forms.TypedChoiceField(choices=[(5, "5"), (25, "25")], coerce=int, initial=25)


def test_a_link_without_the_field_uses_and_shows_its_initial_value() -> None:
    form = RadiusForm(QueryDict("place=22903"))

    assert form.is_valid()
    assert form.cleaned_data["radius"] == 25
    assert 'value="25" selected' in str(form["radius"])


def test_a_chosen_value_is_kept() -> None:
    form = RadiusForm(QueryDict("place=22903&radius=5"))

    assert form.is_valid()
    assert form.cleaned_data["radius"] == 5


def test_an_unbound_form_stays_unbound() -> None:
    assert not RadiusForm(None).is_bound
