"""The self-check pages. Answers travel only inside the signed form token, always by POST.

The flow views are exempt from CSRF on purpose: they change nothing on the server and need no
cookie, so a visitor leaves no trace, and a forged submission could only show a stranger's
answers back to the person who forged it.
"""

import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from recoverynav.hotlines.selectors import (
    countries_with_hotlines,
    country_code_for_request,
    country_with_hotlines,
)
from recoverynav.screening import flow as steps
from recoverynav.screening.engine import InvalidAnswers, is_asked
from recoverynav.screening.fhir import CONTENT_TYPE, questionnaire, questionnaire_response
from recoverynav.screening.forms import SafetyForm, StartForm, answer_form
from recoverynav.screening.guidance import next_steps
from recoverynav.screening.selectors import (
    UnknownInstrument,
    dependence_substances,
    get_instrument,
    headline,
    highest_level,
    instruments_for,
    list_instruments,
    results_for,
)


def _country_code(request: HttpRequest) -> str:
    return country_code_for_request(request, {c.code for c in countries_with_hotlines()})


def _country(request: HttpRequest):
    return country_with_hotlines(_country_code(request))


@never_cache
@require_GET
def start(request: HttpRequest) -> HttpResponse:
    return render(request, "screening/start.html", {"form": StartForm()})


@never_cache
@require_GET
def about(request: HttpRequest) -> HttpResponse:
    return render(request, "screening/about.html", {"instruments": list_instruments()})


@csrf_exempt
@require_http_methods(["GET", "POST"])
def flow(request: HttpRequest) -> HttpResponse:
    """Every step of the self-check. Never cached anywhere, except the result page, which says
    `private, no-cache` itself (see `_results`)."""
    response = _flow(request)
    if not response.has_header("Cache-Control"):
        add_never_cache_headers(response)
    return response


