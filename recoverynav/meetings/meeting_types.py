"""Meeting type codes from the Meeting Guide spec (data/spec-types.json), named in English and
Spanish. Codes the spec does not know are mapped to its codes where they mean the same, named
here when we can word them, and dropped otherwise (see importers.meeting_guide.kinds.types_of)."""

import functools
import json
from pathlib import Path

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

SPEC_TYPES_FILE = Path(__file__).resolve().parent / "data" / "spec-types.json"
# Variants real feeds use for the spec's codes. ONL ("online") maps to nothing: the
# conference link or phone says a meeting is online, and the spec dropped the code.
TYPE_ALIASES = {"ASBI": "ABSI", "LGBTQIA": "LGBTQ", "LGBTQ+": "LGBTQ", "SPANISH": "S"}
# Non-spec codes of real feeds we can word (kept as named formats, not as types).
EXTRA_NAMES = {
    "AC": {"en": "Adult children focus", "es": "Enfoque en hijos adultos"},
}
# The spec names some types in title case ("Wheelchair Access"); our pages use sentence case
# (issue 18). Book titles (Big Book, As Bill Sees It, Daily Reflections, Living Sober, 12 Steps
# & 12 Traditions), Grapevine and proper names keep their capitals, so they are not listed.
ENGLISH_NAMES = {
    "11": "11th step meditation",
    "BA": "Babysitting available",
    "CF": "Child-friendly",
    "DB": "Digital basket",
    "DD": "Dual diagnosis",
    "FF": "Fragrance free",
    "NB": "Non-binary",
    "POA": "Proof of attendance",
    "POC": "People of color",
    "SM": "Smoking permitted",
    "ST": "Step study",
    "TC": "Location temporarily closed",
    "TR": "Tradition study",
    "X": "Wheelchair access",
    "XB": "Wheelchair-accessible bathroom",
    "XT": "Cross talk permitted",
    "Y": "Young people",
}
# Types people filter by most, offered first on the search form.
COMMON_TYPES = ["O", "C", "BE", "W", "M", "S", "LGBTQ", "Y", "X", "ASL", "SP", "B", "ST", "MED"]


@functools.cache
def spec_types() -> dict[str, dict[str, str]]:
    with SPEC_TYPES_FILE.open(encoding="utf-8") as handle:
        return json.load(handle)


def type_label(code: str, *, language: str | None = None) -> str:
    """The code's name in the page's language (English when the spec has no translation)."""
    language = (language or get_language() or "en")[:2]
    names = spec_types().get(code)
    if not names:
        return ""
    english = ENGLISH_NAMES.get(code, names["en"])
    return english if language == "en" else names.get(language) or english


def format_name(names: dict[str, str], *, language: str | None = None) -> str:
    """A named format ({"en": …, "es": …}) in the page's language, else in English."""
    language = (language or get_language() or "en")[:2]
    return names.get(language) or names.get("en", "")


def type_choices() -> list[tuple[str, str]]:
    """Common types first, then the rest of the spec's codes by name (in the page's language)."""
    return _type_choices((get_language() or "en")[:2])


@functools.cache
def _type_choices(language: str) -> list[tuple[str, str]]:
    """Worded once per language: every search form validates against the list."""
    label = functools.partial(type_label, language=language)
    others = sorted(set(spec_types()) - set(COMMON_TYPES), key=label)
    return [(code, label(code)) for code in [*COMMON_TYPES, *others]]


# What the most common types mean for someone going for the first time, in plain words.
# "Closed" depends on the fellowship: see explanation().
TYPE_EXPLANATIONS = {
    "O": _("Anyone may come, including family, friends and people who are curious."),
    "C": _("For people who have a problem with drinking or using, or who want to stop."),
    "BE": _("Good for a first meeting: members explain how things work."),
    "D": _("People take turns sharing about a topic."),
    "SP": _("One or more members tell their story."),
    "ST": _("The group reads and talks about one of the steps."),
    "B": _("The group reads from the Big Book and talks about it."),
    "W": _("For women."),
    "M": _("For men."),
    "Y": _("For young people."),
    "X": _("The room can be reached by wheelchair."),
    "ASL": _("American Sign Language interpretation is offered."),
    "TC": _("The building is closed for now; check for an online option."),
    "S": _("The meeting is in Spanish."),
    "LGBTQ": _("A welcoming space for lesbian, gay, bisexual, transgender and queer people."),
}
# In family groups, "closed" means for family and friends, not for the person who drinks.
CLOSED_FOR = {
    "al-anon": _("For family and friends of someone with a drinking problem."),
    "nar-anon": _("For family and friends of someone with a drug problem."),
}


def explanation(code: str, fellowship: str = "") -> str:
    """What the type means at this fellowship's meetings, in the page's language."""
    if code == "C" and fellowship in CLOSED_FOR:
        return str(CLOSED_FOR[fellowship])
    text = TYPE_EXPLANATIONS.get(code)
    return str(text) if text else ""
