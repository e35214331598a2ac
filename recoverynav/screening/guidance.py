"""Next steps for a result: kinds of help, medicines, groups and links (data/next_steps.yaml)."""

import functools
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import yaml

from recoverynav.screening.definitions import LEVELS, Text
from recoverynav.screening.selectors import optional_url

NEXT_STEPS_FILE = Path(__file__).resolve().parent / "data" / "next_steps.yaml"


@dataclass(frozen=True)
class Source:
    text: str
    url: str
    last_reviewed: str


@dataclass(frozen=True)
class Step:
    title: Text
    text: Text
    url: str = ""
    suggested: bool = False


@dataclass(frozen=True)
class NextSteps:
    care: list[Step]
    care_source: Source
    withdrawal_warning: Text | None
    warning_source: Source
    medications: list[Step]
    medication_source: Source
    groups: list[Step]
    meetings_url: str
    treatment_url: str
    guide_url: str


def _text(raw: dict) -> Text:
    return Text(en=raw["en"], es=raw["es"])


def _source(raw: dict) -> Source:
    return Source(text=raw["text"], url=raw["url"], last_reviewed=str(raw["last_reviewed"]))


@functools.cache
def _data() -> dict:
    return yaml.safe_load(NEXT_STEPS_FILE.read_text(encoding="utf-8"))


def next_steps(*, level: str, substances: list[str], audience: str) -> NextSteps:
    """What to suggest for a result `level`, the substances chosen and who the check was for."""
    data = _data()
    care = [
        Step(title=_text(c["title"]), text=_text(c["text"]), suggested=c["level"] == level)
        for c in data["care"]
        if LEVELS.index(c["level"]) <= LEVELS.index(level) + 1
    ]
    warning = data["withdrawal_warning"]
    medications = []
    seen: set[str] = set()
    for substance in substances:
        for medicine in data["medications"].get(substance, []):
            key = f"{substance}:{medicine['id']}"
            if key not in seen:
                seen.add(key)
                url = optional_url("directory:search", urlencode({"medication": medicine["id"]}))
                medications.append(
                    Step(title=_text(medicine["name"]), text=_text(medicine["text"]), url=url)
                )
    groups = []
    fellowships: set[str] = set()
    for substance in substances:
        for group in data["groups"][audience].get(substance, []):
            if group["fellowship"] not in fellowships:
                fellowships.add(group["fellowship"])
                url = optional_url(
                    "meetings:search", urlencode({"fellowship": group["fellowship"]})
                )
                groups.append(Step(title=_text(group["name"]), text=_text(group["name"]), url=url))
    return NextSteps(
        care=care,
        care_source=_source(data["care"][0]["source"]),
        withdrawal_warning=(
            _text(warning["text"])
            if level != LEVELS[0] and set(substances) & set(warning["substances"])
            else None
        ),
        warning_source=_source(warning["source"]),
        medications=medications,
        medication_source=_source(data["medications"]["source"]),
        groups=groups,
        meetings_url=optional_url("meetings:search"),
        treatment_url=optional_url("directory:search"),
        guide_url=optional_url("guide:fit", urlencode({"selfcheck": level})),
    )
