"""Form helpers shared by the finders."""

from collections.abc import Callable, Iterator
from urllib.parse import urlencode

from django import forms
from django.http import QueryDict
from django.utils.choices import BaseChoiceIterator

from recoverynav.core.fragments import fragment


class MissingFieldsTakeInitialMixin(forms.Form):
    """A GET link that leaves a field out (``?place=22903``) shows and uses the field's initial
    value, instead of the browser-style first option of a bound select."""

    defaults_for_missing: tuple[str, ...] = ()

    def __init__(self, data: QueryDict | None = None, *args, **kwargs) -> None:
        if data is not None:
            missing = [name for name in self.defaults_for_missing if not data.get(name)]
            if missing:
                data = data.copy()
                for name in missing:
                    data[name] = str(self.base_fields[name].initial)
        super().__init__(data, *args, **kwargs)


def choices_fragment(form: forms.Form, names: list[str], *extra: object) -> dict:
    """Template context for caching the markup of the fields `names` (long checkbox groups
    and selects whose markup depends only on what the visitor sent for them, the language and
    the code): the finders render those once per distinct choice, not on every search.
    Use it as `{% cache fragment.seconds "name" fragment.key %}…{% endcache %}`."""
    data = form.data if form.is_bound else QueryDict()
    sent = [(name, value) for name in names for value in data.getlist(name)]
    # A field left out of a bound form differs from an unbound form's initial value.
    return fragment(form.is_bound, urlencode(sent), *extra)


class _SharedFields(dict):
    """A form class's fields, handed to each new form as a plain copy of the dict: the field
    objects themselves are shared (see `shared_fields`)."""

    def __deepcopy__(self, memo: dict) -> dict:
        return dict(self)


def shared_fields(form_class: type[forms.Form]) -> type[forms.Form]:
    """For a form that never changes its fields once made (the finders' search forms): every
    form shares the class's field objects. Django deep-copies each field for every form so
    one form may change its own; for the meeting finder's eleven fields that copy cost a
    search 70 µs, more than its ZIP code query. A form that changes a field (its label,
    widget attributes, choices or validators) after the class is made must not use this;
    `core/tests/test_forms.py` checks the finders' forms leave their fields as they were."""
    form_class.base_fields = _SharedFields(form_class.base_fields)
    return form_class


class SharedChoices(BaseChoiceIterator):
    """A field's fixed choices (a list, or a function of the active language), shared by
    every form. Django copies and re-checks each field's choice list for every form it
    makes: for the finders' forms, a quarter of a search request's time."""

    def __init__(self, choices: list[tuple] | Callable[[], list[tuple]]) -> None:
        self.choices = choices

    def __iter__(self) -> Iterator[tuple]:
        return iter(self.choices() if callable(self.choices) else self.choices)

    def __copy__(self) -> "SharedChoices":
        return self  # never changed in place: nothing to copy

    def __deepcopy__(self, memo: dict) -> "SharedChoices":
        return self
