"""FHIR R4 output: each instrument as a Questionnaire, the answers as a QuestionnaireResponse."""

import json
from pathlib import Path

import jsonschema
import pytest
from django.test import Client

from recoverynav.screening.selectors import list_instruments
from recoverynav.screening.tests.helpers import act, answer_everything, begin, token_of

pytestmark = pytest.mark.django_db
SCHEMA = json.loads((Path(__file__).parent / "data" / "fhir-subset.schema.json").read_text())
INSTRUMENT_IDS = [i.id for i in list_instruments()]


def questionnaire(client: Client, instrument_id: str, prefix: str = "") -> dict:
    response = client.get(f"{prefix}/self-check/fhir/Questionnaire/{instrument_id}.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+json"
    return response.json()


@pytest.mark.parametrize("instrument_id", INSTRUMENT_IDS)
def test_every_instrument_is_a_valid_questionnaire(visitor: Client, instrument_id: str) -> None:
    document = questionnaire(visitor, instrument_id)

    jsonschema.validate(document, SCHEMA)
    assert document["resourceType"] == "Questionnaire"
    assert (
        document["url"] == f"http://testserver/self-check/fhir/Questionnaire/{instrument_id}.json"
    )
    link_ids = [item["linkId"] for item in document["item"]]
    assert len(link_ids) == len(set(link_ids))
    for item in document["item"]:
        for condition in item.get("enableWhen", []):
            assert link_ids.index(condition["question"]) < link_ids.index(item["linkId"])


def test_the_audit_questionnaire_carries_scores_and_the_verified_loinc_code(visitor) -> None:
    document = questionnaire(visitor, "audit")

    first = document["item"][0]
    assert [o["extension"][0]["valueDecimal"] for o in first["answerOption"]] == [0, 1, 2, 3, 4]
    total = document["item"][-1]
    assert total["code"] == [
        {"system": "http://loinc.org", "code": "75624-7", "display": "Total score [AUDIT]"}
    ]
    assert "World Health Organization" in document["copyright"]


def test_the_dast_10_questionnaire_scores_item_3_in_reverse(visitor: Client) -> None:
    item3 = questionnaire(visitor, "dast-10")["item"][2]

    scores = {
        o["valueCoding"]["code"]: o["extension"][0]["valueDecimal"] for o in item3["answerOption"]
    }
    assert scores == {"no": 1, "yes": 0}


def test_a_questionnaire_comes_in_spanish_with_the_same_canonical_url(visitor: Client) -> None:
    document = questionnaire(visitor, "audit", prefix="/es")

    assert document["language"] == "es"
    assert document["item"][0]["text"] == "¿Con qué frecuencia consume alguna bebida alcohólica?"
    assert document["url"].endswith("/self-check/fhir/Questionnaire/audit.json")
    assert "/es/" not in document["url"]


def test_an_unknown_or_switched_off_questionnaire_is_not_found(visitor: Client, settings) -> None:
    settings.SCREENING_DAST10_ENABLED = False

    assert visitor.get("/self-check/fhir/Questionnaire/nope.json").status_code == 404
    assert visitor.get("/self-check/fhir/Questionnaire/dast-10.json").status_code == 404


def download(client: Client, results_page, instrument_id: str):
    return client.post(
        f"/self-check/fhir/QuestionnaireResponse/{instrument_id}.json",
        {"token": token_of(results_page)},
    )


@pytest.mark.parametrize(
    ("start", "instrument_id"),
    [
        ({"substances": ["alcohol"]}, "audit"),
        ({"substances": ["alcohol"]}, "audit-c"),
        ({"substances": ["opioids"]}, "dast-10"),
        ({"substances": ["cannabis"], "age_band": "12-17"}, "crafft"),
        ({"audience": "other"}, "signs-other"),
    ],
)
def test_the_answers_download_as_a_questionnaire_response(
    visitor: Client, hotlines, start: dict, instrument_id: str
) -> None:
    results = act(visitor, answer_everything(visitor, begin(visitor, **start)), "results")

    response = download(visitor, results, instrument_id)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+json"
    assert "attachment" in response["Content-Disposition"]
    document = response.json()
    jsonschema.validate(document, SCHEMA)
    assert document["status"] == "completed"
    form = questionnaire(visitor, instrument_id)
    assert document["questionnaire"] == form["url"]
    types = {item["linkId"]: item["type"] for item in form["item"]}
    for item in document["item"]:
        assert item["linkId"] in types
        (value_type,) = item["answer"][0]
        assert (
            value_type
            == {"choice": "valueCoding", "integer": "valueInteger"}[types[item["linkId"]]]
        )


def test_a_download_with_a_tampered_token_is_refused(visitor: Client) -> None:
    response = visitor.post(
        "/self-check/fhir/QuestionnaireResponse/audit.json", {"token": "changed"}
    )

    assert response.status_code == 400


def test_a_download_for_an_instrument_not_answered_is_refused(visitor: Client, hotlines) -> None:
    results = act(visitor, answer_everything(visitor, begin(visitor)), "results")

    assert download(visitor, results, "dast-10").status_code == 400
