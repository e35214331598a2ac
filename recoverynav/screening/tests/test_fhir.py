"""FHIR R4 output that every client reads alike: each instrument as a Questionnaire in each
language, the answers as a QuestionnaireResponse whose item texts are the Questionnaire's, and
skip rules that no reader can take differently.

Every document is checked by two independent FHIR libraries from PyPI (fhirclient, the SMART
on FHIR R4 models, strict; fhir.resources' R4B models, whose Questionnaire and
QuestionnaireResponse are R4's), by the JSON Schema of the subset we emit, and by the rules
below."""

import datetime as dt
import json
from itertools import product
from pathlib import Path

import jsonschema
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from fhir.resources.R4B.questionnaire import Questionnaire as R4BQuestionnaire
from fhir.resources.R4B.questionnaireresponse import (
    QuestionnaireResponse as R4BQuestionnaireResponse,
)
from fhirclient.models.questionnaire import Questionnaire as R4Questionnaire
from fhirclient.models.questionnaireresponse import (
    QuestionnaireResponse as R4QuestionnaireResponse,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from recoverynav.screening import fhir
from recoverynav.screening.definitions import Instrument
from recoverynav.screening.engine import asked_items, score, validate
from recoverynav.screening.selectors import list_instruments
from recoverynav.screening.tests.helpers import act, answer_everything, begin, token_of

pytestmark = pytest.mark.django_db
SCHEMA = json.loads((Path(__file__).parent / "data" / "fhir-subset.schema.json").read_text())
INSTRUMENTS = list_instruments(enabled_only=False)
INSTRUMENT_IDS = [i.id for i in INSTRUMENTS]
LANGUAGES = ["en", "es"]
NOW = dt.datetime(2026, 12, 5, 12, tzinfo=dt.UTC)


def assert_valid_r4(document: dict) -> None:
    """Valid for both libraries and for our schema of the subset we emit."""
    jsonschema.validate(document, SCHEMA)
    if document["resourceType"] == "Questionnaire":
        R4Questionnaire(document, strict=True)
        R4BQuestionnaire.model_validate(document)
    else:
        R4QuestionnaireResponse(document, strict=True)
        R4BQuestionnaireResponse.model_validate(document)


def questionnaire(client: Client, instrument_id: str, prefix: str = "") -> dict:
    response = client.get(f"{prefix}/self-check/fhir/Questionnaire/{instrument_id}.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+json"
    return response.json()


def canonical(instrument: Instrument, language: str) -> str:
    with translation.override(language):
        return "http://testserver" + reverse("screening:fhir_questionnaire", args=[instrument.id])


def build_questionnaire(instrument: Instrument, language: str) -> dict:
    return fhir.questionnaire(instrument, url=canonical(instrument, language), language=language)


def build_response(instrument: Instrument, answers: dict, language: str) -> dict:
    cleaned = validate(instrument, answers)
    return fhir.questionnaire_response(
        score(instrument, cleaned),
        answers=cleaned,
        questionnaire_url=canonical(instrument, language),
        language=language,
        now=NOW,
    )


def answer_sets(instrument: Instrument) -> dict[str, dict]:
    """The skip paths: every item's lowest answer (follow-ups skipped), every item's highest
    answer (everything asked), and the lowest first answer with the highest later ones."""

    def pick(item, high: bool) -> object:
        if item.kind == "number":
            return 30 if high else 0
        return item.options[-1 if high else 0].code

    lowest = {item.id: pick(item, False) for item in instrument.items}
    highest = {item.id: pick(item, True) for item in instrument.items}
    first_low = highest | {instrument.items[0].id: pick(instrument.items[0], False)}
    return {"lowest": lowest, "highest": highest, "first-lowest": first_low}


def enabled_items(document: dict, answers: dict) -> list[str]:
    """The items a reader following FHIR R4's enableWhen rules shows, in order: a condition on
    a question with no answer (or a disabled one) is false; `any` needs one true condition."""
    given: dict[str, object] = {}
    shown = []
    for item in document["item"]:
        if item.get("readOnly"):
            continue
        conditions = item.get("enableWhen", [])
        results = []
        for condition in conditions:
            value = given.get(condition["question"])
            operator = condition["operator"]
            if operator == "exists":
                results.append((value is not None) == condition["answerBoolean"])
            elif value is None:
                results.append(False)
            elif operator == "=":
                results.append(value == condition["answerCoding"]["code"])
            elif operator == ">":
                results.append(int(value) > condition["answerInteger"])
            else:
                pytest.fail(f"{item['linkId']}: a reader may take {operator!r} differently")
        behaviour = item.get("enableBehavior", "all")
        enabled = not conditions or (any(results) if behaviour == "any" else all(results))
        if enabled:
            shown.append(item["linkId"])
            if item["linkId"] in answers:
                given[item["linkId"]] = answers[item["linkId"]]
    return shown


# --- Questionnaires ----------------------------------------------------------------------------
@pytest.mark.parametrize(("instrument_id", "language"), list(product(INSTRUMENT_IDS, LANGUAGES)))
def test_every_questionnaire_in_both_languages_is_valid_r4(
    visitor: Client, instrument_id: str, language: str
) -> None:
    prefix = "/es" if language == "es" else ""
    document = questionnaire(visitor, instrument_id, prefix=prefix)

    assert_valid_r4(document)
    assert document["language"] == language
    link_ids = [item["linkId"] for item in document["item"]]
    assert len(link_ids) == len(set(link_ids))
    for item in document["item"]:
        for condition in item.get("enableWhen", []):
            assert link_ids.index(condition["question"]) < link_ids.index(item["linkId"])


@pytest.mark.parametrize("instrument_id", INSTRUMENT_IDS)
def test_each_language_is_its_own_questionnaire_at_its_own_url(
    visitor: Client, instrument_id: str
) -> None:
    english = questionnaire(visitor, instrument_id)
    spanish = questionnaire(visitor, instrument_id, prefix="/es")

    assert english["url"] == f"http://testserver/self-check/fhir/Questionnaire/{instrument_id}.json"
    assert spanish["url"] == (
        f"http://testserver/es/self-check/fhir/Questionnaire/{instrument_id}.json"
    )
    assert english["version"] != spanish["version"]
    assert english["id"] != spanish["id"]


def test_no_skip_rule_uses_an_operator_that_readers_take_differently() -> None:
    for instrument, language in product(INSTRUMENTS, LANGUAGES):
        document = build_questionnaire(instrument, language)
        operators = {c["operator"] for item in document["item"] for c in item.get("enableWhen", [])}
        assert operators <= {"=", ">"}, instrument.id


@pytest.mark.parametrize("instrument_id", ["audit", "usaudit"])
def test_audit_items_4_to_8_stay_off_when_item_1_is_never(instrument_id: str) -> None:
    instrument = next(i for i in INSTRUMENTS if i.id == instrument_id)
    document = build_questionnaire(instrument, "en")
    answers = {f"{instrument_id}-1": "never", f"{instrument_id}-9": "no"}

    shown = enabled_items(document, answers)

    assert shown == [f"{instrument_id}-{n}" for n in (1, 9, 10)]


@pytest.mark.parametrize("instrument", INSTRUMENTS, ids=lambda i: i.id)
def test_a_fhir_reader_asks_exactly_the_questions_the_self_check_asks(
    instrument: Instrument,
) -> None:
    document = build_questionnaire(instrument, "en")

    @settings(max_examples=60)
    @given(
        answers=st.fixed_dictionaries(
            {
                item.id: (
                    st.integers(item.minimum, min(item.maximum, 3))
                    if item.kind == "number"
                    else st.sampled_from([o.code for o in item.options])
                )
                for item in instrument.items
            }
        )
    )
    def check(answers: dict) -> None:
        expected = [item.id for item in asked_items(instrument, answers)]
        assert enabled_items(document, answers) == expected

    check()


# --- QuestionnaireResponses --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("instrument", "language"),
    list(product(INSTRUMENTS, LANGUAGES)),
    ids=lambda v: getattr(v, "id", v),
)
def test_every_response_on_every_skip_path_is_valid_and_reads_like_its_questionnaire(
    instrument: Instrument, language: str
) -> None:
    form = build_questionnaire(instrument, language)
    texts = {item["linkId"]: item["text"] for item in form["item"]}
    types = {item["linkId"]: item["type"] for item in form["item"]}

    for path, answers in answer_sets(instrument).items():
        document = build_response(instrument, answers, language)

        assert_valid_r4(document)
        assert document["questionnaire"] == f"{form['url']}|{form['version']}", path
        assert document["language"] == language
        for item in document["item"]:
            assert item["text"] == texts[item["linkId"]], (path, item["linkId"])
            (value_type,) = item["answer"][0]
            assert (
                value_type
                == {
                    "choice": "valueCoding",
                    "integer": "valueInteger",
                }[types[item["linkId"]]]
            )
        answered = [i["linkId"] for i in document["item"] if i["linkId"] != fhir.TOTAL_LINK_ID]
        assert answered == enabled_items(form, answers), path


def test_the_crafft_response_repeats_the_part_a_heading_its_questionnaire_asks_with() -> None:
    crafft = next(i for i in INSTRUMENTS if i.id == "crafft")
    document = build_response(crafft, answer_sets(crafft)["highest"], "en")

    first = document["item"][0]
    assert first["text"].startswith("Part A: during the past 12 months, on how many days did you")
    assert first["text"].endswith("Drink more than a few sips of beer, wine, or any drink "
                                  "containing alcohol?")  # fmt: skip


def test_the_audit_questionnaire_carries_scores_and_the_verified_loinc_code(visitor) -> None:
    document = questionnaire(visitor, "audit")

    first = document["item"][0]
    assert [o["extension"][0]["valueDecimal"] for o in first["answerOption"]] == [0, 1, 2, 3, 4]
    total = document["item"][-1]
    assert total["code"] == [
        {"system": "http://loinc.org", "code": "75624-7", "display": "Total score [AUDIT]"}
    ]
    assert "World Health Organization" in document["copyright"]
    assert "not for sale" in document["copyright"]


def test_the_dast_10_questionnaire_scores_item_3_in_reverse(visitor: Client) -> None:
    item3 = questionnaire(visitor, "dast-10")["item"][2]

    scores = {
        o["valueCoding"]["code"]: o["extension"][0]["valueDecimal"] for o in item3["answerOption"]
    }
    assert scores == {"no": 1, "yes": 0}


def test_an_unknown_or_switched_off_questionnaire_is_not_found(visitor: Client, settings) -> None:
    settings.SCREENING_DAST10_ENABLED = False
    settings.SCREENING_CRAFFT_ENABLED = False

    assert visitor.get("/self-check/fhir/Questionnaire/nope.json").status_code == 404
    assert visitor.get("/self-check/fhir/Questionnaire/dast-10.json").status_code == 404
    assert visitor.get("/self-check/fhir/Questionnaire/crafft.json").status_code == 404


# --- Downloads from the result page ------------------------------------------------------------
def download(client: Client, results_page, instrument_id: str, prefix: str = ""):
    return client.post(
        f"{prefix}/self-check/fhir/QuestionnaireResponse/{instrument_id}.json",
        {"token": token_of(results_page)},
    )


@pytest.mark.parametrize(
    ("start", "instrument_id"),
    [
        ({"substances": ["alcohol"]}, "usaudit"),
        ({"substances": ["opioids"]}, "dast-10"),
        ({"substances": ["cannabis"], "age_band": "12-17"}, "crafft"),
        ({"audience": "other"}, "signs-other"),
    ],
)
@pytest.mark.parametrize("prefix", ["", "/es"])
def test_the_answers_download_as_a_response_to_the_questionnaire_in_the_pages_language(
    visitor: Client, hotlines, start: dict, instrument_id: str, prefix: str
) -> None:
    walk = answer_everything(visitor, begin(visitor, **start, prefix=prefix))
    results = act(visitor, walk, "results", prefix=prefix)

    response = download(visitor, results, instrument_id, prefix=prefix)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+json"
    assert "attachment" in response["Content-Disposition"]
    document = response.json()
    assert_valid_r4(document)
    assert document["status"] == "completed"
    url, version = document["questionnaire"].split("|")
    form = visitor.get(url.removeprefix("http://testserver")).json()
    assert (form["url"], form["version"]) == (url, version)
    texts = {item["linkId"]: item["text"] for item in form["item"]}
    for item in document["item"]:
        assert item["text"] == texts[item["linkId"]]


def test_the_who_audit_downloads_where_a_drink_is_10_g(visitor: Client, hotlines) -> None:
    british = Client(HTTP_ACCEPT_LANGUAGE="en-GB")
    results = act(british, answer_everything(british, begin(british)), "results")

    document = download(british, results, "audit").json()

    assert_valid_r4(document)
    assert document["questionnaire"].startswith(
        "http://testserver/self-check/fhir/Questionnaire/audit.json|"
    )


def test_a_download_with_a_tampered_token_is_refused(visitor: Client) -> None:
    response = visitor.post(
        "/self-check/fhir/QuestionnaireResponse/audit.json", {"token": "changed"}
    )

    assert response.status_code == 400


def test_a_download_for_an_instrument_not_answered_is_refused(visitor: Client, hotlines) -> None:
    results = act(visitor, answer_everything(visitor, begin(visitor)), "results")

    assert download(visitor, results, "dast-10").status_code == 400


@pytest.mark.parametrize("instrument_id", ["usaudit", "audit", "dast-10", "signs-self"])
def test_a_download_from_an_unfinished_self_check_is_refused_with_the_problem_page(
    visitor: Client, hotlines, instrument_id: str
) -> None:
    """A token from a page before the results (some or no answers) is a clear 400."""
    started = begin(visitor)

    response = download(visitor, started, instrument_id)

    assert response.status_code == 400
    assert "text/html" in response["Content-Type"]
    assert "once every question is answered" in response.content.decode()
