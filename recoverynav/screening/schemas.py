"""The shapes of the self-check's API: the instruments as /api/v1/screening answers them,
the scoring body (one per instrument, built from its definition) and the result (the
operations are in api.py)."""

from typing import Annotated, Literal, Union

from django.urls import reverse
from django.utils import translation
from ninja import Field, Schema
from pydantic import BaseModel, ConfigDict, create_model

from recoverynav.api.links import AbsoluteUrl
from recoverynav.api.params import json_integer
from recoverynav.screening.definitions import Band, Instrument, Item, Note, Text
from recoverynav.screening.engine import Result
from recoverynav.screening.forms import SUBSTANCES
from recoverynav.screening.guidance import NextSteps, Step
from recoverynav.screening.selectors import list_instruments

Substance = Literal[tuple(code for code, _label in SUBSTANCES)]  # type: ignore[valid-type]


def fhir_questionnaire_path(instrument_id: str) -> str:
    with translation.override("en"):
        return reverse("screening:fhir_questionnaire", args=[instrument_id])


def _words(text: Text | None) -> str:
    return str(text) if text else ""


class OptionOut(Schema):
    code: str
    score: int
    text: str

    @staticmethod
    def resolve_text(obj: object) -> str:
        return _words(obj.text)


class ItemOut(Schema):
    id: str
    kind: Literal["choice", "number"]
    text: str
    hint: str
    part: str
    options: list[OptionOut]
    minimum: int
    maximum: int
    scored: bool
    reverse: bool
    ask_if_any_above_zero: list[str] = Field(
        description="Ask this item only when one of these items was answered above zero."
    )

    @staticmethod
    def resolve_text(obj: Item) -> str:
        return _words(obj.text)

    @staticmethod
    def resolve_hint(obj: Item) -> str:
        return _words(obj.hint)

    @staticmethod
    def resolve_part(obj: Item) -> str:
        return _words(obj.part)

    @staticmethod
    def resolve_ask_if_any_above_zero(obj: Item) -> list[str]:
        return list(obj.ask_if.any_above_zero) if obj.ask_if else []


class BandOut(Schema):
    id: str
    level: str
    minimum: dict[str, int] = Field(description="Lowest total, by sex (male, female, default).")
    maximum: dict[str, int] = Field(description="Highest total, by sex (male, female, default).")
    label: str
    meaning: str

    @staticmethod
    def resolve_label(obj: Band) -> str:
        return _words(obj.label)

    @staticmethod
    def resolve_meaning(obj: Band) -> str:
        return _words(obj.meaning)


class NoteOut(Schema):
    id: str
    text: str

    @staticmethod
    def resolve_text(obj: Note) -> str:
        return _words(obj.text)


class ReferenceOut(Schema):
    text: str
    url: str


class InstrumentSummaryOut(Schema):
    id: str
    version: str
    title: str
    short_title: str
    summary: str
    audience: Literal["self", "other"]
    validated: bool
    min_age: int
    max_age: int | None
    substances: list[str]
    derived_from: str
    url: AbsoluteUrl
    fhir_questionnaire_url: AbsoluteUrl
    page_url: AbsoluteUrl

    @staticmethod
    def resolve_title(obj: Instrument) -> str:
        return _words(obj.title)

    @staticmethod
    def resolve_short_title(obj: Instrument) -> str:
        return _words(obj.short_title)

    @staticmethod
    def resolve_summary(obj: Instrument) -> str:
        return _words(obj.summary)

    @staticmethod
    def resolve_url(obj: Instrument) -> str:
        return f"/api/v1/screening/instruments/{obj.id}"

    @staticmethod
    def resolve_fhir_questionnaire_url(obj: Instrument) -> str:
        return fhir_questionnaire_path(obj.id)

    @staticmethod
    def resolve_page_url(obj: Instrument) -> str:
        return reverse("screening:start")


class InstrumentOut(InstrumentSummaryOut):
    time_frame: str
    intro: str
    items: list[ItemOut]
    scored_item_ids: list[str]
    min_total: int
    max_total: int
    sex_specific: bool
    bands: list[BandOut]
    notes: list[NoteOut]
    references: list[ReferenceOut]
    licence: str
    attribution: str

    @staticmethod
    def resolve_time_frame(obj: Instrument) -> str:
        return _words(obj.time_frame)

    @staticmethod
    def resolve_intro(obj: Instrument) -> str:
        return _words(obj.intro)

    @staticmethod
    def resolve_licence(obj: Instrument) -> str:
        return _words(obj.licence)

    @staticmethod
    def resolve_attribution(obj: Instrument) -> str:
        return _words(obj.attribution)


class InstrumentListOut(Schema):
    instruments: list[InstrumentSummaryOut]


def _positive(item: Item) -> dict:
    """JSON Schema for an answer that counts as "above zero" in a skip rule."""
    if item.kind == "number":
        return {"type": "integer", "minimum": 1}
    return {"enum": [option.code for option in item.options if option.score > 0]}


