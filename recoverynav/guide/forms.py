from django import forms
from django.utils.translation import gettext_lazy as _

SUBSTANCES = [
    ("alcohol", _("Alcohol")),
    ("opioids", _("Opioids (such as heroin, fentanyl, oxycodone or other pain pills)")),
    ("benzodiazepines", _("Sedatives or sleeping pills (such as Xanax, Valium or Klonopin)")),
    ("stimulants", _("Stimulants (such as cocaine, meth or prescription stimulants)")),
    ("cannabis", _("Cannabis (marijuana)")),
    ("other", _("Something else")),
]
IMPACT = [
    ("little", _("A little: I mostly manage my daily life")),
    ("some", _("Some: it causes problems now and then")),
    ("a_lot", _("A lot: it is hard to keep up with work, home or health")),
    ("most", _("Most of my life: I cannot manage from day to day")),
]
WITHDRAWAL = [
    ("yes", _("Yes")),
    ("unsure", _("I'm not sure")),
    ("no", _("No")),
]
HOME = [
    ("stable", _("Yes, it is safe and steady")),
    ("unstable", _("No, it is not safe or steady, or I have no stable home")),
]
PREGNANT = [("yes", _("Yes")), ("no", _("No")), ("prefer_not", _("I prefer not to say"))]
MENTAL_HEALTH = [("yes", _("Yes")), ("unsure", _("I'm not sure")), ("no", _("No"))]
DUTIES = [
    ("work", _("Work")),
    ("school", _("School or college")),
    ("caring", _("Caring for children or other people")),
]
PAYMENT = [
    ("private_insurance", _("Private or work health insurance")),
    ("medicaid", _("Medicaid")),
    ("medicare", _("Medicare")),
    ("none", _("No insurance")),
    ("unsure", _("I don't know")),
]
SELFCHECK_BANDS = ["low", "moderate", "high", "severe"]
# Questions answered with several values; the others hold one value each.
MULTIPLE = {"substances", "duties"}


class FitForm(forms.Form):
    """Short and conservative: three questions are needed, the rest sharpen the suggestion."""

    substances = forms.MultipleChoiceField(
        label=_("Which substances are you worried about?"),
        help_text=_("Choose all that apply."),
        choices=SUBSTANCES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one substance.")},
    )
    impact = forms.ChoiceField(
        label=_("How much does it affect your daily life?"),
        choices=IMPACT,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how much it affects your daily life.")},
    )
    withdrawal = forms.ChoiceField(
        label=_(
            "When you cut down or stop, do you get sick, shaky or sweaty, see or hear things, "
            "or have seizures? Has anyone told you stopping suddenly could be dangerous?"
        ),
        choices=WITHDRAWAL,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes, no or not sure for withdrawal.")},
    )
    home = forms.ChoiceField(
        label=_("Is your home safe and steady?"),
        choices=HOME,
        widget=forms.RadioSelect,
        required=False,
    )
    pregnant = forms.ChoiceField(
        label=_("Are you pregnant?"), choices=PREGNANT, widget=forms.RadioSelect, required=False
    )
    mental_health = forms.ChoiceField(
        label=_("Do you also live with depression, anxiety, trauma or another mental health need?"),
        choices=MENTAL_HEALTH,
        widget=forms.RadioSelect,
        required=False,
    )
    duties = forms.MultipleChoiceField(
        label=_("Do you need to keep up with any of these?"),
        help_text=_("Choose all that apply."),
        choices=DUTIES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    payment = forms.ChoiceField(
        label=_("How could you pay for care?"),
        choices=PAYMENT,
        widget=forms.RadioSelect,
        required=False,
    )
    # Carried over from the self-check; an unknown value is dropped, not shown as an error,
    # because the person never typed it.
    selfcheck = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        band = self.data.get("selfcheck") if self.is_bound else self.initial.get("selfcheck")
        self.selfcheck_band = band if band in SELFCHECK_BANDS else ""
        if self.selfcheck_band:
            # The self-check already said how much it affects daily life (its band stands in
            # for the answer), so the person is not asked again.
            del self.fields["impact"]

    def clean_selfcheck(self) -> str:
        band = self.cleaned_data.get("selfcheck", "")
        return band if band in SELFCHECK_BANDS else ""

    def answers(self) -> dict[str, frozenset[str]]:
        """The cleaned answers as the rules engine reads them: a set of values per question."""
        answers = {}
        for name, value in self.cleaned_data.items():
            values = value if name in MULTIPLE else [value]
            answers[name] = frozenset(v for v in values if v)
        return answers
