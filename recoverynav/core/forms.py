"""Form helpers shared by the finders."""

from urllib.parse import urlencode

from django import forms
from django.http import QueryDict

from recoverynav.core.page_cache import fragment


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
