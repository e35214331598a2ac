"""The plan and tracker pages as the server renders them: the same wording with or without
JavaScript, nothing that could send a plan back, strings for the JS in a data block."""

import gzip
import json
import re
from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation

from recoverynav.plan import content

pytestmark = pytest.mark.django_db

PAGES = ["/plan/", "/plan/tracker/", "/es/plan/", "/es/plan/tracker/"]
STATIC_DIR = Path(__file__).resolve().parents[1] / "static" / "plan"


def i18n_block(html: str) -> dict:
    match = re.search(r'<script id="plan-i18n" type="application/json">(.*?)</script>', html, re.S)
    assert match, "the page carries its JS strings as a JSON data block"
    return json.loads(match.group(1))


@pytest.mark.parametrize("url", PAGES)
def test_it_renders_each_page_without_any_data(visitor: Client, url: str) -> None:
    response = visitor.get(url)

    assert response.status_code == 200
    assert not response.cookies


@pytest.mark.parametrize("url", PAGES)
def test_it_renders_each_page_with_hotlines(visitor: Client, hotlines: None, url: str) -> None:
    response = visitor.get(url)

    assert response.status_code == 200
    assert not response.cookies


@pytest.mark.parametrize("language", ["en", "es"])
def test_it_shows_every_step_as_a_printable_checklist(visitor: Client, language: str) -> None:
    prefix = "" if language == "en" else "/es"
    html = visitor.get(f"{prefix}/plan/").content.decode()

    with translation.override(language):
        for item in content.REACH_OUT_SCRIPTS + content.KEEP_GOING_PROMPTS:
            assert str(item.text).replace("'", "&#x27;") in html
        for item in content.ENVIRONMENT_CHECKLIST:
            assert f'<input type="checkbox" id="check-{item.id}" data-check="{item.id}">' in html
            assert f'<label for="check-{item.id}">{item.text}</label>' in html
    assert html.count('class="plan-step"') == 4
    assert html.count('class="paper-lines" data-nojs') == 2


def test_the_spanish_plan_is_in_spanish(visitor: Client) -> None:
    html = visitor.get("/es/plan/").content.decode()

    assert "Paso 1: A quién voy a acudir" in html
    assert "Step 1" not in html


def test_it_shows_the_hotlines_for_the_visitors_country(visitor: Client, hotlines: None) -> None:
    html = visitor.get("/plan/", HTTP_ACCEPT_LANGUAGE="en-GB").content.decode()

    assert "Samaritans" in html
    assert "In an emergency, call 999." in html


def test_it_points_to_the_help_page_when_there_are_no_hotlines(visitor: Client) -> None:
    html = visitor.get("/plan/").content.decode()

    assert "Find hotlines for your country" in html


def test_it_says_where_the_naloxone_fact_comes_from(visitor: Client) -> None:
    html = visitor.get("/plan/").content.decode()

    assert f'href="{content.NALOXONE_FACT.source_url}"' in html
    assert "Last checked" in html


@pytest.mark.parametrize("url", PAGES)
def test_no_form_can_send_plan_data_to_the_server(visitor: Client, url: str) -> None:
    html = visitor.get(url).content.decode()

    forms = re.findall(r"<form\b[^>]*>", html)
    assert forms
    for form in forms:
        assert 'method="dialog"' in form, form
        assert "action=" not in form, form
    assert "csrfmiddlewaretoken" not in html


@pytest.mark.parametrize("url", PAGES)
def test_it_has_no_inline_scripts_styles_or_handlers(visitor: Client, url: str) -> None:
    html = visitor.get(url).content.decode()

    for tag in re.findall(r"<script\b[^>]*>", html):
        assert " src=" in tag or 'type="application/json"' in tag, tag
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"\son[a-z]+=", html)
    assert "<style" not in html


@pytest.mark.parametrize("url", PAGES)
def test_each_page_stays_under_thirty_kilobytes_compressed(visitor: Client, hotlines, url) -> None:
    response = visitor.get(url)

    assert len(gzip.compress(response.content)) <= 30 * 1024


@pytest.mark.parametrize("url", PAGES)
def test_the_translation_block_has_every_string_the_scripts_use(visitor: Client, url: str) -> None:
    strings = i18n_block(visitor.get(url).content.decode())
    script = "plan.js" if "tracker" not in url else "tracker.js"
    used = set()
    for name in ["common.js", script]:
        used |= set(re.findall(r'\bt\("(\w+)"', (STATIC_DIR / name).read_text()))

    assert used
    assert used <= set(strings), used - set(strings)


