"""The self-check without JavaScript: one question per page, back, change answers, results."""

import pytest
from django.core import signing
from django.test import Client

from recoverynav.screening.tests.helpers import (
    FLOW_URL,
    act,
    answer,
    answer_everything,
    begin,
    progress_of,
    token_of,
)

pytestmark = pytest.mark.django_db


def test_the_start_page_asks_who_what_and_age_and_sets_no_cookie(visitor: Client) -> None:
    response = visitor.get("/self-check/")

    html = response.content.decode()
    assert 'name="audience"' in html
    assert 'name="substances"' in html
    assert 'name="age_band"' in html
    assert f'action="{FLOW_URL}"' in html
    assert 'method="post"' in html
    assert not response.cookies


def test_the_start_form_explains_what_is_missing(visitor: Client) -> None:
    response = visitor.post(FLOW_URL, {"audience": "self"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Choose an age group." in html
    assert 'href="#id_age_band_0"' in html


def test_the_safety_question_comes_first_and_progress_counts_every_question(
    visitor: Client,
) -> None:
    response = begin(visitor)

    assert "thoughts of ending your life" in response.content.decode()
    assert progress_of(response) == "Question 1 of up to 11"  # safety + the USAUDIT's 10


def test_the_progress_total_never_changes_as_answers_skip_questions(visitor: Client) -> None:
    """Without JavaScript the counter says "of up to 11" from the first question to the last,
    even when "Never" skips questions 2 to 8."""
    response = answer(visitor, begin(visitor), "no")
    seen = [progress_of(response)]
    for value in ["never", "no"]:
        response = answer(visitor, response, value)
        seen.append(progress_of(response))

    assert seen == ["Question 2 of up to 11", "Question 3 of up to 11", "Question 4 of up to 11"]


def test_a_check_without_skip_rules_counts_exactly(visitor: Client) -> None:
    response = answer(visitor, begin(visitor, substances=["opioids"]), "no")

    assert progress_of(response) == "Question 2 of 11"  # safety + the DAST-10's 10


def test_it_walks_one_question_per_page_to_the_check_page(visitor: Client, hotlines) -> None:
    response = begin(visitor, substances=["opioids"])
    response = answer(visitor, response, "no")

    assert progress_of(response) == "Question 2 of 11"
    response = answer(visitor, response, "yes")
    assert progress_of(response) == "Question 3 of 11"
    response = answer_everything(visitor, begin(visitor, substances=["opioids"]))
    assert "Check your answers" in response.content.decode()


def test_back_returns_to_the_previous_question_with_the_answer_kept(visitor: Client) -> None:
    response = begin(visitor, substances=["opioids"])
    response = answer(visitor, response, "no")
    response = answer(visitor, response, "yes")

    response = act(visitor, response, "back")

    html = response.content.decode()
    assert progress_of(response) == "Question 2 of 11"
    assert 'value="yes" id="id_answer_1" required checked' in html


def test_back_from_the_first_question_returns_to_the_filled_in_start_page(visitor: Client) -> None:
    response = act(visitor, begin(visitor, substances=["cannabis"]), "back")

    html = response.content.decode()
    assert 'name="substances" value="cannabis" id="id_substances_3" checked' in html


def test_changing_an_answer_goes_back_to_the_check_page(visitor: Client, hotlines) -> None:
    response = answer_everything(visitor, begin(visitor, substances=["opioids"]))

    response = act(visitor, response, "change:dast-10:dast-5")
    assert "guilty" in response.content.decode()
    response = answer(visitor, response, "yes")

    assert "Check your answers" in response.content.decode()
    response = act(visitor, response, "results")
    assert "Score: 2 out of 10" in response.content.decode()  # item 3 "no" + item 5 "yes"


def test_changing_an_answer_that_opens_new_questions_asks_them(visitor: Client) -> None:
    response = begin(visitor)
    response = answer(visitor, response, "no")
    response = answer(visitor, response, "never")
    response = answer(visitor, response, "no")
    response = answer(visitor, response, "no")
    assert "Check your answers" in response.content.decode()

    response = act(visitor, response, "change:usaudit:usaudit-1")
    response = answer(visitor, response, "2-3-a-week")

    assert "How many drinks containing alcohol" in response.content.decode()


def test_an_unanswered_question_is_asked_again_with_a_clear_error(visitor: Client) -> None:
    response = answer(visitor, answer(visitor, begin(visitor), "no"), "")

    html = response.content.decode()
    assert "Choose an answer." in html
    assert "<title>Error:" in html


def test_results_are_shown_only_when_every_question_is_answered(visitor: Client) -> None:
    response = act(visitor, begin(visitor), "results")

    assert "What your answers suggest" not in response.content.decode()


@pytest.mark.parametrize(
    "token",
    [
        "not-a-token",
        "",
        signing.dumps({"audience": "self"}, salt="another-purpose"),
        signing.dumps({"audience": "self"}, salt="recoverynav.screening.flow"),
    ],
    ids=["garbage", "empty", "signed-for-something-else", "incomplete-state"],
)
def test_a_tampered_or_broken_token_is_refused_kindly(visitor: Client, token: str) -> None:
    response = visitor.post(FLOW_URL, {"token": token, "action": "answer", "answer": "no"})

    assert response.status_code == 400
    assert "Please start the self-check again" in response.content.decode()


def test_a_token_with_one_changed_character_is_refused(visitor: Client) -> None:
    token = token_of(begin(visitor))
    changed = token[:-3] + ("A" if token[-3] != "A" else "B") + token[-2:]

    response = visitor.post(FLOW_URL, {"token": changed, "action": "answer", "answer": "no"})

    assert response.status_code == 400


def test_an_old_token_is_refused(visitor: Client, time_machine) -> None:
    time_machine.move_to("2026-11-27 08:00Z")
    response = begin(visitor)
    time_machine.move_to("2026-11-27 12:00Z")

    assert answer(visitor, response, "no").status_code == 400


def test_opening_the_questions_address_directly_shows_the_start_page(visitor: Client) -> None:
    response = visitor.get(FLOW_URL)

    assert response.status_code == 200
    assert 'name="audience"' in response.content.decode()


def test_every_self_check_step_says_no_store(visitor: Client, hotlines) -> None:
    responses = [visitor.get("/self-check/"), visitor.get("/self-check/about/"), begin(visitor)]
    responses.append(answer_everything(visitor, begin(visitor)))
    responses.append(visitor.get("/self-check/fhir/Questionnaire/audit.json"))

    for response in responses:
        assert "no-store" in response["Cache-Control"]


def test_the_result_page_may_stay_only_in_this_browsers_cache(visitor: Client, hotlines) -> None:
    """So that Back from a next step shows the result again instead of asking to resend the
    answers: `private` keeps it out of shared caches, `no-cache` from being reused for a new
    visit; nothing is kept on the server."""
    response = act(visitor, answer_everything(visitor, begin(visitor)), "results")

    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert directives == {"private", "no-cache"}
    assert not response.cookies


def test_answers_never_appear_in_a_url(visitor: Client, hotlines) -> None:
    response = act(visitor, answer_everything(visitor, begin(visitor)), "results")

    html = response.content.decode()
    assert 'method="get"' not in html.lower()
    assert "?token=" not in html
    assert "answer=" not in html


def test_the_signs_check_can_be_added_after_the_results(visitor: Client, hotlines) -> None:
    results = act(visitor, answer_everything(visitor, begin(visitor)), "results")

    response = act(visitor, results, "add-signs")

    assert "Signs check" in response.content.decode()
    assert "more, or for longer, than you meant to" in response.content.decode()


def test_the_first_person_signs_check_is_not_added_to_a_check_about_someone_else(
    visitor: Client, hotlines
) -> None:
    results = act(visitor, answer_everything(visitor, begin(visitor, audience="other")), "results")

    response = act(visitor, results, "add-signs")

    assert "Also do the signs check" not in results.content.decode()
    assert "Have you often used more" not in response.content.decode()


def test_the_spanish_flow_asks_in_spanish(visitor: Client) -> None:
    data = {"audience": "self", "substances": ["alcohol"], "age_band": "21-64"}
    response = visitor.post("/es" + FLOW_URL, data)
    response = visitor.post(
        "/es" + FLOW_URL, {"token": token_of(response), "action": "answer", "answer": "no"}
    )

    assert "¿Con qué frecuencia consume alguna bebida alcohólica?" in response.content.decode()


def one_page(client: Client, **start) -> object:
    data = {"audience": "self", "substances": ["alcohol"], "age_band": "21-64", "layout": "single"}
    return client.post(FLOW_URL, data | start)


def test_with_javascript_the_start_page_loads_the_enhancement_from_a_file(visitor: Client):
    html = visitor.get("/self-check/").content.decode()

    assert '<script src="/static/screening/selfcheck.js" defer></script>' in html
    assert "data-selfcheck-start" in html


def test_the_one_page_form_asks_everything_and_scores_it(visitor: Client, hotlines) -> None:
    page = one_page(visitor)
    html = page.content.decode()
    assert 'name="safety-answer"' in html
    assert 'data-ask-if="usaudit:usaudit-1-answer"' in html

    answers = {"token": token_of(page), "action": "all", "safety-answer": "no"}
    answers |= {"usaudit:usaudit-1-answer": "4-6-a-week", "usaudit:usaudit-2-answer": "3"}
    answers |= {"usaudit:usaudit-3-answer": "never", "usaudit:usaudit-9-answer": "no"}
    answers |= {f"usaudit:usaudit-{n}-answer": "never" for n in range(4, 9)}
    answers |= {"usaudit:usaudit-10-answer": "yes-last-year"}
    response = visitor.post(FLOW_URL, answers)

    assert "Score: 11 out of 46" in response.content.decode()  # 5 + 2 + 4


def test_the_one_page_form_ignores_questions_that_do_not_apply(visitor: Client, hotlines) -> None:
    page = one_page(visitor)
    answers = {"token": token_of(page), "action": "all", "safety-answer": "no"}
    answers |= {"usaudit:usaudit-1-answer": "never", "usaudit:usaudit-2-answer": "10-plus"}
    answers |= {"usaudit:usaudit-9-answer": "no", "usaudit:usaudit-10-answer": "no"}

    response = visitor.post(FLOW_URL, answers)

    assert "Score: 0 out of 46" in response.content.decode()


def test_the_one_page_form_points_out_missing_answers(visitor: Client) -> None:
    page = one_page(visitor)

    response = visitor.post(FLOW_URL, {"token": token_of(page), "action": "all"})

    html = response.content.decode()
    assert "Choose yes or no." in html
    assert "Choose an answer." in html
