"""The questionnaire page: private (no store, no cookies, no database), kind on bad input."""

import logging

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

URL = "/guide/which-help-fits-me/"
ANSWERS = {"substances": ["opioids"], "impact": "some", "withdrawal": "no", "payment": "medicaid"}


def test_the_form_is_never_cached_and_sets_no_cookie(visitor: Client, hotlines: None) -> None:
    response = visitor.get(URL)

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies
    html = response.content.decode()
    assert 'method="post"' in html
    assert "This is not a diagnosis." in html


def test_the_result_is_never_cached_stored_or_logged(
    visitor: Client, hotlines: None, django_assert_num_queries, caplog
) -> None:
    caplog.set_level(logging.DEBUG)
    with django_assert_num_queries(0):
        response = visitor.post(URL, ANSWERS)

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies
    assert "opioids" not in caplog.text
    assert "This is not a diagnosis." in response.content.decode()


def test_the_result_names_its_sources_and_review_date(visitor: Client, hotlines: None) -> None:
    html = visitor.post(URL, ANSWERS).content.decode()

    assert 'href="https://nida.nih.gov/publications/principles-drug-addiction-treatment' in html
    assert "Last reviewed Dec. 5, 2026" in html


def test_it_suggests_medications_and_groups_for_opioids(visitor: Client, hotlines: None) -> None:
    html = visitor.post(URL, ANSWERS).content.decode()

    assert "Buprenorphine (for opioids)" in html
    assert "Narcotics Anonymous (NA)" in html
    assert 'href="/guide/medication-assisted-treatment/"' in html
    assert "Suggested for you" in html


def test_withdrawal_care_comes_first_when_stopping_could_be_dangerous(
    visitor: Client, hotlines: None
) -> None:
    html = visitor.post(
        URL, {"substances": ["alcohol"], "impact": "little", "withdrawal": "unsure"}
    ).content.decode()

    assert html.index("First, your safety") < html.index("Level of care")
    assert "Medically supervised withdrawal (detox)" in html


def test_finder_links_carry_the_filters(visitor: Client, hotlines: None) -> None:
    html = visitor.post(URL, {**ANSWERS, "withdrawal": "yes"}).content.decode()

    assert 'href="/treatment/?medication=buprenorphine&amp;payment=medicaid"' in html
    assert 'href="/treatment/?setting=outpatient&amp;payment=medicaid"' in html
    assert 'href="/treatment/?setting=detox&amp;payment=medicaid"' in html
    assert 'href="/meetings/?fellowship=NA"' in html


def test_the_result_reads_in_spanish(visitor: Client, hotlines: None) -> None:
    html = visitor.post(
        "/es" + URL, {"substances": ["alcohol"], "impact": "a_lot", "withdrawal": "yes"}
    ).content.decode()

    assert "Esto no es un diagnóstico." in html
    assert "Primero, hable con un médico" in html
    assert "Tratamiento ambulatorio intensivo" in html
    assert 'href="/es/guide/medication-assisted-treatment/"' in html


def test_missing_answers_are_explained_not_an_error(visitor: Client, hotlines: None) -> None:
    response = visitor.post(URL, {"impact": "some"})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in html
    assert "Choose at least one substance." in html
    assert "Choose yes, no or not sure for withdrawal." in html


def test_nonsense_answers_are_rejected_kindly(visitor: Client, hotlines: None) -> None:
    response = visitor.post(URL, {**ANSWERS, "substances": ["<script>"], "impact": "x" * 5000})

    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()
    assert "<script>" not in response.content.decode().split('<main id="main"')[1]


def test_it_carries_over_the_self_check_band(visitor: Client, hotlines: None) -> None:
    html = visitor.get(URL, {"selfcheck": "high"}).content.decode()

    assert '<input type="hidden" name="selfcheck" value="high"' in html


def test_it_ignores_an_unknown_self_check_band(visitor: Client, hotlines: None) -> None:
    html = visitor.get(URL, {"selfcheck": "<b>"}).content.decode()

    assert 'name="selfcheck" id="id_selfcheck"' in html
    assert "&lt;b&gt;" not in html


def test_a_carried_band_raises_the_level(visitor: Client, hotlines: None) -> None:
    response = visitor.post(URL, {**ANSWERS, "impact": "little", "selfcheck": "severe"})

    levels = [o for o in response.context["suggestion"].levels if o.suggested]
    assert [o.key for o in levels] == ["intensive_outpatient"]


def test_other_methods_are_refused(visitor: Client) -> None:
    assert visitor.put(URL).status_code == 405


def test_an_unknown_posted_band_is_dropped_without_an_error(
    visitor: Client, hotlines: None
) -> None:
    response = visitor.post(URL, {**ANSWERS, "selfcheck": "x" * 50})

    assert response.status_code == 200
    assert "suggestion" in response.context


def test_arriving_from_the_self_check_it_does_not_ask_about_daily_life_again(
    visitor: Client, hotlines: None
) -> None:
    html = visitor.get(URL, {"selfcheck": "severe"}).content.decode()

    assert 'name="impact"' not in html
    assert "Your self-check already showed how much this affects your daily life" in html
    assert 'name="substances"' in html
    assert 'name="withdrawal"' in html


def test_without_a_self_check_band_it_asks_about_daily_life(
    visitor: Client, hotlines: None
) -> None:
    for query in [{}, {"selfcheck": "extreme"}]:
        html = visitor.get(URL, query).content.decode()

        assert 'name="impact"' in html


def test_the_self_check_band_stands_in_for_the_daily_life_answer(
    visitor: Client, hotlines: None
) -> None:
    response = visitor.post(
        URL, {"substances": ["alcohol"], "withdrawal": "no", "selfcheck": "moderate"}
    )

    assert 'class="error-summary"' not in response.content.decode()
    levels = [o.key for o in response.context["suggestion"].levels if o.suggested]
    assert levels == ["outpatient"]


def test_the_safety_block_carries_the_crisis_panel_with_a_call_link(
    visitor: Client, hotlines: None
) -> None:
    html = visitor.post(
        URL, {"substances": ["alcohol"], "impact": "some", "withdrawal": "yes"}
    ).content.decode()

    panel = html.split('class="emergency crisis-panel"')[1].split("</section>")[0]
    assert 'href="tel:911"' in panel
    assert 'href="tel:988"' in panel
    assert (
        html.index("First, your safety") < html.index("crisis-panel") < html.index("Level of care")
    )


def test_without_a_safety_note_there_is_no_crisis_panel(visitor: Client, hotlines: None) -> None:
    html = visitor.post(URL, ANSWERS).content.decode()

    assert "crisis-panel" not in html


def test_alcohol_medicines_link_to_each_medicine(visitor: Client, hotlines: None) -> None:
    html = visitor.post(
        URL, {"substances": ["alcohol"], "impact": "some", "withdrawal": "no"}
    ).content.decode()

    assert 'href="/treatment/?medication=acamprosate"' in html
    assert 'href="/treatment/?medication=disulfiram"' in html
    assert 'href="/treatment/?medication=naltrexone&amp;medication=naltrexone_er"' in html
    assert "alcohol_medication" not in html
    assert "Only with your full knowledge and consent" in html


def test_groups_without_a_fellowship_filter_link_to_every_meeting(
    visitor: Client, hotlines: None
) -> None:
    html = visitor.post(URL, ANSWERS).content.decode()

    assert 'href="/meetings/"' in html
    assert "fellowship=other" not in html
