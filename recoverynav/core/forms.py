"""Form helpers shared by the finders."""

from django import forms
from django.http import QueryDict


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
