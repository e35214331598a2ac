"""Instruments as data: the YAML files under `instruments/` read into frozen dataclasses.

Loading validates each file completely (ids, options, conditions, bands that cover every score
exactly once for every sex), so a broken file fails at start-up and in tests, never mid-flow.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.utils.translation import get_language

INSTRUMENTS_DIR = Path(__file__).resolve().parent / "instruments"
LANGUAGES = ("en", "es")
LEVELS = ("low", "moderate", "high", "severe")
SEXES = ("male", "female")
LOINC = "http://loinc.org"


class InstrumentFileError(Exception):
    """An instrument file is not valid; the message names the file and the problem."""


@dataclass(frozen=True)
class Text:
    """Wording in every language we ship; `str()` gives the page's language."""

    en: str
    es: str

    def __str__(self) -> str:
        return self.es if (get_language() or "en").startswith("es") else self.en

    def get(self, language: str) -> str:
        return self.es if language.startswith("es") else self.en


@dataclass(frozen=True)
class Option:
    code: str
    score: int
    text: Text


@dataclass(frozen=True)
class Condition:
    """Ask an item only when at least one of `any_above_zero` has a value above zero."""

    any_above_zero: tuple[str, ...]


@dataclass(frozen=True)
class Item:
    id: str
    text: Text
    kind: str  # "choice" or "number"
    options: tuple[Option, ...] = ()
    minimum: int = 0
    maximum: int = 0
    scored: bool = True
    reverse: bool = False
    hint: Text | None = None
    part: Text | None = None
    ask_if: Condition | None = None

    def option(self, code: str) -> Option | None:
        return next((o for o in self.options if o.code == code), None)

    def full_text(self, language: str) -> str:
        """The words as asked, with the part heading the page shows above them (CRAFFT
        "Part A: … on how many days did you…"): the same words in summaries and in FHIR."""
        text = self.text.get(language)
        return f"{self.part.get(language)} {text}" if self.part else text

    @property
    def max_points(self) -> int:
        if not self.scored:
            return 0
        return max(o.score for o in self.options)

    @property
    def min_points(self) -> int:
        if not self.scored:
            return 0
        return min(o.score for o in self.options)


@dataclass(frozen=True)
class Band:
    """A range of totals. `minimum`/`maximum` map a sex ("male", "female", "default") to a bound.

    A band can also depend on use: `use` is True when it applies only if some `use_items` answer
    is above zero, False when only if none is, None when use does not matter (the CRAFFT's
    "some use, lower risk" differs from "no use" although both total 0).
    """

    id: str
    level: str
    minimum: dict[str, int]
    maximum: dict[str, int]
    label: Text
    meaning: Text
    use: bool | None = None

    def contains(self, total: int, sex: str | None, *, use: bool = False) -> bool:
        key = sex if sex in SEXES else "default"
        if self.use is not None and self.use != use:
            return False
        return self.minimum[key] <= total <= self.maximum[key]


@dataclass(frozen=True)
class Note:
    """Shown with a result when every point of a non-zero total came from `only_from_items`."""

    id: str
    only_from_items: tuple[str, ...]
    text: Text


@dataclass(frozen=True)
class Reference:
    text: str
    url: str = ""


