"""/api/v1/screening: the instruments as data, and stateless scoring by the same engine as
the self-check pages. Nothing posted is stored, logged or cached."""

import json
import logging
from pathlib import Path

import jsonschema
import pytest
from django.http import HttpResponse
from django.test import Client

from recoverynav.screening.selectors import get_instrument, list_instruments
from recoverynav.screening.tests.helpers import act, answer, begin
from recoverynav.screening.tests.test_results import pick_highest, table_snapshot

pytestmark = pytest.mark.django_db

FHIR_SUBSET_SCHEMA = Path(__file__).parent / "data" / "fhir-subset.schema.json"
SCORE_URL = "/api/v1/screening/score"


def audit_answers(pick: int) -> dict[str, str]:
    """Every AUDIT question answered with its first (0) or last (-1) option."""
    return {item.id: item.options[pick].code for item in get_instrument("audit").items}


def post(client: Client, body: object, **headers: str) -> HttpResponse:
    return client.post(SCORE_URL, json.dumps(body), content_type="application/json", **headers)


def test_it_lists_the_instruments_in_the_self_checks_order(visitor: Client) -> None:
    body = visitor.get("/api/v1/screening/instruments").json()

    assert [i["id"] for i in body["instruments"]] == [i.id for i in list_instruments()]
    audit = body["instruments"][0]
    assert audit["id"] == "audit"
    assert audit["substances"] == ["alcohol"]
    assert audit["url"] == "http://testserver/api/v1/screening/instruments/audit"
    assert audit["page_url"] == "http://testserver/self-check/"


def test_it_leaves_out_an_instrument_the_operator_switched_off(visitor: Client, settings) -> None:
    settings.SCREENING_DAST10_ENABLED = False

    ids = [i["id"] for i in visitor.get("/api/v1/screening/instruments").json()["instruments"]]

    assert "dast-10" not in ids
    assert visitor.get("/api/v1/screening/instruments/dast-10").status_code == 404


def test_each_instruments_fhir_questionnaire_is_linked_and_well_formed(visitor: Client) -> None:
    schema = json.loads(FHIR_SUBSET_SCHEMA.read_text(encoding="utf-8"))
    listed = visitor.get("/api/v1/screening/instruments").json()["instruments"]
    root_links = visitor.get("/api/v1/").json()["links"]

    for instrument in listed:
        url = instrument["fhir_questionnaire_url"]
        assert root_links[f"fhir_questionnaire_{instrument['id']}"] == url
        document = visitor.get(url).json()
        jsonschema.validate(document, schema)
        assert document["resourceType"] == "Questionnaire"
        assert document["url"] == url
        link_ids = [item["linkId"] for item in document["item"]]
        assert len(link_ids) == len(set(link_ids))


def test_one_instrument_has_its_questions_scores_skip_rules_and_bands(visitor: Client) -> None:
    body = visitor.get("/api/v1/screening/instruments/audit").json()

    first = body["items"][0]
    assert first["id"] == "audit-1"
    assert first["text"] == "How often do you have a drink containing alcohol?"
    assert [o["score"] for o in first["options"]] == [0, 1, 2, 3, 4]
    assert any(item["ask_if_any_above_zero"] for item in body["items"])
    assert body["max_total"] == 40
    assert [band["level"] for band in body["bands"]] == ["low", "moderate", "high", "severe"]
    assert body["references"]
    assert body["licence"]


def test_an_instrument_comes_in_spanish_when_asked(visitor: Client) -> None:
    body = visitor.get("/api/v1/screening/instruments/audit", {"lang": "es"}).json()

    assert body["items"][0]["text"] != "How often do you have a drink containing alcohol?"
    assert body["items"][0]["options"][0]["text"] == "Nunca"


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/v1/screening/instruments/phq-9", 404),
        ("/api/v1/screening/instruments/AUDIT!", 400),
        ("/api/v1/screening/instruments?lang=fr", 400),
    ],
)
def test_an_unknown_or_malformed_instrument_is_refused(
    visitor: Client, url: str, status: int
) -> None:
    response = visitor.get(url)

    assert response.status_code == status
    assert response.json()["code"] == {404: "not_found", 400: "invalid_parameters"}[status]


def test_it_scores_answers_like_the_result_page(hotlines: None) -> None:
    visitor = Client(HTTP_ACCEPT_LANGUAGE="en-GB")  # the WHO AUDIT runs outside the US
    page = begin(visitor, substances=["alcohol"])
    page = answer(visitor, page, "no")
    for _ in range(40):
        if 'value="results"' in page.content.decode():
            break
        page = answer(visitor, page, pick_highest(page))
    html = act(visitor, page, "results").content.decode()

    body = post(visitor, {"instrument": "audit", "answers": audit_answers(-1)}).json()

    audit, audit_c = body["results"]
    assert f"Score: {audit['total']} out of {audit['max_total']}" in html
    assert f"<strong>{audit['band']['label']}</strong>" in html
    assert f"{audit_c['total']} out of {audit_c['max_total']}" in html  # a sub-score
    assert [audit["instrument"], audit_c["instrument"]] == ["audit", "audit-c"]
    assert body["level"] == "severe"
    assert body["next_steps"]["withdrawal_warning"]
    assert body["next_steps"]["medications"]
    for step in body["next_steps"]["medications"] + body["next_steps"]["care"]:
        assert step["title"] in html


def test_a_low_score_gets_the_lowest_band_and_no_withdrawal_warning(visitor: Client) -> None:
    response = post(visitor, {"instrument": "audit", "answers": audit_answers(0)})

    body = response.json()
    assert response.status_code == 200
    assert body["level"] == "low"
    assert body["results"][0]["total"] == 0
    assert body["next_steps"]["withdrawal_warning"] == ""


