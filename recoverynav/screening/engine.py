"""The scoring engine: pure functions over an instrument's data, the same for every instrument.

Answers map item ids to an option code (choice items) or a whole number (number items). Items
that the instrument skips given the other answers are not asked; answers to them are ignored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from recoverynav.screening.definitions import SEXES, Band, Instrument, Item, Note


class InvalidAnswers(ValueError):
    """Some answers are missing or not allowed; `problems` maps each item id to the reason."""

    def __init__(self, instrument_id: str, problems: dict[str, str]) -> None:
        self.instrument_id = instrument_id
        self.problems = problems
        detail = "; ".join(f"{item}: {reason}" for item, reason in problems.items())
        super().__init__(f"Invalid answers for {instrument_id}: {detail}")


@dataclass(frozen=True)
class Result:
    instrument: Instrument
    total: int
    band: Band
    item_points: dict[str, int]
    notes: tuple[Note, ...]
    sex: str | None
    answers: dict[str, int | str] = field(default_factory=dict, compare=False)

    @property
    def level(self) -> str:
        return self.band.level

    @property
    def max_total(self) -> int:
        return self.instrument.max_total


def _value(item: Item, answer: object) -> int | str | None:
    """The answer in its clean form, or None when it is not an allowed answer for `item`."""
    if item.kind == "choice":
        return answer if isinstance(answer, str) and item.option(answer) else None
    if isinstance(answer, bool):
        return None
    if isinstance(answer, str) and answer.strip().isdigit():
        answer = int(answer.strip())
    if isinstance(answer, int) and item.minimum <= answer <= item.maximum:
        return answer
    return None


def _magnitude(item: Item, value: int | str) -> int:
    """What skip conditions look at: an option's score, or the number given."""
    if item.kind == "number":
        return int(value)
    option = item.option(str(value))
    return option.score if option else 0


def is_asked(instrument: Instrument, item: Item, answers: Mapping[str, object]) -> bool:
    """Whether `item` is asked, given the (already cleaned) answers to earlier items."""
    if item.ask_if is None:
        return True
    for other_id in item.ask_if.any_above_zero:
        other = instrument.items_by_id[other_id]
        value = answers.get(other_id)
        if (
            value is not None
            and is_asked(instrument, other, answers)
            and _magnitude(other, value) > 0
        ):
            return True
    return False


def asked_items(instrument: Instrument, answers: Mapping[str, object]) -> list[Item]:
    """The items a person is asked, in order, given the answers so far."""
    cleaned = clean_answers(instrument, answers)
    return [item for item in instrument.items if is_asked(instrument, item, cleaned)]


def clean_answers(instrument: Instrument, answers: Mapping[str, object]) -> dict[str, int | str]:
    """The answers that are allowed for their items; anything else is dropped."""
    cleaned: dict[str, int | str] = {}
    for item in instrument.items:
        if item.id in answers:
            value = _value(item, answers[item.id])
            if value is not None:
                cleaned[item.id] = value
    return cleaned


def item_points(item: Item, value: int | str) -> int:
    """Points for one answer; a reverse-scored item counts from the other end of its scale."""
    if not item.scored:
        return 0
    option = item.option(str(value))
    if option is None:
        return 0
    if item.reverse:
        return item.max_points + item.min_points - option.score
    return option.score


def validate(instrument: Instrument, answers: Mapping[str, object]) -> dict[str, int | str]:
    """Clean answers for every asked item, or raise `InvalidAnswers` saying what is wrong."""
    problems: dict[str, str] = {}
    unknown = sorted(set(answers) - set(instrument.items_by_id))
    for item_id in unknown:
        problems[item_id] = "not a question in this instrument"
    cleaned = clean_answers(instrument, answers)
    for item in instrument.items:
        if not is_asked(instrument, item, cleaned):
            continue
        if item.id not in answers:
            problems[item.id] = "missing answer"
        elif item.id not in cleaned:
            problems[item.id] = _allowed(item)
    if problems:
        raise InvalidAnswers(instrument.id, problems)
    return {
        k: v for k, v in cleaned.items() if is_asked(instrument, instrument.items_by_id[k], cleaned)
    }


def _allowed(item: Item) -> str:
    if item.kind == "number":
        return f"must be a whole number from {item.minimum} to {item.maximum}"
    return "must be one of " + ", ".join(o.code for o in item.options)


def score(
    instrument: Instrument, answers: Mapping[str, object], *, sex: str | None = None
) -> Result:
    """Total, band and notes for a complete set of answers. Raises `InvalidAnswers`.

    `sex` ("male" or "female") picks sex-specific cut-offs; None uses the more careful one.
    """
    if sex not in (None, *SEXES):
        raise InvalidAnswers(instrument.id, {"sex": "must be male, female or left out"})
    cleaned = validate(instrument, answers)
    points = {
        item_id: item_points(instrument.items_by_id[item_id], cleaned[item_id])
        for item_id in instrument.scored_item_ids
        if item_id in cleaned
    }
    total = sum(points.values())
    band = next(
        b for b in instrument.bands if b.contains(total, sex, use=reports_use(instrument, cleaned))
    )
    notes = tuple(
        note
        for note in instrument.notes
        if total > 0 and sum(p for i, p in points.items() if i in note.only_from_items) == total
    )
    return Result(
        instrument=instrument,
        total=total,
        band=band,
        item_points=points,
        notes=notes,
        sex=sex,
        answers=cleaned,
    )


def reports_use(instrument: Instrument, answers: Mapping[str, object]) -> bool:
    """Whether an answer to one of the instrument's use items (CRAFFT Part A) is above zero."""
    return any(
        item_id in answers and _magnitude(instrument.items_by_id[item_id], answers[item_id]) > 0
        for item_id in instrument.use_items
    )


def shows_dependence(result: Result) -> bool:
    """Whether an answer counted as a sign of dependence (AUDIT items 4-6, DAST item 9, signs
    10-11) is above zero, or the answers show daily or near-daily heavy drinking (AUDIT and
    USAUDIT `heavy_daily_use`): the rule for the withdrawal warning."""
    instrument = result.instrument
    sign = any(
        item_id in result.answers
        and _magnitude(instrument.items_by_id[item_id], result.answers[item_id]) > 0
        for item_id in instrument.dependence_items
    )
    heavy_daily = any(
        all(str(result.answers.get(item_id)) in codes for item_id, codes in pattern.items())
        for pattern in instrument.heavy_daily_use
    )
    return sign or heavy_daily