@dataclass(frozen=True)
class Instrument:
    id: str
    version: str
    title: Text
    short_title: Text
    summary: Text
    audience: str  # "self" or "other"
    validated: bool
    min_age: int
    max_age: int | None
    substances: tuple[str, ...]
    time_frame: Text
    intro: Text
    items: tuple[Item, ...]
    scored_item_ids: tuple[str, ...]
    bands: tuple[Band, ...]
    notes: tuple[Note, ...]
    total_codes: tuple[dict[str, str], ...]
    references: tuple[Reference, ...]
    licence: Text
    attribution: Text
    spanish_source: str  # "published" or "ours"
    spanish_note: Text
    sex_specific: bool
    enabled_setting: str = ""
    derived_from: str = ""
    not_validated_note: Text | None = None
    # Whose answers above zero show use (the CRAFFT's Part A), for bands that depend on use.
    use_items: tuple[str, ...] = ()
    # Items whose answers above zero are signs of dependence (the withdrawal warning's trigger).
    dependence_items: tuple[str, ...] = ()
    # Answer patterns of daily or near-daily heavy drinking, each {item: accepted codes}: any
    # pattern fully matched also triggers the withdrawal warning (withdrawal risk follows heavy
    # daily use even with "never" to the dependence items).
    heavy_daily_use: tuple[dict[str, tuple[str, ...]], ...] = ()
    # Where the instrument is offered: only in `countries` (when given), never in `not_countries`.
    countries: tuple[str, ...] = ()
    not_countries: tuple[str, ...] = ()
    # What a "drink" is in this instrument's questions, said on its result.
    drink: Text | None = None
    items_by_id: dict[str, Item] = field(default_factory=dict, compare=False, repr=False)

    @property
    def scored_items(self) -> tuple[Item, ...]:
        return tuple(self.items_by_id[i] for i in self.scored_item_ids)

    @property
    def min_total(self) -> int:
        return sum(i.min_points for i in self.scored_items)

    @property
    def max_total(self) -> int:
        return sum(i.max_points for i in self.scored_items)


def _text(raw: Any, where: str) -> Text:
    if not isinstance(raw, dict) or any(not raw.get(lang) for lang in LANGUAGES):
        raise InstrumentFileError(f"{where}: needs wording in {' and '.join(LANGUAGES)}")
    if set(raw) - set(LANGUAGES):  # an unquoted comma in `{en: a, b, es: c}` makes a key
        raise InstrumentFileError(
            f"{where}: wording has unknown keys {sorted(set(raw) - {*LANGUAGES})}"
        )
    return Text(en=str(raw["en"]).strip(), es=str(raw["es"]).strip())


def _optional_text(raw: Any, where: str) -> Text | None:
    return None if raw is None else _text(raw, where)


def _heavy_daily_use(
    raw: Any, by_id: dict[str, Item], where: str
) -> tuple[dict[str, tuple[str, ...]], ...]:
    """Each pattern names items and the answer codes that count; a typo must not silently
    switch a safety warning off, so unknown items or codes refuse the file."""
    patterns = []
    for pattern in raw:
        if not isinstance(pattern, dict) or not pattern:
            raise InstrumentFileError(f"{where}: heavy_daily_use lists maps of item: [codes]")
        for item_id, codes in pattern.items():
            item = by_id.get(item_id)
            if item is None or not codes or any(item.option(str(c)) is None for c in codes):
                raise InstrumentFileError(
                    f"{where}: heavy_daily_use names an unknown item or answer: {item_id}"
                )
        patterns.append({item_id: tuple(map(str, codes)) for item_id, codes in pattern.items()})
    return tuple(patterns)


def _bound(raw: Any, where: str) -> dict[str, int]:
    if isinstance(raw, int):
        return {"male": raw, "female": raw, "default": raw}
    if isinstance(raw, dict) and set(raw) == {*SEXES, "default"}:
        return {k: int(v) for k, v in raw.items()}
    raise InstrumentFileError(f"{where}: a bound is a number or a map of male, female, default")


