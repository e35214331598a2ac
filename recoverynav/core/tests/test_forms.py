"""Shared form helpers."""

from django import forms
from django.http import QueryDict
from django.utils import translation

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


def field_state(fields: dict[str, forms.Field]) -> dict[str, str]:
    """Everything a field and its widget hold, as text (labels, choices, attributes,
    validators, messages), to compare before and after forms were used."""
    with translation.override("en"):
        return {name: repr((vars(field), vars(field.widget))) for name, field in fields.items()}


def finder_fields() -> dict[str, forms.Field]:
    from recoverynav.directory.forms import GROUP_FIELDS, SearchForm
    from recoverynav.meetings.forms import MeetingSearchForm

    return {
        **{f"meetings.{name}": field for name, field in MeetingSearchForm.base_fields.items()},
        **{f"directory.{name}": field for name, field in SearchForm.base_fields.items()},
        **{f"directory.{name}": field for name, field in GROUP_FIELDS.items()},
    }


def test_forms_that_share_their_fields_get_the_same_fields_and_their_own_dict() -> None:
    from recoverynav.meetings.forms import MeetingSearchForm

    first, second = MeetingSearchForm(QueryDict("place=22903")), MeetingSearchForm()

    assert first.fields["place"] is second.fields["place"]
    assert first.fields is not second.fields


def test_the_finders_leave_the_fields_they_share_as_they_were(demo_data, visitor) -> None:
    """The finders' forms share their fields (core.forms.shared_fields): searching,
    failing validation, choosing filters and showing the page in either language must not
    change one, or the next visitor's form would carry it."""
    before = field_state(finder_fields())
    searches = {
        "/meetings/": [
            {"place": "22903", "fellowship": ["AA", "na"], "day": "1", "type": "W"},
            {"place": "x" * 300, "radius": "7", "tz": "Mars/Base", "page": "0"},
            {"fellowship": "Al-Anon"},
            {"when": "now_or_soon", "attendance": "online", "q": "hope"},
        ],
        "/treatment/": [
            {"place": "22903", "medication": "methadone", "payment": "medicaid", "otp": "on"},
            {"place": "", "radius": "3", "setting": "nowhere"},
            {"place": "Richmond, VA", "radius": "100", "language": "es"},
        ],
    }
    for path, params_list in searches.items():
        for params in params_list:
            for prefix in ("", "/es"):
                assert visitor.get(prefix + path, params).status_code == 200

    assert field_state(finder_fields()) == before
