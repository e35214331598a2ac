"""Self-check instruments and stateless scoring for the JSON API (mounted at
/api/v1/screening). Answers come in a POST body, are scored by the same engine as the pages
and are neither stored nor logged; responses are never cached."""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext
from ninja import Path, Router

from recoverynav.api.errors import (
    ERROR_RESPONSES,
    ERROR_RESPONSES_404,
    ApiError,
    BadParameter,
    NotFound,
)
from recoverynav.api.params import LanguageQuery, use_language
from recoverynav.screening.definitions import Instrument
from recoverynav.screening.engine import InvalidAnswers
from recoverynav.screening.guidance import next_steps
from recoverynav.screening.schemas import (
    InstrumentListOut,
    InstrumentOut,
    ScoreIn,
    ScoreOut,
    fhir_questionnaire_path,
)
from recoverynav.screening.selectors import (
    UnknownInstrument,
    dependence_substances,
    get_instrument,
    highest_level,
    list_instruments,
    results_for,
)

router = Router(tags=["screening"])
INSTRUMENT_ID = r"^[a-z0-9][a-z0-9-]{0,49}$"


def links() -> dict[str, str]:
    """The instruments, and each one's FHIR Questionnaire (served by the screening app)."""
    found = {"screening_instruments": "/api/v1/screening/instruments"}
    for instrument in list_instruments():
        found[f"fhir_questionnaire_{instrument.id}"] = fhir_questionnaire_path(instrument.id)
    return found


LINKS = links


def _no_such_instrument(instrument_id: str) -> str:
    return gettext("There is no self-check called “%(id)s”.") % {"id": instrument_id}


def _instrument_or_404(instrument_id: str) -> Instrument:
    try:
        return get_instrument(instrument_id)
    except UnknownInstrument as error:
        raise NotFound(_no_such_instrument(instrument_id)) from error


@router.get(
    "/instruments",
    response={200: InstrumentListOut, **ERROR_RESPONSES},
    summary="Self-check instruments",
)
def instrument_list(request: HttpRequest, lang: LanguageQuery = None) -> dict:
    """Every instrument the self-check offers, in its order, with its FHIR Questionnaire."""
    use_language(request, lang)
    return {"instruments": list_instruments()}


@router.get(
    "/instruments/{instrument_id}",
    response={200: InstrumentOut, **ERROR_RESPONSES_404},
    summary="One instrument's definition",
)
def instrument_detail(
    request: HttpRequest,
    instrument_id: str = Path(..., pattern=INSTRUMENT_ID, description="e.g. audit"),
    lang: LanguageQuery = None,
) -> Instrument:
    """Questions, options with their scores, skip rules, bands and sources: enough to ask the
    questions in another app and score them here."""
    use_language(request, lang)
    return _instrument_or_404(instrument_id)


@router.post(
    "/score",
    response={200: ScoreOut, **ERROR_RESPONSES},
    summary="Score answers (nothing is kept)",
)
def score_answers(
    request: HttpRequest, response: HttpResponse, body: ScoreIn, lang: LanguageQuery = None
) -> dict:
    """Answers in; total, band and next steps out, as on the result page. An instrument that
    others derive from (the AUDIT gives the AUDIT-C) returns those results too."""
    use_language(request, lang)
    try:
        instrument = get_instrument(body.instrument)
        results = results_for(
            answers={instrument.id: body.answers.model_dump(by_alias=True, exclude_unset=True)},
            instrument_ids=[instrument.id],
            sex=body.sex,
        )
    except UnknownInstrument as error:
        raise BadParameter(
            "instrument", _no_such_instrument(body.instrument), location="body"
        ) from error
    except InvalidAnswers as error:
        raise ApiError(
            "invalid_answers",
            gettext("Some answers are missing or not allowed."),
            errors=[
                {"loc": ["body", "answers", item], "msg": reason}
                for item, reason in error.problems.items()
            ],
        ) from error
    level = highest_level(results)
    substances = list(body.substances or instrument.substances)
    response["Cache-Control"] = "no-store"
    return {
        "level": level,
        "results": results,
        "next_steps": next_steps(
            level=level,
            substances=substances,
            audience=instrument.audience,
            dependence=dependence_substances(results, substances),
        ),
    }