def _item(raw: dict, option_sets: dict[str, list], where: str) -> Item:
    item_id = raw.get("id")
    if not item_id:
        raise InstrumentFileError(f"{where}: every item needs an id")
    where = f"{where} item {item_id}"
    kind = raw.get("kind", "choice")
    options: tuple[Option, ...] = ()
    if kind == "choice":
        raw_options = raw.get("options")
        if isinstance(raw_options, str):
            raw_options = option_sets.get(raw_options)
        if not raw_options:
            raise InstrumentFileError(f"{where}: a choice item needs options")
        options = tuple(
            Option(code=str(o["code"]), score=int(o["score"]), text=_text(o["text"], where))
            for o in raw_options
        )
        if len({o.code for o in options}) != len(options):
            raise InstrumentFileError(f"{where}: option codes must be unique")
    elif kind != "number":
        raise InstrumentFileError(f"{where}: kind must be 'choice' or 'number'")
    scored = bool(raw.get("scored", True))
    if kind == "number" and scored:
        raise InstrumentFileError(f"{where}: number items are not scored")
    ask_if = raw.get("ask_if")
    return Item(
        id=str(item_id),
        text=_text(raw.get("text"), where),
        kind=kind,
        options=options,
        minimum=int(raw.get("minimum", 0)),
        maximum=int(raw.get("maximum", 0)),
        scored=scored,
        reverse=bool(raw.get("reverse", False)),
        hint=_optional_text(raw.get("hint"), where),
        part=_optional_text(raw.get("part"), where),
        ask_if=Condition(tuple(ask_if["any_above_zero"])) if ask_if else None,
    )


def _check_bands(bands: tuple[Band, ...], low: int, high: int, where: str) -> None:
    """Every possible total falls in exactly one band, for men, women and when sex is unknown,
    with and without use when a band depends on it."""
    uses = (False, True) if any(b.use is not None for b in bands) else (False,)
    for use in uses:
        for sex in (*SEXES, None):
            for total in range(low, high + 1):
                matching = [b.id for b in bands if b.contains(total, sex, use=use)]
                if len(matching) != 1:
                    raise InstrumentFileError(
                        f"{where}: total {total} (sex {sex or 'unknown'}, use {use}) "
                        f"is in bands {matching}"
                    )


