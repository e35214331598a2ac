"""Reads shared by the self-check pages and the API: instruments, scoring, who gets which."""

import functools

from django.conf import settings

from recoverynav.screening.definitions import Instrument, load_instruments
from recoverynav.screening.engine import InvalidAnswers, Result, score, shows_dependence
from recoverynav.screening.instrument_file import LEVELS

__all__ = [
    "AGE_BANDS",
    "InvalidAnswers",
    "Result",
    "UnknownInstrument",
    "get_instrument",
    "instruments_for",
    "list_instruments",
    "results_for",
    "score",
]

# (lowest age, highest age or None) for each age band offered on the start page.
AGE_BANDS: dict[str, tuple[int, int | None]] = {
    "12-17": (12, 17),
    "18-20": (18, 20),
    "21-64": (21, 64),
    "65+": (65, None),
}


class UnknownInstrument(LookupError):
    """No instrument has this id, or the operator switched it off."""


@functools.cache
def _instruments() -> dict[str, Instrument]:
    return load_instruments()


def is_enabled(instrument: Instrument) -> bool:
    return not instrument.enabled_setting or bool(
        getattr(settings, instrument.enabled_setting, True)
    )


def list_instruments(*, enabled_only: bool = True) -> list[Instrument]:
    """Every instrument in display order; switched-off ones only when asked for."""
    return [i for i in _instruments().values() if is_enabled(i) or not enabled_only]


def get_instrument(instrument_id: str) -> Instrument:
    """The enabled instrument with this id, or `UnknownInstrument`."""
    instrument = _instruments().get(instrument_id)
    if instrument is None or not is_enabled(instrument):
        raise UnknownInstrument(f"There is no self-check called {instrument_id!r}.")
    return instrument


def _fits_age(instrument: Instrument, age_band: str) -> bool:
    low, high = AGE_BANDS[age_band]
    if instrument.min_age > low:
        return False
    return instrument.max_age is None or (high is not None and high <= instrument.max_age)


def _fits_country(instrument: Instrument, country: str) -> bool:
    if instrument.countries and country not in instrument.countries:
        return False
    return country not in instrument.not_countries


def instruments_for(
    *, audience: str, substances: list[str], age_band: str, country: str = ""
) -> list[str]:
    """Which checks to ask: validated ones that fit the age, country and substances, else the
    signs check.

    An instrument made for an age group (one with an upper age, like the CRAFFT) is preferred
    over general ones. The country picks the alcohol check whose "drink" is that country's
    standard drink (USAUDIT in the US, the WHO AUDIT elsewhere). Substances that no validated
    check covers get the signs check.
    """
    country = country or settings.DEFAULT_COUNTRY
    candidates = [
        i
        for i in list_instruments()
        if i.audience == audience
        and not i.derived_from
        and _fits_age(i, age_band)
        and _fits_country(i, country)
    ]
    validated = [i for i in candidates if i.validated]
    if any(i.max_age is not None for i in validated):
        validated = [i for i in validated if i.max_age is not None]
    chosen = [i for i in validated if set(i.substances) & set(substances)]
    covered = {s for i in chosen for s in i.substances}
    if not chosen or set(substances) - covered:
        chosen += [i for i in candidates if not i.validated][:1]
    return [i.id for i in chosen]


def results_for(
    *, answers: dict[str, dict[str, object]], instrument_ids: list[str], sex: str | None
) -> list[Result]:
    """Score each answered instrument, followed by the instruments derived from it (AUDIT-C)."""
    results = []
    for instrument_id in instrument_ids:
        instrument = get_instrument(instrument_id)
        results.append(score(instrument, answers.get(instrument_id, {}), sex=sex))
        for derived in list_instruments():
            if derived.derived_from == instrument_id:
                subset = {
                    k: v
                    for k, v in answers.get(instrument_id, {}).items()
                    if k in derived.items_by_id
                }
                results.append(score(derived, subset, sex=sex))
    return results


def highest_level(results: list[Result]) -> str:
    """The result level that decides the next steps: the highest of the instruments answered.

    A sub-score read from another instrument's answers (the AUDIT-C from the AUDIT) never
    decides: the full instrument's zone does."""
    answered = {r.instrument.id for r in results}
    deciding = [r for r in results if r.instrument.derived_from not in answered]
    return max((r.level for r in deciding), key=LEVELS.index, default=LEVELS[0])


def headline(results: list[Result]) -> Result | None:
    """The one result the page leads with: the deciding result with the highest level (the
    first of equals, in the order the checks were asked)."""
    answered = {r.instrument.id for r in results}
    deciding = [r for r in results if r.instrument.derived_from not in answered]
    return max(deciding, key=lambda r: LEVELS.index(r.level), default=None)


def dependence_substances(results: list[Result], substances: list[str]) -> set[str]:
    """The chosen substances for which an answer showed a sign of dependence (the rule for the
    withdrawal warning: AUDIT/USAUDIT items 4-6 above zero, DAST-10 item 9 or signs 10-11
    "yes"). A check about alcohol only counts for alcohol; a drug check for the drugs chosen."""
    found: set[str] = set()
    for result in results:
        if shows_dependence(result):
            found |= set(result.instrument.substances) & set(substances)
    return found
