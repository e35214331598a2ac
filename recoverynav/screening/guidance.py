"""Next steps for a result: kinds of help, safety notes, medicines, groups and searches that
carry what the result found (data/next_steps.yaml)."""

import functools
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import yaml
from django.urls import reverse

from recoverynav.screening.definitions import Text
from recoverynav.screening.instrument_file import LEVELS

NEXT_STEPS_FILE = Path(__file__).resolve().parent / "data" / "next_steps.yaml"
# The guide page the opioid safety note links to (by its URL name and slug).
OVERDOSE_PAGE = ("guide:page", "overdose")


@dataclass(frozen=True)
class Source:
    """A document a fact comes from. `language`: the document's own, so a Spanish page marks an
    English title as English (screen readers, and the reader, know it is not a translation)."""

    text: str
    url: str
    last_reviewed: str
    language: str = "en"


@dataclass(frozen=True)
class Step:
    title: Text
    text: Text
    url: str = ""
    suggested: bool = False
    source: Source | None = None


@dataclass(frozen=True)
class Warning:
    heading: Text
    text: Text
    source: Source
    url: str = ""


@dataclass(frozen=True)
class OpioidSafety:
    heading: Text
    points: tuple[Text, ...]
    link: Text
    url: str
    source: Source


@dataclass(frozen=True)
class NextSteps:
    care: list[Step]
    care_source: Source
    withdrawal_warning: Warning | None
    opioid_safety: OpioidSafety | None
    medications: list[Step]
    medication_source: Source
    groups: list[Step]
    meetings_url: str
    treatment_url: str
    guide_url: str
    finder_filters: dict[str, list[str]] = field(default_factory=dict)

    @property
    def suggested(self) -> Step | None:
        return next((step for step in self.care if step.suggested), None)


def _text(raw: dict) -> Text:
    return Text(en=raw["en"], es=raw["es"])


def _source(raw: dict) -> Source:
    return Source(
        text=raw["text"],
        url=raw["url"],
        last_reviewed=str(raw["last_reviewed"]),
        language=raw.get("language", "en"),
    )


@functools.cache
def _data() -> dict:
    return yaml.safe_load(NEXT_STEPS_FILE.read_text(encoding="utf-8"))


def _url(name: str, query: str = "") -> str:
    """The URL of a page in another app (a misspelt name raises NoReverseMatch)."""
    return f"{reverse(name)}?{query}" if query else reverse(name)


def _finder_url(name: str, filters: dict[str, list[str]]) -> str:
    return _url(name, urlencode(filters, doseq=True))


def finder_filters(*, level: str, age_band: str = "") -> dict[str, list[str]]:
    """The treatment finder's filters for "Find treatment near me": substance use treatment,
    the settings the usual kind of next step is found in, and a young person's age group."""
    data = _data()
    kind = next(k for k in data["kinds"] if k["level"] == level)
    filters: dict[str, list[str]] = {"care": ["substance_use"]}
    if kind["finder_settings"]:
        filters["setting"] = list(kind["finder_settings"])
    if data["finder_ages"].get(age_band):
        filters["age"] = list(data["finder_ages"][age_band])
    return filters


def _withdrawal_warning(audience: str, dependence: set[str]) -> Warning | None:
    raw = _data()["withdrawal_warning"]
    if not dependence & set(raw["substances"]):
        return None
    other = audience == "other"
    return Warning(
        heading=_text(raw["heading_other" if other else "heading"]),
        text=_text(raw["text_other" if other else "text"]),
        source=_source(raw["source"]),
        url=_finder_url("directory:search", {"care": ["substance_use"], "setting": ["detox"]}),
    )


def _opioid_safety(substances: list[str]) -> OpioidSafety | None:
    if "opioids" not in substances:
        return None
    raw = _data()["opioid_safety"]
    name, slug = OVERDOSE_PAGE
    url = reverse(name, kwargs={"slug": slug})
    return OpioidSafety(
        heading=_text(raw["heading"]),
        points=tuple(_text(p) for p in raw["points"]),
        link=_text(raw["link"]),
        url=url,
        source=_source(raw["source"]),
    )


def _medications(substances: list[str], audience: str) -> list[Step]:
    found = []
    seen: set[str] = set()
    for substance in substances:
        for medicine in _data()["medications"].get(substance, []):
            key = f"{substance}:{medicine['id']}"
            if key in seen or audience not in medicine.get("audiences", ["self", "other"]):
                continue
            seen.add(key)
            source = _source(medicine["source"]) if "source" in medicine else None
            url = _finder_url("directory:search", {"medication": medicine["finder"]})
            found.append(
                Step(
                    title=_text(medicine["name"]),
                    text=_text(medicine["text"]),
                    url=url,
                    source=source,
                )
            )
    return found


def _groups(substances: list[str], audience: str) -> list[Step]:
    groups = []
    fellowships: set[str] = set()
    for substance in substances:
        for group in _data()["groups"][audience].get(substance, []):
            if group["fellowship"] not in fellowships:
                fellowships.add(group["fellowship"])
                url = _finder_url("meetings:search", {"fellowship": [group["fellowship"]]})
                name = _text(group["name"])
                groups.append(Step(title=name, text=name, url=url))
    return groups


def next_steps(
    *,
    level: str,
    substances: list[str],
    audience: str,
    dependence: set[str] | frozenset[str] = frozenset(),
    age_band: str = "",
) -> NextSteps:
    """What to suggest for a result `level`, the substances chosen and who the check was for.

    `dependence` holds the substances for which an answer showed a sign of dependence: only
    then is the withdrawal warning shown. The kinds of next step are what a screen can support
    (advice, brief counseling, an assessment, a specialist referral), never a level of care."""
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}")
    data = _data()
    care = [
        Step(title=_text(k["title"]), text=_text(k["text"]), suggested=k["level"] == level)
        for k in data["kinds"]
    ]
    filters = finder_filters(level=level, age_band=age_band)
    return NextSteps(
        care=care,
        care_source=_source(data["kinds_source"]),
        withdrawal_warning=_withdrawal_warning(audience, set(dependence)),
        opioid_safety=_opioid_safety(substances),
        medications=_medications(substances, audience),
        medication_source=_source(data["medications"]["source"]),
        groups=_groups(substances, audience),
        meetings_url=_url("meetings:search"),
        treatment_url=_finder_url("directory:search", filters),
        guide_url=_url("guide:fit", urlencode({"selfcheck": level})),
        finder_filters=filters,
    )