# Long because: one pass over an instrument file's fields, each check naming what is wrong;
# a declared schema for the data files (issue 20, "next after these") would replace most of it.
def parse_instrument(raw: dict, *, where: str, items_from: dict[str, Instrument]) -> Instrument:
    """Build one instrument from its parsed YAML; `items_from` supplies a parent's items."""
    derived_from = raw.get("derived_from", "")
    if derived_from:
        parent = items_from.get(derived_from)
        if parent is None:
            raise InstrumentFileError(f"{where}: derived_from {derived_from!r} is not loaded")
        items = tuple(parent.items_by_id[i] for i in raw["items"])
    else:
        option_sets = raw.get("option_sets", {})
        items = tuple(_item(r, option_sets, where) for r in raw.get("items", []))
    by_id = {i.id: i for i in items}
    if not items or len(by_id) != len(items):
        raise InstrumentFileError(f"{where}: needs items with unique ids")
    for position, item in enumerate(items):
        earlier = {i.id for i in items[:position]}
        if item.ask_if and not set(item.ask_if.any_above_zero) <= earlier:
            raise InstrumentFileError(f"{where} item {item.id}: ask_if names a later item")
    scoring = raw.get("scoring", {})
    scored_ids = tuple(scoring.get("items") or [i.id for i in items if i.scored])
    if not set(scored_ids) <= set(by_id) or any(not by_id[i].scored for i in scored_ids):
        raise InstrumentFileError(f"{where}: scoring.items must name scored items")
    bands = tuple(
        Band(
            id=b["id"],
            level=b["level"],
            minimum=_bound(b["min"], where),
            maximum=_bound(b["max"], where),
            label=_text(b["label"], where),
            meaning=_text(b["meaning"], where),
            use=b.get("use"),
        )
        for b in scoring.get("bands", [])
    )
    use_items = tuple(scoring.get("use_items", []))
    if not set(use_items) <= set(by_id) or (
        any(b.use is not None for b in bands) and not use_items
    ):
        raise InstrumentFileError(f"{where}: bands that depend on use need scoring.use_items")
    dependence_items = tuple(raw.get("dependence_items", []))
    if not set(dependence_items) <= set(by_id):
        raise InstrumentFileError(f"{where}: dependence_items must name items")
    heavy_daily_use = _heavy_daily_use(raw.get("heavy_daily_use", []), by_id, where)
    if any(b.level not in LEVELS for b in bands):
        raise InstrumentFileError(f"{where}: band levels are {', '.join(LEVELS)}")
    codes = tuple(dict(c) for c in raw.get("total_codes", []))
    instrument = Instrument(
        id=raw["id"],
        version=str(raw["version"]),
        title=_text(raw["title"], where),
        short_title=_text(raw["short_title"], where),
        summary=_text(raw["summary"], where),
        audience=raw.get("audience", "self"),
        validated=bool(raw["validated"]),
        min_age=int(raw["ages"]["min"]),
        max_age=raw["ages"].get("max"),
        substances=tuple(raw["substances"]),
        time_frame=_text(raw["time_frame"], where),
        intro=_text(raw["intro"], where),
        items=items,
        scored_item_ids=scored_ids,
        bands=bands,
        notes=tuple(
            Note(
                id=n["id"],
                only_from_items=tuple(n["only_from_items"]),
                text=_text(n["text"], where),
            )
            for n in scoring.get("notes", [])
        ),
        total_codes=codes,
        references=tuple(Reference(**r) for r in raw.get("references", [])),
        licence=_text(raw["licence"], where),
        attribution=_text(raw["attribution"], where),
        spanish_source=raw["spanish"]["source"],
        spanish_note=_text(raw["spanish"]["note"], where),
        sex_specific=any(len(set(b.minimum.values())) > 1 for b in bands),
        enabled_setting=raw.get("enabled_setting", ""),
        derived_from=derived_from,
        not_validated_note=_optional_text(raw.get("not_validated_note"), where),
        use_items=use_items,
        dependence_items=dependence_items,
        heavy_daily_use=heavy_daily_use,
        countries=tuple(raw.get("countries", [])),
        not_countries=tuple(raw.get("not_countries", [])),
        drink=_optional_text(raw.get("drink"), where),
        items_by_id=by_id,
    )
    if instrument.audience not in {"self", "other"}:
        raise InstrumentFileError(f"{where}: audience is 'self' or 'other'")
    if instrument.spanish_source not in {"published", "ours"}:
        raise InstrumentFileError(f"{where}: spanish.source is 'published' or 'ours'")
    if not instrument.validated and instrument.not_validated_note is None:
        raise InstrumentFileError(f"{where}: an unvalidated check must say so")
    _check_bands(bands, instrument.min_total, instrument.max_total, where)
    return instrument


def load_instruments(directory: Path = INSTRUMENTS_DIR) -> dict[str, Instrument]:
    """Every instrument file in `directory`, in the order of their `order` fields."""
    raws = []
    for path in sorted(directory.glob("*.yaml")):
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as error:
            raise InstrumentFileError(f"{path.name}: cannot read: {error}") from error
        if not isinstance(raw, dict) or "id" not in raw:
            raise InstrumentFileError(f"{path.name}: not an instrument file")
        raws.append((path.name, raw))
    loaded: dict[str, Instrument] = {}
    # Parents first, so a derived instrument (AUDIT-C) can take its items from AUDIT.
    for name, raw in sorted(
        raws, key=lambda r: (bool(r[1].get("derived_from")), r[1].get("order", 0))
    ):
        try:
            instrument = parse_instrument(raw, where=name, items_from=loaded)
        except (KeyError, TypeError, ValueError) as error:
            raise InstrumentFileError(f"{name}: missing or wrong field: {error}") from error
        if instrument.id in loaded:
            raise InstrumentFileError(f"{name}: duplicate instrument id {instrument.id!r}")
        loaded[instrument.id] = instrument
    order = {raw["id"]: raw.get("order", 0) for _name, raw in raws}
    return dict(sorted(loaded.items(), key=lambda kv: order[kv[0]]))
