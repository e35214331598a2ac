"""The self-check's progress, carried between pages in a signed token inside the form.

Nothing is kept on the server: each page receives the token in a POST body, checks its
signature, and sends an updated token on. The steps are the safety question, then the asked
items of each chosen instrument, then "check your answers".
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from django.core import signing

from recoverynav.screening.engine import asked_items
from recoverynav.screening.selectors import get_instrument

SALT = "recoverynav.screening.flow"
# Long enough to answer slowly or step away; short enough that an old page cannot be replayed.
MAX_AGE_SECONDS = 3 * 60 * 60
SAFETY = "safety"
CHECK = "check"


class BadToken(Exception):
    """The token was changed, is too old, or does not describe a self-check."""


@dataclass
class FlowState:
    audience: str
    substances: list[str]
    age_band: str
    sex: str
    instruments: list[str]
    answers: dict[str, dict[str, int | str]] = field(default_factory=dict)
    safety: str = ""
    at: str = SAFETY
    country: str = ""


def dumps(state: FlowState) -> str:
    return signing.dumps(asdict(state), salt=SALT, compress=True)


def loads(token: str) -> FlowState:
    """The state in `token`, or `BadToken` when it was tampered with, expired or is malformed."""
    try:
        raw = signing.loads(token, salt=SALT, max_age=MAX_AGE_SECONDS)
        state = FlowState(**raw)
        for instrument_id in state.instruments:
            get_instrument(instrument_id)
    except (signing.BadSignature, TypeError, LookupError) as error:
        raise BadToken(str(error)) from error
    return state


def step_key(instrument_id: str, item_id: str) -> str:
    return f"{instrument_id}:{item_id}"


def steps(state: FlowState) -> list[str]:
    """Every step the person is asked, in order, given their answers so far."""
    keys = [SAFETY]
    for instrument_id in state.instruments:
        answers = state.answers.get(instrument_id, {})
        for item in asked_items(get_instrument(instrument_id), answers):
            keys.append(step_key(instrument_id, item.id))
    return keys


def is_answered(state: FlowState, key: str) -> bool:
    if key == SAFETY:
        return bool(state.safety)
    instrument_id, item_id = key.split(":", 1)
    return item_id in state.answers.get(instrument_id, {})


def next_step(state: FlowState) -> str:
    """The first question still unanswered, or the check-your-answers page."""
    return next((key for key in steps(state) if not is_answered(state, key)), CHECK)


def previous_step(state: FlowState) -> str | None:
    """The step before the current one; None before the first (back to the start page)."""
    keys = steps(state)
    if state.at == CHECK:
        return keys[-1]
    if state.at not in keys:
        return None
    position = keys.index(state.at)
    return keys[position - 1] if position else None


def record(state: FlowState, value: int | str) -> None:
    """Store the answer to the current step, then drop answers to items no longer asked."""
    if state.at == SAFETY:
        state.safety = str(value)
        return
    instrument_id, item_id = state.at.split(":", 1)
    answers = {**state.answers.get(instrument_id, {}), item_id: value}
    asked = {i.id for i in asked_items(get_instrument(instrument_id), answers)}
    state.answers[instrument_id] = {k: v for k, v in answers.items() if k in asked}


def position(state: FlowState) -> tuple[int, int, bool]:
    """(3, 11, True) for "Question 3 of up to 11". The total is the most questions the chosen
    checks can ask, so it never changes as answers skip questions; `up_to` says whether skip
    rules may ask fewer."""
    keys = steps(state)
    number = keys.index(state.at) + 1 if state.at in keys else len(keys)
    instruments = [get_instrument(i) for i in state.instruments]
    most = 1 + sum(len(i.items) for i in instruments)
    up_to = any(item.ask_if for i in instruments for item in i.items)
    return number, most, up_to


def add_instrument(state: FlowState, instrument_id: str) -> None:
    get_instrument(instrument_id)
    if instrument_id not in state.instruments:
        state.instruments.append(instrument_id)