def _flow(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":  # a bookmark or a reload: answers are never in a URL
        return start(request)
    if "token" not in request.POST:
        return _begin(request)
    try:
        state = steps.loads(request.POST["token"])
    except steps.BadToken:
        return render(request, "screening/problem.html", status=400)
    action = request.POST.get("action", "answer")
    if action == "back":
        previous = steps.previous_step(state)
        if previous is None:
            return _start_again(request, state)
        state.at = previous
    elif action.startswith("change:") and action[7:] in steps.steps(state):
        state.at = action[7:]
    elif action == "results" and steps.next_step(state) == steps.CHECK:
        return _results(request, state)
    elif action == "add-signs" and state.audience == "self":
        steps.add_instrument(state, "signs")
        state.at = steps.next_step(state)
    elif action == "all":
        return _answer_all(request, state)
    elif action == "answer" and state.at != steps.CHECK:
        return _answer(request, state)
    return _show(request, state)


def _begin(request: HttpRequest) -> HttpResponse:
    form = StartForm(request.POST)
    if not form.is_valid():
        return render(request, "screening/start.html", {"form": form})
    data = form.cleaned_data
    country = _country_code(request)
    state = steps.FlowState(
        audience=data["audience"],
        substances=data["substances"],
        age_band=data["age_band"],
        sex=data["sex"],
        instruments=instruments_for(
            audience=data["audience"],
            substances=data["substances"],
            age_band=data["age_band"],
            country=country,
        ),
        country=country,
    )
    if request.POST.get("layout") == "single":
        return _show_all(request, state)
    return _show(request, state)


def _all_forms(state: steps.FlowState, data: dict | None) -> tuple[object, list[dict]]:
    """The safety form and one form per item of every chosen instrument, all on one page."""
    safety = SafetyForm(data=data, prefix=steps.SAFETY, audience=state.audience)
    blocks = []
    for instrument_id in state.instruments:
        instrument = get_instrument(instrument_id)
        answers: dict = {}
        for item in instrument.items:
            key = steps.step_key(instrument_id, item.id)
            form = answer_form(item, data=data, prefix=key)
            asked = is_asked(instrument, item, answers)
            if data is not None and asked and form.is_valid():
                answers[item.id] = form.cleaned_data["answer"]
            blocks.append({"instrument": instrument, "item": item, "form": form, "asked": asked})
        state.answers[instrument_id] = answers
    return safety, blocks


def _show_all(request: HttpRequest, state: steps.FlowState, data: dict | None = None):
    safety, blocks = _all_forms(state, data)
    context = {"token": steps.dumps(state), "safety": safety, "blocks": blocks}
    return render(request, "screening/single.html", context)


def _answer_all(request: HttpRequest, state: steps.FlowState) -> HttpResponse:
    """The one-page form (built by JavaScript's request): every asked item must be valid."""
    safety, blocks = _all_forms(state, request.POST)
    invalid = not safety.is_valid() or any(b["asked"] and not b["form"].is_valid() for b in blocks)
    if invalid:
        context = {"token": steps.dumps(state), "safety": safety, "blocks": blocks}
        return render(request, "screening/single.html", context)
    state.safety = safety.cleaned_data["answer"]
    return _results(request, state)


def _start_again(request: HttpRequest, state: steps.FlowState) -> HttpResponse:
    initial = {
        "audience": state.audience,
        "substances": state.substances,
        "age_band": state.age_band,
        "sex": state.sex,
    }
    return render(request, "screening/start.html", {"form": StartForm(initial=initial)})


def _form_for(state: steps.FlowState, data: dict | None = None):
    if state.at == steps.SAFETY:
        return SafetyForm(
            data=data, initial={"answer": state.safety or None}, audience=state.audience
        )
    instrument_id, item_id = state.at.split(":", 1)
    item = get_instrument(instrument_id).items_by_id[item_id]
    return answer_form(item, data=data, initial=state.answers.get(instrument_id, {}).get(item_id))


def _answer(request: HttpRequest, state: steps.FlowState) -> HttpResponse:
    form = _form_for(state, data=request.POST)
    if not form.is_valid():
        return _show(request, state, form=form)
    answered = state.at
    steps.record(state, form.cleaned_data["answer"])
    state.at = steps.next_step(state)
    if answered == steps.SAFETY and state.safety == "yes":
        return render(
            request,
            "screening/safety.html",
            {"token": steps.dumps(state), "country": _country(request), "state": state},
        )
    return _show(request, state)


def _show(request: HttpRequest, state: steps.FlowState, form=None) -> HttpResponse:
    if state.at == steps.CHECK:
        return render(request, "screening/check.html", _check_context(state))
    instrument = None
    if state.at != steps.SAFETY:
        instrument = get_instrument(state.at.split(":", 1)[0])
    number, total, up_to = steps.position(state)
    context = {
        "form": form or _form_for(state),
        "token": steps.dumps(state),
        "instrument": instrument,
        "item": instrument.items_by_id[state.at.split(":", 1)[1]] if instrument else None,
        "number": number,
        "total": total,
        "up_to": up_to,
        "is_safety": instrument is None,
    }
    return render(request, "screening/question.html", context)


def _answer_rows(state: steps.FlowState) -> list[dict]:
    """Every question asked and the answer given, in order, as the person saw them."""
    rows = []
    for key in steps.steps(state):
        if key == steps.SAFETY:
            continue
        instrument_id, item_id = key.split(":", 1)
        instrument = get_instrument(instrument_id)
        item = instrument.items_by_id[item_id]
        value = state.answers[instrument_id][item_id]
        option = item.option(str(value)) if item.kind == "choice" else None
        rows.append(
            {
                "key": key,
                "instrument": instrument,
                "item": item,
                "question": item.full_text(translation.get_language() or "en"),
                "answer": option.text if option else value,
            }
        )
    return rows


def _answer_groups(rows: list[dict]) -> list[dict]:
    groups: list[dict] = []
    for row in rows:
        if not groups or groups[-1]["instrument"] != row["instrument"]:
            groups.append({"instrument": row["instrument"], "rows": []})
        groups[-1]["rows"].append(row)
    return groups


def _check_context(state: steps.FlowState) -> dict:
    return {"rows": _answer_rows(state), "token": steps.dumps(state), "safety": state.safety}


def _results(request: HttpRequest, state: steps.FlowState) -> HttpResponse:
    """The result page. Nothing is kept on the server; the page itself may stay in this
    browser's own cache (`private`), so that Back from a next step shows it again instead of
    asking to send the answers once more."""
    results = results_for(
        answers=state.answers, instrument_ids=state.instruments, sex=state.sex or None
    )
    level = highest_level(results)
    main = headline(results)
    context = {
        "results": results,
        "headline": main,
        "sub_scores": {r.instrument.derived_from: r for r in results if r.instrument.derived_from},
        "level": level,
        "state": state,
        "token": steps.dumps(state),
        "safety": state.safety == "yes",
        "country": _country(request),
        "next": next_steps(
            level=level,
            substances=state.substances,
            audience=state.audience,
            dependence=dependence_substances(results, state.substances),
            age_band=state.age_band,
        ),
        "answer_groups": _answer_groups(_answer_rows(state)),
        "can_add_signs": state.audience == "self" and "signs" not in state.instruments,
        "today": timezone.localdate(),
    }
    response = render(request, "screening/result.html", context)
    response["Cache-Control"] = "private, no-cache"
    return response


def _canonical_url(request: HttpRequest, instrument_id: str) -> str:
    """The Questionnaire's URL in the page's language (/es/… for Spanish): each language's
    wording is its own Questionnaire, so a response points at the words it was given in."""
    path = reverse("screening:fhir_questionnaire", args=[instrument_id])
    return request.build_absolute_uri(path)


@never_cache
@require_GET
def fhir_questionnaire(request: HttpRequest, instrument_id: str) -> JsonResponse:
    try:
        instrument = get_instrument(instrument_id)
    except UnknownInstrument as error:
        raise Http404(str(error)) from error
    document = questionnaire(
        instrument,
        url=_canonical_url(request, instrument.id),
        language=translation.get_language() or "en",
    )
    return JsonResponse(
        document, content_type=CONTENT_TYPE, json_dumps_params={"ensure_ascii": False}
    )


@csrf_exempt
@never_cache
@require_POST
def fhir_response(request: HttpRequest, instrument_id: str) -> HttpResponse:
    """The answers to one instrument as a downloaded QuestionnaireResponse; nothing is kept."""
    try:
        state = steps.loads(request.POST.get("token", ""))
    except steps.BadToken:
        return render(request, "screening/problem.html", status=400)
    try:
        results = results_for(
            answers=state.answers, instrument_ids=state.instruments, sex=state.sex or None
        )
    except InvalidAnswers:
        # A token from a page before the results: some questions are not answered yet.
        return render(request, "screening/problem.html", {"unfinished": True}, status=400)
    result = next((r for r in results if r.instrument.id == instrument_id), None)
    if result is None:
        return render(request, "screening/problem.html", status=400)
    source = result.instrument.derived_from or result.instrument.id
    answers = {
        k: v for k, v in state.answers.get(source, {}).items() if k in result.instrument.items_by_id
    }
    document = questionnaire_response(
        result,
        answers=answers,
        questionnaire_url=_canonical_url(request, instrument_id),
        language=translation.get_language() or "en",
        now=dt.datetime.now(dt.UTC),
    )
    response = JsonResponse(
        document, content_type=CONTENT_TYPE, json_dumps_params={"ensure_ascii": False}
    )
    response["Content-Disposition"] = f'attachment; filename="self-check-{instrument_id}.json"'
    return response