def test_sex_specific_cut_offs_apply(visitor: Client) -> None:
    answers = {"audit-1": "2-3-a-week", "audit-2": "1-2", "audit-3": "never"}

    male = post(visitor, {"instrument": "audit-c", "answers": answers, "sex": "male"}).json()
    female = post(visitor, {"instrument": "audit-c", "answers": answers, "sex": "female"}).json()

    assert male["results"][0]["total"] == female["results"][0]["total"] == 3
    assert (male["level"], female["level"]) == ("low", "moderate")


def test_it_says_which_answers_do_not_fit_the_instrument(visitor: Client) -> None:
    answers = {**audit_answers(0), "audit-1": "sometimes", "audit-99": "no"}
    del answers["audit-9"]

    response = post(visitor, {"instrument": "audit", "answers": answers})

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_parameters"
    assert {tuple(e["loc"]) for e in body["errors"]} == {
        ("body", "audit", "answers", "audit-1"),
        ("body", "audit", "answers", "audit-9"),
        ("body", "audit", "answers", "audit-99"),
    }


def test_it_says_which_follow_up_question_the_answers_call_for(visitor: Client) -> None:
    answers = {"audit-1": "monthly-or-less", "audit-2": "3-4", "audit-3": "never"}
    answers |= {"audit-9": "no", "audit-10": "no"}

    response = post(visitor, {"instrument": "audit", "answers": answers})

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_answers"
    assert {tuple(e["loc"]) for e in body["errors"]} == {
        ("body", "answers", f"audit-{number}") for number in range(4, 9)
    }


def test_follow_up_answers_are_needed_only_when_asked(visitor: Client) -> None:
    skipped = {"audit-1": "never", "audit-9": "no", "audit-10": "no"}
    ignored = {**skipped, "audit-2": "10-plus"}  # not asked after "never": not counted

    first = post(visitor, {"instrument": "audit", "answers": skipped})
    second = post(visitor, {"instrument": "audit", "answers": ignored})

    assert first.status_code == second.status_code == 200
    assert first.json()["results"][0]["total"] == second.json()["results"][0]["total"] == 0


def test_the_schema_says_when_a_follow_up_is_required() -> None:
    from recoverynav.api.api import api

    schemas = api.get_openapi_schema(path_prefix="/api/v1")["components"]["schemas"]
    validator = jsonschema.Draft202012Validator(schemas["AuditAnswers"])
    drinks = {**audit_answers(0), "audit-1": "monthly-or-less", "audit-2": "3-4"}
    for item in ("audit-4", "audit-5", "audit-6", "audit-7", "audit-8"):
        drinks.pop(item)

    assert validator.is_valid({"audit-1": "never", "audit-9": "no", "audit-10": "no"})
    assert not validator.is_valid(drinks)
    assert validator.is_valid({**drinks, **{f"audit-{n}": "never" for n in range(4, 9)}})


@pytest.mark.parametrize(
    "body",
    [
        {"instrument": "phq-9", "answers": {}},
        {"instrument": "audit"},
        {"instrument": "audit", "answers": [], "sex": "male"},
        {"instrument": "audit", "answers": {}, "sex": "other"},
        {"instrument": "audit", "answers": {}, "substances": ["chocolate"]},
        {"instrument": "audit", "answers": {f"x{i}": "1" for i in range(101)}},
        [],
        "audit",
    ],
)
def test_a_bad_request_body_is_a_400(visitor: Client, body: object) -> None:
    response = post(visitor, body)

    assert response.status_code == 400
    assert response.json()["code"] in {"invalid_parameters", "invalid_answers"}


def test_a_body_that_is_not_json_is_a_400(visitor: Client) -> None:
    response = visitor.post(SCORE_URL, "{answers", content_type="application/json")

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_body"


def test_scoring_stores_logs_and_caches_nothing(visitor: Client, caplog) -> None:
    before = table_snapshot()
    caplog.set_level(logging.DEBUG)

    ok = post(visitor, {"instrument": "audit", "answers": audit_answers(-1)})
    bad = post(visitor, {"instrument": "audit", "answers": {"audit-1": "4-plus-a-week"}})

    after = table_snapshot()
    # The API's rate limit counts requests per hashed network: a route name and a number,
    # never what was posted.
    counters = "\n".join(after.pop("core_ratecounter", []))
    before.pop("core_ratecounter", None)
    assert after == before
    assert "4-plus-a-week" not in counters
    assert "audit" not in counters
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "4-plus-a-week" not in logged
    assert "audit-1" not in logged
    for response in (ok, bad):
        assert "no-store" in response["Cache-Control"]
        assert "Access-Control-Allow-Origin" not in response
    assert not ok.cookies


def test_scoring_is_not_offered_to_other_sites_browsers(visitor: Client) -> None:
    response = visitor.options(
        SCORE_URL,
        HTTP_ORIGIN="https://example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )

    assert response["Allow"] == "POST, OPTIONS"
    assert "Access-Control-Allow-Origin" not in response


def test_next_steps_link_to_the_sites_own_pages(visitor: Client) -> None:
    steps = post(visitor, {"instrument": "audit", "answers": audit_answers(-1)}).json()[
        "next_steps"
    ]

    assert steps["guide_url"] == "http://testserver/guide/which-help-fits-me/?selfcheck=severe"


def test_an_unknown_field_in_the_body_is_a_400_naming_it(visitor: Client) -> None:
    """The schema lists every field a body may have; one it does not list is refused, so a
    body the schema calls valid is never refused for what an unlisted field holds."""
    body = {"instrument": "audit", "answers": audit_answers(0), "note": "hello"}

    response = post(visitor, body)

    assert response.status_code == 400
    assert ["body", "audit", "note"] in [error["loc"] for error in response.json()["errors"]]
