"""The safety question, the result page's words and next steps, and that nothing is kept."""

import gzip
import logging
import re

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client

from recoverynav.screening.tests.helpers import act, answer, answer_everything, begin

pytestmark = pytest.mark.django_db


def pick_highest(response) -> str:
    """The answer that scores most on the page (the last radio), or 30 days."""
    import re

    values = re.findall(r'type="radio" name="answer" value="([^"]+)"', response.content.decode())
    if "dast-3" in response.content.decode() or "always able to stop" in response.content.decode():
        return "no"
    return values[-1] if values else "30"


def results_page(client: Client, pick=None, **start) -> str:
    kwargs = {"pick": pick} if pick else {}
    return act(client, answer_everything(client, begin(client, **start), **kwargs), "results")


def test_yes_to_the_safety_question_goes_straight_to_emergency_help(
    visitor: Client, hotlines
) -> None:
    response = answer(visitor, begin(visitor), "yes")

    html = response.content.decode()
    assert 'href="tel:911"' in html
    assert 'href="tel:988"' in html or "988" in html
    assert 'href="/help-now/"' in html
    assert 'value="continue"' in html


def test_after_the_safety_page_the_person_can_continue(visitor: Client, hotlines) -> None:
    safety_page = answer(visitor, begin(visitor), "yes")

    response = act(visitor, safety_page, "continue")

    assert "How often do you have a drink containing alcohol?" in response.content.decode()


def test_the_result_page_keeps_the_crisis_help_after_a_yes(visitor: Client, hotlines) -> None:
    response = answer(visitor, begin(visitor), "yes")
    response = act(visitor, response, "continue")
    for value in ["never", "no", "no"]:
        response = answer(visitor, response, value)

    html = act(visitor, response, "results").content.decode()
    assert 'href="tel:911"' in html


def test_a_low_result_is_explained_kindly_and_never_as_a_diagnosis(visitor: Client, hotlines):
    html = results_page(visitor).content.decode()

    assert "Your answers suggest" in html
    assert "It is not a diagnosis" in html
    assert "Change is possible" in html
    assert "Score: 0 out of 46" in html
    assert "Advice and self-help" in html
    assert "Please do not stop suddenly" not in html  # no sign of dependence


def test_a_severe_alcohol_result_suggests_a_specialist_medicines_and_a_warning(
    visitor: Client, hotlines
) -> None:
    html = results_page(visitor, pick=pick_highest, sex="male").content.decode()

    assert "Score: 46 out of 46" in html
    assert "Possible dependence" in html
    assert "Specialist referral" in html
    assert "medically supervised withdrawal" in html
    assert "Please do not stop suddenly on your own." in html
    for medicine in ["Naltrexone", "Acamprosate", "Disulfiram"]:
        assert medicine in html
    assert "Methadone" not in html


@pytest.mark.parametrize(
    ("region", "expected"),
    [
        ("US", ["988 Suicide &amp; Crisis Lifeline", "Crisis Text Line"]),
        ("GB", ["Samaritans", "Shout"]),
        ("IE", ["Samaritans", "Text About It (50808)"]),
    ],
)
def test_every_line_under_people_you_can_call_can_be_reached_and_says_its_hours(
    hotlines, region: str, expected: list[str]
) -> None:
    """Text-only lines (Crisis Text Line, Shout, 50808) get their text link too, not just a
    name: the section uses the crisis panel's own line markup."""
    from recoverynav.hotlines.models import Hotline

    client = Client(HTTP_ACCEPT_LANGUAGE=f"en-{region}")
    html = results_page(client).content.decode()

    section = html.split("People you can call</h2>")[1].split("<h2>")[0]
    items = re.findall(r'<li class="crisis-line">(.*?)\n  </li>', section, flags=re.DOTALL)
    names = [re.search(r"<strong>(.*?)</strong>", item).group(1) for item in items]
    assert names == expected
    for item, name in zip(items, expected, strict=True):
        line = Hotline.objects.get(country=region, name=name.replace("&amp;", "&"))
        assert 'href="tel:' in item or 'href="sms:' in item, name
        assert line.hours_en, name
        assert line.hours_en in item, name


def test_opioid_results_list_the_three_medicines(visitor: Client, hotlines) -> None:
    html = results_page(visitor, pick=pick_highest, substances=["opioids"]).content.decode()

    for medicine in ["Methadone", "Buprenorphine", "Naltrexone"]:
        assert medicine in html
    assert "Severe level" in html
    assert "Skinner" in html  # DAST-10 attribution


def test_the_result_links_into_the_finders_and_the_guide(visitor: Client, hotlines) -> None:
    html = results_page(visitor, substances=["opioids"]).content.decode()

    for start in ["/treatment/?", "/meetings/", "/guide/which-help-fits-me/?selfcheck="]:
        assert f'href="{start}' in html


def test_family_and_friends_get_the_third_person_check_and_family_groups(
    visitor: Client, hotlines
) -> None:
    start = begin(visitor, audience="other", substances=["alcohol"])
    response = answer(visitor, start, "no")

    assert "Have they often used more" in response.content.decode()
    html = results_page(visitor, audience="other", substances=["alcohol"]).content.decode()
    assert "not a validated screening test" in html
    assert "Al-Anon" in html


def test_young_people_get_the_crafft_with_attribution(visitor: Client, hotlines) -> None:
    response = answer(visitor, begin(visitor, age_band="12-17", substances=["cannabis"]), "no")
    assert "Part A" in response.content.decode()

    html = results_page(visitor, age_band="12-17", substances=["cannabis"]).content.decode()
    assert "Boston Children&#x27;s Hospital" in html


def table_snapshot() -> dict[str, list]:
    snapshot = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            if table in connection.introspection.table_names(cursor):
                cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
                snapshot[table] = sorted(map(repr, cursor.fetchall()))
    return snapshot


def test_it_never_stores_screening_answers(visitor: Client, hotlines, caplog) -> None:
    """A full run leaves every table as it was and writes nothing about the answers to logs."""
    before = table_snapshot()
    caplog.set_level(logging.DEBUG)

    response = begin(visitor, substances=["alcohol", "opioids"], sex="female")
    response = answer(visitor, response, "yes")
    response = act(visitor, response, "continue")
    for _ in range(40):
        if 'value="results"' in response.content.decode():
            break
        response = answer(visitor, response, pick_highest(response))
    results = act(visitor, response, "results")
    visitor.post(
        "/self-check/fhir/QuestionnaireResponse/audit.json",
        {"token": results.content.decode().split('name="token" value="')[1].split('"')[0]},
    )

    assert results.status_code == 200
    assert table_snapshot() == before
    logged = "\n".join(r.getMessage() for r in caplog.records)
    for secret in ["4-plus-a-week", "daily", "dast-", "audit-", "yes-last-year", "token"]:
        assert secret not in logged
    assert not visitor.cookies


def test_the_longest_pages_stay_within_the_page_budget(visitor: Client, hotlines) -> None:
    """Budget: 30 KB compressed per page, even with two substances and every question."""
    start = {"audience": "self", "substances": ["alcohol", "opioids"], "age_band": "21-64"}
    pages = [results_page(visitor, pick=pick_highest, **start)]
    pages.append(visitor.post("/self-check/questions/", {**start, "layout": "single"}))

    for page in pages:
        assert len(gzip.compress(page.content)) < 30_000
