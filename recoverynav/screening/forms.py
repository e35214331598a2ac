"""The start form and the one-question form each self-check page shows."""

from django import forms
from django.utils.translation import gettext_lazy as _

from recoverynav.screening.definitions import Item

AUDIENCES = [
    ("self", _("For me")),
    ("other", _("For someone I care about")),
]
SUBSTANCES = [
    ("alcohol", _("Alcohol")),
    ("opioids", _("Opioids, including fentanyl, heroin and pain pills")),
    ("stimulants", _("Stimulants, such as methamphetamine, cocaine or crack")),
    ("cannabis", _("Cannabis (marijuana, weed)")),
    ("sedatives", _("Sedatives, such as benzodiazepines (“benzos”) or sleeping pills")),
    ("other", _("Something else")),
]
AGE_BANDS = [
    ("12-17", _("12 to 17")),
    ("18-20", _("18 to 20")),
    ("21-64", _("21 to 64")),
    ("65+", _("65 or older")),
]
SEXES = [
    ("female", _("Female")),
    ("male", _("Male")),
    ("", _("I'd rather not say")),
]
YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class StartForm(forms.Form):
    audience = forms.ChoiceField(
        label=_("Who is this self-check for?"), choices=AUDIENCES, widget=forms.RadioSelect
    )
    substances = forms.MultipleChoiceField(
        label=_("What is it about?"),
        help_text=_("Choose all that apply."),
        choices=SUBSTANCES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one, or “Something else”.")},
    )
    age_band = forms.ChoiceField(
        label=_("How old is the person the self-check is about?"),
        choices=AGE_BANDS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose an age group.")},
    )
    sex = forms.ChoiceField(
        label=_("Sex (optional)"),
        help_text=_(
            "Used only to read one alcohol score, whose cut-off differs for men and women. "
            "If you leave it, we use the more careful cut-off."
        ),
        choices=SEXES,
        widget=forms.RadioSelect,
        required=False,
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["audience"].error_messages["required"] = _("Choose who this is for.")


class SafetyForm(forms.Form):
    """Asked first of everyone; someone answering for another person is also asked whether
    that person is in danger now."""

    answer = forms.ChoiceField(
        label=_(
            "Right now, are you having thoughts of ending your life, or do you think you "
            "could overdose?"
        ),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes or no. If you are not sure, choose yes.")},
    )

    def __init__(self, *args: object, audience: str = "self", **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if audience == "other":
            self.fields["answer"].label = _(
                "Right now, is the person you care about in danger: could they overdose, or "
                "have they talked about ending their life? Or are you having thoughts of "
                "ending your own life?"
            )


def answer_form(
    item: Item, *, data: dict | None = None, initial: object = None, prefix: str | None = None
) -> forms.Form:
    """A form with one field, `answer`, that accepts exactly the answers `item` allows."""
    field: forms.Field
    if item.kind == "number":
        field = forms.IntegerField(
            min_value=item.minimum,
            max_value=item.maximum,
            error_messages={
                "required": _("Enter a number of days, or 0."),
                "invalid": _("Enter a whole number, like 0 or 12."),
                "min_value": _("Enter a number of days, or 0."),
                "max_value": _("Enter at most %(limit_value)s days."),
            },
        )
    else:
        field = forms.ChoiceField(
            choices=[(o.code, str(o.text)) for o in item.options],
            widget=forms.RadioSelect,
            error_messages={"required": _("Choose an answer.")},
        )
    field.label = str(item.text)
    if item.hint:
        field.help_text = str(item.hint)
    form = forms.Form(data=data, initial={"answer": initial}, prefix=prefix)
    form.fields["answer"] = field
    return form
