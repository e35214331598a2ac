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

RULES_PATH = Path(__file__).parent / "data" / "fit_rules.yaml"
CATALOGUES = ("levels", "first_steps", "medications", "counselling", "groups")
EFFECT_LISTS = {"first_steps", "medications", "counselling", "groups"}

Answers = Mapping[str, frozenset[str]]


class RulesError(ValueError):
    """The rules file needs fixing; the message says where."""


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
    """Parse and cross-check the rules: every key a rule names must exist in a catalog."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise RulesError(f"fit rules are not valid YAML: {error}") from error
    if not isinstance(data, dict):
        raise RulesError("fit rules must be a mapping with levels, rules and catalogs")
    catalogues = {name: _catalogue(data, name) for name in CATALOGUES}
    rules = tuple(_rule(raw, catalogues) for raw in data.get("rules") or ())
    if not rules:
        raise RulesError("fit rules: the 'rules' list is empty")
    ids = [rule.id for rule in rules]
    if len(set(ids)) != len(ids):
        raise RulesError("fit rules: two rules share an id")
    if not isinstance(data.get("reviewed"), datetime.date):
        raise RulesError("fit rules: 'reviewed' must be a date like 2026-11-27")
    sources = tuple(data.get("sources") or ())
    if not sources or not all(
        isinstance(s, dict) and s.get("name") and str(s.get("url", "")).startswith("https://")
        for s in sources
    ):
        raise RulesError("fit rules: 'sources' must list entries with a name and an https:// url")
    return RuleSet(
        catalogues=catalogues,
        level_order=tuple(catalogues["levels"]),
        rules=rules,
        payment_filters=dict(data.get("payment_filters") or {}),
        reviewed=data["reviewed"],
        sources=sources,
    )


def _catalogue(data: dict, name: str) -> dict[str, dict]:
    entries = data.get(name)
    if not isinstance(entries, dict) or not entries:
        raise RulesError(f"fit rules: '{name}' must be a non-empty mapping of keys to entries")
    for key, entry in entries.items():
        title = (entry or {}).get("title") or {}
        if not (title.get("en") and title.get("es")):
            raise RulesError(f"fit rules: {name}.{key} needs a title in en and es")
    return entries


def _rule(raw: Any, catalogues: dict[str, dict]) -> Rule:
    if not isinstance(raw, dict) or not raw.get("id"):
        raise RulesError("fit rules: every rule needs an id")
    rule_id = str(raw["id"])
    then = raw.get("then") or {}
    level = then.get("level")
    if level is not None and level not in catalogues["levels"]:
        raise RulesError(f"fit rule {rule_id}: unknown level {level!r}")
    effects = {}
    for name in EFFECT_LISTS & set(then):
        keys = tuple(then[name])
        unknown = [key for key in keys if key not in catalogues[name]]
        if unknown:
            raise RulesError(f"fit rule {rule_id}: unknown {name} {unknown}")
        effects[name] = keys
    note = raw.get("note") or {}
    if note and not (note.get("en") and note.get("es")):
        raise RulesError(f"fit rule {rule_id}: the note needs both en and es")
    when = {
        str(q): frozenset(str(v) for v in values) for q, values in (raw.get("when") or {}).items()
    }
    return Rule(
        id=rule_id,
        when=when,
        level=level,
        effects=effects,
        safety=bool(raw.get("safety")),
        note=note,
    )
