from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from recoverynav.core.forms import MissingFieldsTakeInitialMixin, SharedChoices, shared_fields
from recoverynav.directory import vocabulary
from recoverynav.directory.selectors import DEFAULT_RADIUS

RADIUS_CHOICES = [
    (5, _("5 miles")),
    (10, _("10 miles")),
    (25, _("25 miles")),
    (50, _("50 miles")),
    (100, _("100 miles")),
]
# The groups a person can filter by on the page, in the order they are shown.
PAGE_GROUPS = ["setting", "medication", "payment", "language", "age", "program"]
# The fields inside "More choices": their markup is cached per distinct choice.
FILTER_FIELDS = [*PAGE_GROUPS, "otp"]


def _group_field(name: str) -> forms.MultipleChoiceField:
    group = vocabulary.GROUPS[name]
    return forms.MultipleChoiceField(
        label=group.label,
        choices=SharedChoices(group.choices),  # read when shown, in the active language
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


GROUP_FIELDS = {name: _group_field(name) for name in PAGE_GROUPS}
# Words other pages link with that stand for several values: the medicines guide's "find a
# place offering medicines for alcohol" link.
ALIASES = {
    "medication": {
        "alcohol_medication": ["naltrexone", "naltrexone_er", "acamprosate", "disulfiram"],
    },
}


def _without_aliases(data: QueryDict) -> QueryDict:
    """The query with each alias replaced by the values it stands for."""
    for name, aliases in ALIASES.items():
        values = data.getlist(name)
        if any(value in aliases for value in values):
            data = data.copy()
            expanded = [v for value in values for v in aliases.get(value, [value])]
            data.setlist(name, list(dict.fromkeys(expanded)))
    return data


@shared_fields
class SearchForm(MissingFieldsTakeInitialMixin):
    defaults_for_missing = ("radius",)
    place = forms.CharField(
        label=_("ZIP code, city or county"),
        max_length=200,
        required=False,
        help_text=_("For example 22903, “Richmond, VA” or “Travis County”."),
    )
    radius = forms.TypedChoiceField(
        label=_("Within"),
        choices=SharedChoices(RADIUS_CHOICES),
        coerce=int,
        initial=DEFAULT_RADIUS,
        required=False,
        empty_value=DEFAULT_RADIUS,
    )
    otp = forms.BooleanField(
        label=_("Certified opioid treatment program (methadone clinic)"), required=False
    )

    def __init__(self, *args, **kwargs) -> None:
        """The six checkbox groups join the form only when the request sends one of them
        or the page needs their markup (see filter_fields): most searches send a place and
        a distance. Like the form's own fields (`shared_fields`), they are shared, never
        changed, so every form can use the same ones."""
        if args and isinstance(args[0], QueryDict):
            args = (_without_aliases(args[0]), *args[1:])
        super().__init__(*args, **kwargs)
        if any(name in self.data for name in PAGE_GROUPS):
            self._add_group_fields()

    def _add_group_fields(self) -> None:
        for name in PAGE_GROUPS:
            if name not in self.fields:
                self.fields[name] = GROUP_FIELDS[name]

    def filter_fields(self) -> list[forms.BoundField]:
        self._add_group_fields()
        return [self[name] for name in PAGE_GROUPS]

    def filters(self) -> dict[str, list[str]]:
        chosen = {name: self.cleaned_data.get(name) or [] for name in PAGE_GROUPS}
        chosen = {name: values for name, values in chosen.items() if values}
        if self.cleaned_data.get("otp"):
            chosen[vocabulary.OTP] = ["yes"]
        return chosen
