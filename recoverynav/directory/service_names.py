"""The official names of SAMHSA's services, in the language of the page.

English pages show SAMHSA's own names. Spanish pages show our translation of each
(`data/samhsa_service_names_es.csv`, keyed by the official English name, so a name from any
SAMHSA format — a code looked up in the reference or a name the locator API sends — finds
it). A name we have no translation for is shown as the source wrote it, marked as English.
"""

import csv
import re
from dataclasses import dataclass
from functools import cache

from django.utils.translation import get_language

from recoverynav.directory.importers.samhsa_codes import DATA_DIR

SPANISH_FILE = DATA_DIR / "samhsa_service_names_es.csv"
# "Service Setting (e.g., Outpatient, Residential, Inpatient, etc.)" reads as a heading
# without its examples.
EXAMPLES = re.compile(r"\s*\(e\.g\.,?[^)]*\)\s*$")


@cache
def spanish() -> dict[str, str]:
    with SPANISH_FILE.open(newline="", encoding="utf-8") as handle:
        return {row["official"]: row["spanish"] for row in csv.DictReader(handle)}


def _in_spanish() -> bool:
    return (get_language() or "en").split("-")[0] == "es"


def translated(name: str) -> str:
    """The name in the page's language (as written when we have no translation)."""
    if _in_spanish():
        return spanish().get(name, name)
    return name


def is_translated(name: str) -> bool:
    """Whether `translated(name)` is in the page's language."""
    return not _in_spanish() or name in spanish()


# A capitalized word after the first ("Type of Care"); acronyms (HIV) are all capitals.
INNER_CAPITALIZED = re.compile(r"(?<=[\s/(-])([A-Z][a-z]+)\b")


def heading(category: str) -> str:
    """A category's name as a heading, in the page's language. SAMHSA writes its category
    names in title case ("Payment/Insurance/Funding Accepted"); our headings are in sentence
    case (issue 18). The Spanish translations are looked up by the official name."""
    if _in_spanish() and category in spanish():
        return spanish()[category]
    name = EXAMPLES.sub("", category)
    return INNER_CAPITALIZED.sub(lambda match: match.group(1).lower(), name)


@dataclass(frozen=True)
class ServiceGroup:
    heading: str
    names: list[str]
    # Names shown as the source wrote them on a page in another language (lang="en").
    untranslated: list[str]


def grouped(other_services: list[list[str]]) -> list[ServiceGroup]:
    """A facility's other services by category, in the order the source gave them, each
    name in the page's language."""
    groups: dict[str, tuple[list[str], list[str]]] = {}
    for category, name in other_services:
        names, untranslated = groups.setdefault(category, ([], []))
        (names if is_translated(name) else untranslated).append(translated(name))
    return [
        ServiceGroup(heading(category), names, untranslated)
        for category, (names, untranslated) in groups.items()
    ]
