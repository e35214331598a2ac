"""Instruments as data: the YAML files under `instruments/` read into frozen dataclasses.

Loading validates each file completely (its shape against the declared format in
`instrument_file`, then ids, options, conditions, bands that cover every score exactly once
for every sex), so a broken file fails at start-up and in tests, never mid-flow.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.utils.translation import get_language

from recoverynav.screening.instrument_file import (
    SEXES,
    InstrumentFileError,
    InstrumentSpec,
    ItemSpec,
    OptionSpec,
    Wording,
    read_instrument_file,
)

INSTRUMENTS_DIR = Path(__file__).resolve().parent / "instruments"
LOINC = "http://loinc.org"


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


def _text(wording: Wording) -> Text:
    return Text(en=wording.en, es=wording.es)


def _optional_text(wording: Wording | None) -> Text | None:
    return None if wording is None else _text(wording)


def parse_instrument(raw: dict, *, where: str, items_from: dict[str, Instrument]) -> Instrument:
    """Build one instrument from its parsed YAML; `items_from` supplies a parent's items.
    The file's shape is declared in `instrument_file`; what needs the whole file is here."""
    spec = read_instrument_file(raw, where=where)
    items = _items(spec, where, items_from)
    by_id = {i.id: i for i in items}
    scored_ids = tuple(spec.scoring.items or [i.id for i in items if i.scored])
    _check_names(spec, items, by_id, scored_ids, where)
    bands = tuple(
        Band(
            id=b.id,
            level=b.level,
            minimum=b.min,
            maximum=b.max,
            label=_text(b.label),
            meaning=_text(b.meaning),
            use=b.use,
        )
        for b in spec.scoring.bands
    )
    instrument = _instrument(spec, items, by_id, scored_ids, bands, where)
    _check_bands(bands, instrument.min_total, instrument.max_total, where)
    return instrument


def _items(spec: InstrumentSpec, where: str, items_from: dict[str, Instrument]) -> tuple[Item, ...]:
    """The questions: the file's own, or (`derived_from`) the parent's that it names."""
    given_ids = all(isinstance(i, str) for i in spec.items)
    if spec.derived_from:
        parent = items_from.get(spec.derived_from)
        if parent is None:
            raise InstrumentFileError(f"{where}: derived_from {spec.derived_from!r} is not loaded")
        if not given_ids:
            raise InstrumentFileError(f"{where}: a derived_from instrument lists item ids")
        return tuple(parent.items_by_id[i] for i in spec.items)
    if any(isinstance(i, str) for i in spec.items):
        raise InstrumentFileError(f"{where}: every item needs an id")
    return tuple(_item(i, spec.option_sets, f"{where} item {i.id}") for i in spec.items)


def _item(spec: ItemSpec, option_sets: dict[str, list[OptionSpec]], where: str) -> Item:
    options: tuple[Option, ...] = ()
    if spec.kind == "choice":
        listed = option_sets.get(spec.options) if isinstance(spec.options, str) else spec.options
        if not listed:
            raise InstrumentFileError(f"{where}: a choice item needs options")
        options = tuple(Option(code=o.code, score=o.score, text=_text(o.text)) for o in listed)
        if len({o.code for o in options}) != len(options):
            raise InstrumentFileError(f"{where}: option codes must be unique")
    return Item(
        id=spec.id,
        text=_text(spec.text),
        kind=spec.kind,
        options=options,
        minimum=spec.minimum,
        maximum=spec.maximum,
        scored=spec.scored,
        reverse=spec.reverse,
        hint=_optional_text(spec.hint),
        part=_optional_text(spec.part),
        ask_if=Condition(tuple(spec.ask_if.any_above_zero)) if spec.ask_if else None,
    )


def _check_names(
    spec: InstrumentSpec,
    items: tuple[Item, ...],
    by_id: dict[str, Item],
    scored_ids: tuple[str, ...],
    where: str,
) -> None:
    """Every id the file names elsewhere is one of its items, asked before it is needed."""
    if not items or len(by_id) != len(items):
        raise InstrumentFileError(f"{where}: needs items with unique ids")
    for position, item in enumerate(items):
        earlier = {i.id for i in items[:position]}
        if item.ask_if and not set(item.ask_if.any_above_zero) <= earlier:
            raise InstrumentFileError(f"{where} item {item.id}: ask_if names a later item")
    if not set(scored_ids) <= set(by_id) or any(not by_id[i].scored for i in scored_ids):
        raise InstrumentFileError(f"{where}: scoring.items must name scored items")
    use_items = spec.scoring.use_items
    if not set(use_items) <= set(by_id) or (
        any(b.use is not None for b in spec.scoring.bands) and not use_items
    ):
        raise InstrumentFileError(f"{where}: bands that depend on use need scoring.use_items")
    if not set(spec.dependence_items) <= set(by_id):
        raise InstrumentFileError(f"{where}: dependence_items must name items")
    # A typo here must not silently switch a safety warning off.
    for pattern in spec.heavy_daily_use:
        for item_id, codes in pattern.items():
            item = by_id.get(item_id)
            if item is None or not codes or any(item.option(c) is None for c in codes):
                raise InstrumentFileError(
                    f"{where}: heavy_daily_use names an unknown item or answer: {item_id}"
                )


def _instrument(
    spec: InstrumentSpec,
    items: tuple[Item, ...],
    by_id: dict[str, Item],
    scored_ids: tuple[str, ...],
    bands: tuple[Band, ...],
    where: str,
) -> Instrument:
    return Instrument(
        id=spec.id,
        version=spec.version,
        title=_text(spec.title),
        short_title=_text(spec.short_title),
        summary=_text(spec.summary),
        audience=spec.audience,
        validated=spec.validated,
        min_age=spec.ages.min,
        max_age=spec.ages.max,
        substances=tuple(spec.substances),
        time_frame=_text(spec.time_frame),
        intro=_text(spec.intro),
        items=items,
        scored_item_ids=scored_ids,
        bands=bands,
        notes=tuple(
            Note(id=n.id, only_from_items=tuple(n.only_from_items), text=_text(n.text))
            for n in spec.scoring.notes
        ),
        total_codes=tuple(dict(c) for c in spec.total_codes),
        references=tuple(Reference(text=r.text, url=r.url) for r in spec.references),
        licence=_text(spec.licence),
        attribution=_text(spec.attribution),
        spanish_source=spec.spanish.source,
        spanish_note=_text(spec.spanish.note),
        sex_specific=any(len(set(b.minimum.values())) > 1 for b in bands),
        enabled_setting=spec.enabled_setting,
        derived_from=spec.derived_from,
        not_validated_note=_optional_text(spec.not_validated_note),
        use_items=tuple(spec.scoring.use_items),
        dependence_items=tuple(spec.dependence_items),
        heavy_daily_use=tuple(
            {item_id: tuple(codes) for item_id, codes in pattern.items()}
            for pattern in spec.heavy_daily_use
        ),
        countries=tuple(spec.countries),
        not_countries=tuple(spec.not_countries),
        drink=_optional_text(spec.drink),
        items_by_id=by_id,
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