def _asked_when(instrument: Instrument, item: Item) -> dict | None:
    """JSON Schema that holds exactly when the engine asks `item` (engine.is_asked): some
    trigger was itself asked and answered above zero. None: always asked."""
    if item.ask_if is None:
        return None
    branches = []
    for trigger_id in item.ask_if.any_above_zero:
        trigger = instrument.items_by_id[trigger_id]
        answered = {"required": [trigger_id], "properties": {trigger_id: _positive(trigger)}}
        asked = _asked_when(instrument, trigger)
        branches.append({"allOf": [asked, answered]} if asked else answered)
    return {"anyOf": branches}


def _answers_model(instrument: Instrument) -> type[BaseModel]:
    """The answers one instrument takes, item by item, so that the schema says exactly which
    bodies are scored: a choice item's option codes, a number item's range, no other items,
    and a follow-up item required exactly when the earlier answers make it asked."""
    fields: dict = {}
    follow_ups = []
    for item in instrument.items:
        if item.kind == "choice":
            kind: object = Literal[tuple(option.code for option in item.options)]
        else:
            kind = json_integer(ge=item.minimum, le=item.maximum)
        asked = _asked_when(instrument, item)
        if asked is None:
            fields[item.id.replace("-", "_")] = (kind, Field(alias=item.id))
        else:
            fields[item.id.replace("-", "_")] = (
                kind,
                Field(None, alias=item.id, json_schema_extra=_no_default),
            )
            follow_ups.append({"if": asked, "then": {"required": [item.id]}})
    extra = {"allOf": follow_ups} if follow_ups else None
    config = ConfigDict(extra="forbid", json_schema_extra=extra)
    return create_model(f"{_camel(instrument.id)}Answers", __config__=config, **fields)


def _no_default(schema: dict) -> None:
    schema.pop("default", None)


def _camel(instrument_id: str) -> str:
    return "".join(part.capitalize() for part in instrument_id.split("-"))


class ScoreBase(Schema):
    # Only these fields, as the answers take only their items: the schema then says which
    # bodies are valid (a NUL hidden in an unknown field is refused, as everywhere).
    model_config = ConfigDict(extra="forbid")

    sex: Literal["male", "female"] | None = Field(
        None, description="Picks sex-specific cut-offs; leave out for the more careful one."
    )
    substances: list[Substance] | None = Field(
        None,
        max_length=len(SUBSTANCES),
        description="For the next steps; default: the substances the instrument is about.",
    )


def _score_model(instrument: Instrument) -> type[ScoreBase]:
    return create_model(
        f"Score{_camel(instrument.id)}In",
        __base__=ScoreBase,
        instrument=(Literal[instrument.id], Field(description="The instrument's id.")),
        answers=(_answers_model(instrument), Field(description="Item id → option code or number.")),
    )


# One body per instrument, told apart by `instrument`. Built when the API loads, from the
# instruments switched on then.
ScoreIn = Annotated[
    Union[tuple(_score_model(i) for i in list_instruments())],  # noqa: UP007
    Field(discriminator="instrument"),
]


class ResultOut(Schema):
    instrument: str
    total: int
    max_total: int
    level: str
    band: BandOut
    notes: list[NoteOut]

    @staticmethod
    def resolve_instrument(obj: Result) -> str:
        return obj.instrument.id


class StepOut(Schema):
    title: str
    text: str
    url: AbsoluteUrl
    suggested: bool

    @staticmethod
    def resolve_title(obj: Step) -> str:
        return _words(obj.title)

    @staticmethod
    def resolve_text(obj: Step) -> str:
        return _words(obj.text)


class NextStepsOut(Schema):
    care: list[StepOut] = Field(
        description="Kinds of next step a screen can support; `suggested` marks the usual one "
        "after this result (never a level of care)."
    )
    withdrawal_warning: str = Field(
        description="Shown only when an answer showed a sign of dependence; else empty."
    )
    opioid_safety: list[str] = Field(
        description="Overdose safety points when opioids were chosen (naloxone, tolerance, "
        "never alone); else empty."
    )
    medications: list[StepOut]
    groups: list[StepOut]
    # A link that is missing stays "" (AbsoluteUrl keeps it empty).
    meetings_url: AbsoluteUrl
    treatment_url: AbsoluteUrl = Field(
        description="The treatment finder, with the result's filters."
    )
    guide_url: AbsoluteUrl

    @staticmethod
    def resolve_withdrawal_warning(obj: NextSteps) -> str:
        warning = obj.withdrawal_warning
        return f"{warning.heading} {warning.text}" if warning else ""

    @staticmethod
    def resolve_opioid_safety(obj: NextSteps) -> list[str]:
        return [str(point) for point in obj.opioid_safety.points] if obj.opioid_safety else []


class ScoreOut(Schema):
    level: str
    results: list[ResultOut]
    next_steps: NextStepsOut