@pytest.mark.parametrize("english", ["/plan/", "/plan/tracker/"])
def test_the_translation_blocks_match_in_both_languages(visitor: Client, english: str) -> None:
    en = i18n_block(visitor.get(english).content.decode())
    es = i18n_block(visitor.get("/es" + english).content.decode())

    assert set(en) == set(es)
    assert en["empty"] == "Nothing here yet."
    assert es["empty"] == "Todavía no hay nada aquí."
    assert en["fileName"] == es["fileName"] == "my-plan-and-tracker.json"


def test_the_tracker_block_names_moods_triggers_and_milestones(visitor: Client) -> None:
    strings = i18n_block(visitor.get("/es/plan/tracker/").content.decode())

    assert strings["moods"]["1"] == "Muy bajo"
    assert strings["triggers"]["stress"] == "Estrés"
    assert [m["days"] for m in strings["milestones"]] == content.MILESTONE_DAYS
    assert strings["milestones"][1]["label"] == "1 semana"
    assert strings["highCraving"] == 7


def test_the_tracker_explains_itself_and_offers_a_paper_version(visitor: Client) -> None:
    html = visitor.get("/plan/tracker/").content.decode()

    assert "The tracker needs JavaScript" in html
    assert html.count("<tr><td></td><td></td><td></td><td></td><td></td></tr>") == 7
    for prompt in content.PREVENTION_PROMPTS:
        assert f"<h4>{prompt.text}</h4>" in html
    # The interactive parts stay hidden until the script has wired them up.
    assert re.search(r'<section id="check-in"[^>]*data-js hidden>', html)


@pytest.mark.parametrize("url", ["/plan/", "/plan/tracker/"])
def test_the_words_never_shame(visitor: Client, url: str) -> None:
    html = visitor.get(url).content.decode()
    page_text = re.sub(r"<[^>]+>", " ", re.sub(r"<script.*?</script>", "", html, flags=re.S))
    words = page_text + json.dumps(list(i18n_block(html).values()), ensure_ascii=False)

    for word in ["failure", "failed", "addict", "clean", "dirty", "relapsed", "junkie"]:
        assert word not in words.lower(), word


def test_a_slip_gets_a_kind_message(visitor: Client) -> None:
    html = visitor.get("/plan/tracker/").content.decode()

    assert "A slip is part of many recoveries" in html
    assert "Here is what can help now" in html


def test_both_pages_say_the_plan_and_the_tracker_move_and_go_together(visitor: Client) -> None:
    for url in ["/plan/", "/plan/tracker/"]:
        html = visitor.get(url).content.decode()

        assert "Move or delete my plan and tracker" in html
        assert "Export saves both in one file" in html
        strings = i18n_block(html)
        assert strings["confirmDelete"].startswith("Delete your plan and your tracker")
        # Either page checks every part of a file, so both carry the words for both parts.
        assert {"people", "options", "substances", "checkins"} <= set(strings["sections"])
        assert strings["triggers"]["stress"] == "Stress"


def test_the_plan_page_writes_the_plan_for_strong_cravings(visitor: Client) -> None:
    html = visitor.get("/plan/").content.decode()

    assert "When a craving is strong" in html
    for prompt in content.CRAVING_PROMPTS:
        assert f'data-prevention="{prompt.id}"' in html


def test_the_high_craving_card_calls_a_helpline_only_when_the_plan_has_no_one(
    visitor: Client,
) -> None:
    html = visitor.get("/plan/tracker/").content.decode()
    card = re.search(r"<div class=\"card high-craving\".*?\n  </div>", html, re.S).group(0)

    assert "Call someone now" in card
    assert "data-call-list" in card
    assert re.search(r'<p data-call-fallback><a class="button" href="/help-now/">', card)
    assert '<p data-call-more><a href="/help-now/">' in card
    assert "<dl" not in card  # a grid of terms pushed the values off a phone's screen


def test_the_spanish_plan_names_its_sources_in_spanish(visitor: Client) -> None:
    plan = visitor.get("/es/plan/").content.decode()
    tracker = visitor.get("/es/plan/tracker/").content.decode()

    assert "Departamento de Salud y Servicios Humanos de EE. UU." in plan
    assert "U.S. Department of Health and Human Services" not in plan
    assert "Estudio HEALing Communities, Universidad de Kentucky" in tracker


def test_the_check_in_table_names_its_columns_for_the_phone_layout(visitor: Client) -> None:
    html = visitor.get("/plan/tracker/").content.decode()

    assert '<table class="checkins">' in html
    assert "attr(data-label)" in (STATIC_DIR / "plan.css").read_text()
    assert '"data-label"' in (STATIC_DIR / "tracker.js").read_text()
