"""The instrument file format, declared: what a YAML file under `instruments/` may hold.

Each model below is one part of a file; its fields are the keys, with their types and
defaults. pydantic checks the shape (required keys, types, the allowed words, wording in
English and Spanish, no unknown keys, so a misspelt key is an error and not silently
ignored); `definitions.build_instrument` then checks what needs the whole file or its parent
(option sets, ids named elsewhere, bands covering every total). Example: `audit.yaml`.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationError,
    field_validator,
    model_validator,
)

LANGUAGES = ("en", "es")
LEVELS = ("low", "moderate", "high", "severe")
SEXES = ("male", "female")

# YAML reads `code: 1` as a number and `version: 2001` as a year; both are text to us.
AsText = Annotated[str, BeforeValidator(lambda value: str(value) if value is not None else value)]


class InstrumentFileError(Exception):
    """An instrument file is not valid; the message names the file and the problem."""


def _bound(raw: Any) -> dict[str, int]:
    """A band's `min` or `max`: one number, or one per sex (`{male: 8, female: 7, default: 7}`)."""
    if isinstance(raw, int):
        return {"male": raw, "female": raw, "default": raw}
    if isinstance(raw, dict) and set(raw) == {*SEXES, "default"}:
        return {k: int(v) for k, v in raw.items()}
    raise ValueError("a bound is a number or a map of male, female, default")


Bound = Annotated[dict[str, int], BeforeValidator(_bound)]


def _name_or(kind: Any) -> Any:
    """A name (text) or a `kind`: checked as the one it looks like, so a mistake in a list of
    options is reported as such and not also as "not a name"."""
    return Annotated[
        Annotated[str, Tag("by-name")] | Annotated[kind, Tag("in-full")],
        Discriminator(lambda value: "by-name" if isinstance(value, str) else "in-full"),
    ]


class Part(BaseModel):
    """A part of an instrument file: unknown keys are refused."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Wording(Part):
    """Words in every language we ship: `{en: …, es: …}`, neither empty."""

    en: str
    es: str

    @model_validator(mode="before")
    @classmethod
    def _in_every_language(cls, raw: Any) -> Any:
        if not isinstance(raw, dict) or any(not raw.get(lang) for lang in LANGUAGES):
            raise ValueError(f"needs wording in {' and '.join(LANGUAGES)}")
        if set(raw) - set(LANGUAGES):  # an unquoted comma in `{en: a, b, es: c}` makes a key
            raise ValueError(f"wording has unknown keys {sorted(set(raw) - {*LANGUAGES})}")
        return {lang: str(raw[lang]).strip() for lang in LANGUAGES}


class OptionSpec(Part):
    """One answer of a choice item: `{code: never, score: 0, text: {en: Never, es: Nunca}}`."""

    code: AsText
    score: int
    text: Wording


# `options: yes_no` (an option set's name) or the options themselves.
NameOrOptions = _name_or(list[OptionSpec])


class AskIf(Part):
    """Ask the item only when one of these earlier items has an answer above zero."""

    any_above_zero: list[str]


class ItemSpec(Part):
    """One question. A `choice` item has options: a list, or the name of an `option_sets`
    entry; a `number` item (CRAFFT Part A's "how many days") has a range and no score."""

    id: AsText
    text: Wording = Field(default=None, validate_default=True)
    kind: str = "choice"
    options: NameOrOptions | None = None
    minimum: int = 0
    maximum: int = 0
    scored: bool = True
    reverse: bool = False
    hint: Wording | None = None
    part: Wording | None = None
    ask_if: AskIf | None = None

    @model_validator(mode="before")
    @classmethod
    def _has_an_id(cls, raw: Any) -> Any:
        if not isinstance(raw, dict) or not raw.get("id"):
            raise ValueError("every item needs an id")
        return raw

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, kind: str) -> str:
        if kind not in {"choice", "number"}:
            raise ValueError("kind must be 'choice' or 'number'")
        return kind

    @model_validator(mode="after")
    def _numbers_are_not_scored(self) -> ItemSpec:
        if self.kind == "number" and self.scored:
            raise ValueError("number items are not scored")
        return self


# A question, or (in a `derived_from` instrument) the id of one of the parent's questions.
ItemOrId = _name_or(ItemSpec)


