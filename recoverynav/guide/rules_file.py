"""The fit rules file format (`data/fit_rules.yaml`), declared: what the content team may write.

Each model below is one part of the file; its fields are the keys, with their types and
defaults. Unknown keys are refused, so a misspelt key is an error and not silently ignored.
A refusal names where the problem is ("fit rule withdrawal: unknown level 'mansion'").
"""

import datetime
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

CATALOGUES = ("levels", "first_steps", "medications", "counselling", "groups")
EFFECT_LISTS = ("first_steps", "medications", "counselling", "groups")


class RulesError(ValueError):
    """The rules file needs fixing; the message says where."""


class Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Bilingual(Part):
    en: str
    es: str


class CatalogueEntry(Part):
    """Something a result can suggest: its title, an optional summary, the guide page that
    explains it, and the finder filter that finds it (`setting` and `filter` for treatment,
    one value or a list; `fellowship` for meetings)."""

    title: Bilingual
    summary: Bilingual | None = None
    page: str = ""
    setting: str = ""
    filter: str | list[str] = ""
    fellowship: str = ""

    @model_validator(mode="before")
    @classmethod
    def _titled(cls, raw: Any) -> Any:
        title = raw.get("title") if isinstance(raw, dict) else None
        if not (isinstance(title, dict) and title.get("en") and title.get("es")):
            raise ValueError("needs a title in en and es")
        return raw


class Then(Part):
    """What a fired rule does: raise the level of care to `level` (never lower it) and add
    catalogue keys to each list."""

    level: str | None = None
    first_steps: list[str] = []
    medications: list[str] = []
    counselling: list[str] = []
    groups: list[str] = []


class RuleSpec(Part):
    """A rule fires when, for every question under `when`, the answers include one of the
    listed values (no `when`: always). `safety` notes come first, in file order."""

    id: str
    when: dict[str, list[str]] | None = None
    then: Then | None = None
    note: Bilingual | None = None
    safety: bool = False

    @model_validator(mode="before")
    @classmethod
    def _has_an_id(cls, raw: Any) -> Any:
        if not isinstance(raw, dict) or not raw.get("id"):
            raise ValueError("every rule needs an id")
        # YAML reads `id: 2` as a number and `when: {home: [1]}` values too: both are text.
        when = raw.get("when")
        if isinstance(when, dict):
            when = {
                str(q): [str(v) for v in values] if isinstance(values, list) else values
                for q, values in when.items()
            }
        return {**raw, "id": str(raw["id"]), "when": when}

    @field_validator("note", mode="before")
    @classmethod
    def _note_in_both_languages(cls, note: Any) -> Any:
        if note and not (isinstance(note, dict) and note.get("en") and note.get("es")):
            raise ValueError("the note needs both en and es")
        return note or None


class Source(Part):
    name: str
    url: str


class RulesFile(Part):
    """The whole file: the catalogues, the rules, when they were last reviewed and the
    sources behind them (shown under every result), and the answers that set the treatment
    finder's payment filter."""

    levels: dict[str, CatalogueEntry]
    first_steps: dict[str, CatalogueEntry]
    medications: dict[str, CatalogueEntry]
    counselling: dict[str, CatalogueEntry]
    groups: dict[str, CatalogueEntry]
    rules: list[RuleSpec] | None = Field(default=None, validate_default=True)
    reviewed: datetime.date
    sources: list[Source]
    payment_filters: dict[str, str] | None = None

    @field_validator(*CATALOGUES, mode="before")
    @classmethod
    def _catalogue(cls, entries: Any, info: ValidationInfo) -> Any:
        if not isinstance(entries, dict) or not entries:
            raise ValueError(f"'{info.field_name}' must be a non-empty mapping of keys to entries")
        return entries

    @field_validator("reviewed", mode="before")
    @classmethod
    def _a_date(cls, reviewed: Any) -> Any:
        if not isinstance(reviewed, datetime.date):  # a YAML date, not text that looks like one
            raise ValueError("'reviewed' must be a date like 2026-11-27")
        return reviewed

    @field_validator("sources", mode="before")
    @classmethod
    def _sourced(cls, sources: Any) -> Any:
        if not sources or not all(
            isinstance(s, dict) and s.get("name") and str(s.get("url", "")).startswith("https://")
            for s in sources
        ):
            raise ValueError("'sources' must list entries with a name and an https:// url")
        return sources

    @field_validator("rules")
    @classmethod
    def _rules(cls, rules: list[RuleSpec] | None) -> list[RuleSpec]:
        if not rules:
            raise ValueError("the 'rules' list is empty")
        if len({rule.id for rule in rules}) != len(rules):
            raise ValueError("two rules share an id")
        return rules

    @model_validator(mode="after")
    def _rules_name_catalogue_keys(self) -> "RulesFile":
        for rule in self.rules or ():
            then = rule.then or Then()
            if then.level is not None and then.level not in self.levels:
                raise ValueError(f"fit rule {rule.id}: unknown level {then.level!r}")
            for name in EFFECT_LISTS:
                unknown = [key for key in getattr(then, name) if key not in getattr(self, name)]
                if unknown:
                    raise ValueError(f"fit rule {rule.id}: unknown {name} {unknown}")
        return self


def read_rules_file(data: Any) -> RulesFile:
    """The parsed YAML checked against the format; RulesError names the first problem."""
    if not isinstance(data, dict):
        raise RulesError("fit rules must be a mapping with levels, rules and catalogs")
    try:
        return RulesFile.model_validate(data)
    except ValidationError as error:
        raise RulesError(_first_problem(error, data)) from None


def _first_problem(error: ValidationError, data: dict) -> str:
    problem = error.errors()[0]
    location = list(problem["loc"])
    where = "fit rules"
    if location[:1] == ["rules"] and len(location) > 1:
        rule = data["rules"][location[1]]
        if isinstance(rule, dict) and rule.get("id"):
            where, location = f"fit rule {rule['id']}", location[2:]
    elif len(location) > 1 and location[0] in CATALOGUES and problem["type"] == "value_error":
        return f"fit rules: {location[0]}.{location[1]} {problem['ctx']['error']}"
    if problem["type"] == "value_error":
        message = str(problem["ctx"]["error"])
        return message if message.startswith("fit rule ") else f"{where}: {message}"
    key = ".".join(str(part) for part in location)
    return f"{where}: missing or wrong field: {key}: {problem['msg']}"
