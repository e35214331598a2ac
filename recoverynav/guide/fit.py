"""Which kind of help fits me?": a small pure engine over the rules in data/fit_rules.yaml.

The content team reviews the YAML; this module only says how rules combine. A rule fires when,
for every question it names, the person's answers include one of the listed values. Fired
rules raise the suggested level of care (never lower it), add medications, counseling and
groups to ask about, and add notes. Safety rules come first, in file order, whatever else fired.
"""

import datetime
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from recoverynav.guide.rules_file import (
    CATALOGUES,
    EFFECT_LISTS,
    RulesError,
    RuleSpec,
    Then,
    read_rules_file,
)

RULES_PATH = Path(__file__).parent / "data" / "fit_rules.yaml"

Answers = Mapping[str, frozenset[str]]


@dataclass(frozen=True)
class Rule:
    id: str
    when: Mapping[str, frozenset[str]]
    level: str | None
    effects: Mapping[str, tuple[str, ...]]
    safety: bool
    note: Mapping[str, str]

    def fires(self, answers: Answers) -> bool:
        return all(
            answers.get(question, frozenset()) & values for question, values in self.when.items()
        )


@dataclass(frozen=True)
class RuleSet:
    catalogues: Mapping[str, Mapping[str, Mapping[str, Any]]]
    level_order: tuple[str, ...]
    rules: tuple[Rule, ...]
    payment_filters: Mapping[str, str]
    reviewed: datetime.date
    sources: tuple[Mapping[str, str], ...]


@dataclass(frozen=True)
class FitResult:
    """Keys into the rule set's catalogs; the page turns them into words and links."""

    fired: tuple[str, ...]
    safety_notes: tuple[str, ...]
    notes: tuple[str, ...]
    level: str
    first_steps: tuple[str, ...]
    medications: tuple[str, ...]
    counselling: tuple[str, ...]
    groups: tuple[str, ...]


def evaluate(rules: RuleSet, answers: Answers) -> FitResult:
    """Combine every rule that fires; pure, so each rule can be tested as a table row."""
    fired = [rule for rule in rules.rules if rule.fires(answers)]
    levels = [rules.level_order.index(rule.level) for rule in fired if rule.level]
    collected: dict[str, list[str]] = {name: [] for name in EFFECT_LISTS}
    for rule in fired:
        for name, keys in rule.effects.items():
            collected[name].extend(key for key in keys if key not in collected[name])
    return FitResult(
        fired=tuple(rule.id for rule in fired),
        safety_notes=tuple(rule.id for rule in fired if rule.safety and rule.note),
        notes=tuple(rule.id for rule in fired if not rule.safety and rule.note),
        level=rules.level_order[max(levels, default=0)],
        first_steps=tuple(collected["first_steps"]),
        medications=tuple(collected["medications"]),
        counselling=tuple(collected["counselling"]),
        groups=tuple(collected["groups"]),
    )


@functools.cache
def shipped_rules() -> RuleSet:
    return load_rules(RULES_PATH.read_text(encoding="utf-8"))


def load_rules(text: str) -> RuleSet:
    """Parse and check the rules against the file format (`rules_file`): every key a rule
    names must exist in a catalog."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise RulesError(f"fit rules are not valid YAML: {error}") from error
    spec = read_rules_file(data)
    catalogues = {
        name: {key: entry.model_dump(exclude_unset=True) for key, entry in entries.items()}
        for name in CATALOGUES
        if (entries := getattr(spec, name))
    }
    return RuleSet(
        catalogues=catalogues,
        level_order=tuple(catalogues["levels"]),
        rules=tuple(_rule(rule) for rule in spec.rules or ()),
        payment_filters=dict(spec.payment_filters or {}),
        reviewed=spec.reviewed,
        sources=tuple(source.model_dump() for source in spec.sources),
    )


def _rule(spec: RuleSpec) -> Rule:
    then = spec.then or Then()
    return Rule(
        id=spec.id,
        when={question: frozenset(values) for question, values in (spec.when or {}).items()},
        level=then.level,
        # Only the lists the rule gives, as written.
        effects={
            name: tuple(getattr(then, name))
            for name in EFFECT_LISTS
            if name in then.model_fields_set
        },
        safety=spec.safety,
        note=spec.note.model_dump() if spec.note else {},
    )