class BandSpec(Part):
    """A range of totals and what it means; `use` (true/false) when the band applies only
    with or only without use (see `scoring.use_items`)."""

    id: str
    level: str
    min: Bound
    max: Bound
    label: Wording
    meaning: Wording
    use: bool | None = None

    @field_validator("level")
    @classmethod
    def _known_level(cls, level: str) -> str:
        if level not in LEVELS:
            raise ValueError(f"band levels are {', '.join(LEVELS)}")
        return level


class NoteSpec(Part):
    """Shown with a result when every point of a non-zero total came from these items."""

    id: str
    only_from_items: list[str]
    text: Wording


class ScoringSpec(Part):
    """`rule: sum` adds the scored items' points (the only rule); `items` defaults to every
    scored item; `use_items` are the items whose answers above zero show use."""

    rule: str = "sum"
    items: list[str] | None = None
    use_items: list[str] = []
    bands: list[BandSpec] = []
    notes: list[NoteSpec] = []

    @field_validator("rule")
    @classmethod
    def _known_rule(cls, rule: str) -> str:
        if rule != "sum":
            raise ValueError("scoring.rule is 'sum'")
        return rule


class Ages(Part):
    min: int
    max: int | None = None


class ReferenceSpec(Part):
    text: str
    url: str = ""


class SpanishSpec(Part):
    """Whose Spanish wording this is: `published` (the instrument's own) or `ours`."""

    source: str
    note: Wording

    @field_validator("source")
    @classmethod
    def _known_source(cls, source: str) -> str:
        if source not in {"published", "ours"}:
            raise ValueError("spanish.source is 'published' or 'ours'")
        return source


class InstrumentSpec(Part):
    """A whole instrument file. A `derived_from` instrument (AUDIT-C) lists its parent's item
    ids under `items` instead of items."""

    id: str
    order: int = 0
    version: AsText
    enabled_setting: str = ""
    derived_from: str = ""
    countries: list[str] = []
    not_countries: list[str] = []
    title: Wording
    short_title: Wording
    summary: Wording
    audience: str = "self"
    validated: bool
    not_validated_note: Wording | None = None
    ages: Ages
    substances: list[str]
    time_frame: Wording
    intro: Wording
    drink: Wording | None = None
    option_sets: dict[str, list[OptionSpec]] = {}
    items: list[ItemOrId] = []
    dependence_items: list[str] = []
    heavy_daily_use: list[dict[str, list[AsText]]] = []
    scoring: ScoringSpec = ScoringSpec()
    total_codes: list[dict[str, str]] = []
    references: list[ReferenceSpec] = []
    licence: Wording
    attribution: Wording
    spanish: SpanishSpec

    @field_validator("audience")
    @classmethod
    def _known_audience(cls, audience: str) -> str:
        if audience not in {"self", "other"}:
            raise ValueError("audience is 'self' or 'other'")
        return audience

    @field_validator("heavy_daily_use", mode="before")
    @classmethod
    def _patterns_are_maps(cls, patterns: Any) -> Any:
        if not isinstance(patterns, list) or any(
            not p or not isinstance(p, dict) for p in patterns
        ):
            raise ValueError("heavy_daily_use lists maps of item: [codes]")
        return patterns

    @model_validator(mode="after")
    def _unvalidated_says_so(self) -> InstrumentSpec:
        if not self.validated and self.not_validated_note is None:
            raise ValueError("an unvalidated check must say so")
        return self


def read_instrument_file(raw: dict, *, where: str) -> InstrumentSpec:
    """The file's contents checked against the format; InstrumentFileError names the first
    problem."""
    try:
        return InstrumentSpec.model_validate(raw)
    except ValidationError as error:
        raise InstrumentFileError(_first_problem(error, raw, where)) from None


def _first_problem(error: ValidationError, raw: dict, where: str) -> str:
    """The first thing wrong, in the file's words: "audit.yaml item audit-3: …" for a
    question, our own message for a rule of the format, else the key and what it should be."""
    problem = error.errors()[0]
    location = [part for part in problem["loc"] if part not in {"by-name", "in-full"}]
    if location[:1] == ["items"] and len(location) > 1 and isinstance(location[1], int):
        item = raw["items"][location[1]]
        if isinstance(item, dict) and item.get("id"):
            where = f"{where} item {item['id']}"
            location = location[2:]
    if problem["type"] == "value_error":
        return f"{where}: {problem['ctx']['error']}"
    key = ".".join(str(part) for part in location)
    return f"{where}: missing or wrong field: {key}: {problem['msg']}"
