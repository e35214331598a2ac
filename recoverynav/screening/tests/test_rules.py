"""The content audit's rules (issue 15), each pinned as it reads in docs/screening.md."""

import json
from pathlib import Path

import polib
import pytest
import yaml
from django.test import Client
from django.utils import translation

from recoverynav.directory import vocabulary
from recoverynav.screening.engine import score
from recoverynav.screening.guidance import NEXT_STEPS_FILE, next_steps
from recoverynav.screening.selectors import (
    dependence_substances,
    get_instrument,
    headline,
    highest_level,
    results_for,
)
from recoverynav.screening.tests.helpers import act, answer, begin

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> None:
    """Links are built in the active language; these rules read the English ones."""
    with translation.override("en"):
        yield


SCREENING = Path(__file__).resolve().parents[1]
MEETING_FELLOWSHIPS = {"AA", "NA", "SMART", "AL-ANON", "Al-Anon", "Nar-Anon"}


def walk(client: Client, answers: list[str], **start) -> str:
    """The result page after answering the safety question "no", then `answers` in order."""
    response = answer(client, begin(client, **start), "no")
    for value in answers:
        response = answer(client, response, value)
    assert 'value="results"' in response.content.decode(), "answers left questions open"
    return act(client, response, "results").content.decode()


# --- S2: the CRAFFT never tells a young person who uses that there is no risk ------------------
def crafft(days: tuple[int, int, int], part_b_yes: int = 0) -> dict:
    answers: dict = dict(zip(["crafft-a1", "crafft-a2", "crafft-a3"], days, strict=True))
    part_b = ["crafft-c", "crafft-r", "crafft-a", "crafft-f1", "crafft-f2", "crafft-t"]
    return answers | {item: "yes" if n < part_b_yes else "no" for n, item in enumerate(part_b)}


@pytest.mark.parametrize("yes", [0, 1])
def test_a_young_person_who_used_gets_some_use_lower_risk_advice_with_part_b_0_or_1(yes) -> None:
    result = score(get_instrument("crafft"), crafft((0, 300, 0), part_b_yes=yes))

    assert result.band.id == "some-use-lower-risk"
    assert "no signs of risk" not in result.band.meaning.en
    assert "safest choice is not to use" in result.band.meaning.en


def test_no_risk_found_is_kept_for_part_a_all_zero_only() -> None:
    assert score(get_instrument("crafft"), crafft((0, 0, 0))).band.id == "no-use"
    assert score(get_instrument("crafft"), crafft((0, 0, 0), 1)).band.id == "no-use-car"
    assert score(get_instrument("crafft"), crafft((1, 0, 0), 2)).band.id == "positive"


def test_the_teen_who_used_cannabis_on_300_days_reads_brief_advice(visitor, hotlines) -> None:
    html = walk(visitor, ["0", "300", "0", "no", "no", "no", "no", "no", "no"],
                substances=["cannabis"], age_band="12-17")  # fmt: skip

    assert "Some use, lower risk" in html
    assert "do not show signs of risk" not in html


# --- S3: every opioid result carries overdose safety -------------------------------------------
@pytest.mark.parametrize("level", ["low", "severe"])
@pytest.mark.parametrize("audience", ["self", "other"])
def test_every_opioid_result_says_keep_naloxone_tolerance_falls_and_never_use_alone(
    level: str, audience: str
) -> None:
    safety = next_steps(level=level, substances=["opioids"], audience=audience).opioid_safety

    words = " ".join(point.en for point in safety.points)
    assert "naloxone" in words
    assert "Tolerance falls fast after any break" in words
    assert "Never use alone" in words
    assert safety.url == "/guide/overdose/"


def test_the_opioid_block_is_on_the_page_with_a_link_to_the_overdose_guide(
    visitor, hotlines
) -> None:
    html = walk(visitor, ["no"] * 10, substances=["opioids"])

    assert "naloxone (Narcan)" in html
    assert 'href="/guide/overdose/"' in html


def test_results_without_opioids_carry_no_opioid_block() -> None:
    assert next_steps(level="severe", substances=["alcohol"], audience="self").opioid_safety is None


# --- S4: disulfiram only with full knowledge and consent, never on the family result ----------
def test_disulfiram_is_offered_only_with_full_knowledge_and_consent() -> None:
    medicines = next_steps(level="severe", substances=["alcohol"], audience="self").medications

    (disulfiram,) = [m for m in medicines if m.title.en == "Disulfiram"]
    assert "full knowledge and consent" in disulfiram.text.en
    assert "never given to anyone secretly" in disulfiram.text.en
    assert "never within 12 hours of drinking" in disulfiram.text.en
    assert "pleno conocimiento y consentimiento" in disulfiram.text.es


def test_disulfiram_is_not_offered_on_the_family_result() -> None:
    medicines = next_steps(level="severe", substances=["alcohol"], audience="other").medications

    assert "Disulfiram" not in [m.title.en for m in medicines]
    assert medicines  # the other alcohol medicines are still named


# --- S5: kinds of next step a screen can support, never a level of care ------------------------
@pytest.mark.parametrize(
    ("level", "kind"),
    [("low", "advice"), ("moderate", "brief counseling"), ("high", "a full assessment"),
     ("severe", "specialist referral")],
)  # fmt: skip
def test_the_result_names_a_kind_of_next_step_not_a_level_of_care(level: str, kind: str) -> None:
    steps = next_steps(level=level, substances=["alcohol"], audience="self")

    assert [s.title.en.lower() for s in steps.care] == [
        "advice and self-help", "brief counseling", "a full assessment", "specialist referral"
    ]  # fmt: skip
    assert kind in steps.suggested.title.en.lower()
    assert "residential" not in steps.suggested.title.en.lower()


def test_no_result_says_a_level_of_care_fits_your_answers(visitor, hotlines) -> None:
    html = walk(visitor, ["daily", "10-plus", "daily"] + ["daily"] * 5 + ["yes-last-year"] * 2)

    assert "fits your answers" not in html
    assert "Specialist referral" in html


# --- S6: the full AUDIT's zone decides; the withdrawal warning needs signs of dependence -------
LIGHT_DRINKER = {"audit-1": "2-3-a-week", "audit-2": "1-2", "audit-3": "never",
                 "audit-9": "no", "audit-10": "no"}  # fmt: skip
NEVER_4_TO_8 = {f"audit-{n}": "never" for n in range(4, 9)}


def test_when_the_full_audit_was_done_its_zone_decides_and_the_audit_c_is_a_sub_score() -> None:
    results = results_for(answers={"audit": LIGHT_DRINKER}, instrument_ids=["audit"], sex="female")

    audit, audit_c = results
    assert (audit.total, audit.band.id) == (3, "zone-1")
    assert audit_c.band.id == "positive"  # above the AUDIT-C cut-off for women on its own
    assert highest_level(results) == "low"
    assert headline(results) is audit


def test_a_light_drinker_is_not_warned_about_withdrawal_nor_sent_to_treatment() -> None:
    results = results_for(answers={"audit": LIGHT_DRINKER}, instrument_ids=["audit"], sex="female")
    steps = next_steps(
        level=highest_level(results),
        substances=["alcohol"],
        audience="self",
        dependence=dependence_substances(results, ["alcohol"]),
    )

    assert steps.withdrawal_warning is None
    assert steps.suggested.title.en == "Advice and self-help"


@pytest.mark.parametrize(
    ("instrument_id", "answers", "substances", "warned"),
    [
        ("audit", LIGHT_DRINKER, ["alcohol"], False),
        ("audit", LIGHT_DRINKER | {"audit-2": "3-4", **NEVER_4_TO_8}, ["alcohol"], False),
        ("audit", LIGHT_DRINKER | {"audit-2": "3-4", "audit-4": "monthly",
         **{f"audit-{n}": "never" for n in range(5, 9)}}, ["alcohol"], True),
        ("audit", LIGHT_DRINKER | {"audit-2": "3-4", "audit-6": "less-than-monthly",
         **{f"audit-{n}": "never" for n in (4, 5, 7, 8)}}, ["alcohol"], True),
        ("dast-10", {f"dast-{n}": "no" for n in range(1, 11)} | {"dast-9": "yes"},
         ["opioids"], True),
        ("dast-10", {f"dast-{n}": "yes" for n in range(1, 11)} | {"dast-9": "no"},
         ["opioids"], False),
        ("dast-10", {f"dast-{n}": "no" for n in range(1, 11)} | {"dast-9": "yes"},
         ["stimulants"], False),
        ("signs", {f"signs-{n}": "no" for n in range(1, 12)} | {"signs-11": "yes"},
         ["sedatives"], True),
        ("signs", {f"signs-{n}": "yes" for n in range(1, 10)} | {"signs-10": "no",
         "signs-11": "no"}, ["alcohol"], False),
        ("crafft", crafft((5, 0, 0), part_b_yes=2), ["alcohol"], False),
        # Daily or near-daily heavy drinking, with "never" to items 4-8 (review doubt b).
        ("audit", {"audit-1": "4-plus-a-week", "audit-2": "7-9", "audit-3": "weekly",
         **NEVER_4_TO_8, "audit-9": "no", "audit-10": "no"}, ["alcohol"], True),
        ("audit", {"audit-1": "4-plus-a-week", "audit-2": "5-6", "audit-3": "daily",
         **NEVER_4_TO_8, "audit-9": "no", "audit-10": "no"}, ["alcohol"], True),
        # Heavy but not near daily, or near daily but not heavy: no warning without a sign.
        ("audit", {"audit-1": "2-3-a-week", "audit-2": "10-plus", "audit-3": "weekly",
         **NEVER_4_TO_8, "audit-9": "no", "audit-10": "no"}, ["alcohol"], False),
        ("audit", {"audit-1": "4-plus-a-week", "audit-2": "5-6", "audit-3": "weekly",
         **NEVER_4_TO_8, "audit-9": "no", "audit-10": "no"}, ["alcohol"], False),
        ("usaudit", {"usaudit-1": "daily", "usaudit-2": "5-6", "usaudit-3": "weekly",
         **{f"usaudit-{n}": "never" for n in range(4, 9)}, "usaudit-9": "no",
         "usaudit-10": "no"}, ["alcohol"], True),
        ("usaudit", {"usaudit-1": "2-3-a-week", "usaudit-2": "10-plus",
         "usaudit-3": "2-3-a-week", **{f"usaudit-{n}": "never" for n in range(4, 9)},
         "usaudit-9": "no", "usaudit-10": "no"}, ["alcohol"], False),
        ("usaudit", {"usaudit-1": "weekly", "usaudit-2": "4", "usaudit-3": "4-6-a-week",
         **{f"usaudit-{n}": "never" for n in range(4, 9)}, "usaudit-9": "no",
         "usaudit-10": "no"}, ["alcohol"], True),
    ],
)  # fmt: skip
def test_the_withdrawal_warning_appears_only_with_signs_of_dependence(
    instrument_id: str, answers: dict, substances: list[str], warned: bool
) -> None:
    """AUDIT items 4-6 above zero, daily or near-daily heavy drinking, DAST-10 item 9 "yes" or
    signs 10-11 "yes", for alcohol, sedatives or opioids."""
    results = results_for(
        answers={instrument_id: answers}, instrument_ids=[instrument_id], sex=None
    )
    steps = next_steps(
        level=highest_level(results),
        substances=substances,
        audience="self",
        dependence=dependence_substances(results, substances),
    )

    assert (steps.withdrawal_warning is not None) == warned


# --- S7: USAUDIT for the US standard drink, every band edge from its guide ---------------------
HOW_OFTEN_7 = ["never", "less-than-monthly", "monthly", "weekly", "2-3-a-week", "4-6-a-week",
               "daily"]  # fmt: skip
HOW_OFTEN_5 = ["never", "less-than-monthly", "monthly", "weekly", "daily"]


DRINKS = ["1", "2", "3", "4", "5-6", "7-9", "10-plus"]


def usaudit_with_total(total: int) -> dict[str, str]:
    """USAUDIT answers adding up to `total`: question 1 (up to 6 points), question 3 (6), then
    4-8 (4 each), then 9-10 (0, 2 or 4), and what is left from question 2 (6)."""
    answers = {"usaudit-1": HOW_OFTEN_7[min(total, 6)]}
    remaining = total - min(total, 6)
    answers["usaudit-3"] = HOW_OFTEN_7[min(remaining, 6)]
    remaining -= min(remaining, 6)
    for n in range(4, 9):
        answers[f"usaudit-{n}"] = HOW_OFTEN_5[min(remaining, 4)]
        remaining -= min(remaining, 4)
    for n in (9, 10):
        points = min(remaining, 4) // 2 * 2
        answers[f"usaudit-{n}"] = {0: "no", 2: "yes-not-last-year", 4: "yes-last-year"}[points]
        remaining -= points
    answers["usaudit-2"] = DRINKS[remaining]
    return answers


@pytest.mark.parametrize(
    ("total", "sex", "zone"),
    [(0, "male", "zone-1"), (7, "male", "zone-1"), (8, "male", "zone-2"),
     (0, "female", "zone-1"), (6, "female", "zone-1"), (7, "female", "zone-2"),
     (6, None, "zone-1"), (7, None, "zone-2"),
     (15, "male", "zone-2"), (15, "female", "zone-2"), (16, "male", "zone-3"),
     (16, "female", "zone-3"), (24, None, "zone-3"), (25, None, "zone-4"),
     (25, "female", "zone-4"), (46, "male", "zone-4")],
)  # fmt: skip
def test_usaudit_scores_at_every_band_edge_of_its_guide(total: int, sex, zone: str) -> None:
    result = score(get_instrument("usaudit"), usaudit_with_total(total), sex=sex)

    assert (result.total, result.band.id) == (total, zone)


def test_usaudit_questions_1_to_3_score_0_to_6_and_the_rest_like_the_audit() -> None:
    usaudit = get_instrument("usaudit")

    assert [item.max_points for item in usaudit.items] == [6, 6, 6, 4, 4, 4, 4, 4, 4, 4]
    assert usaudit.max_total == 46


def test_usaudit_keeps_the_wording_and_scores_of_the_published_questionnaire() -> None:
    published = json.loads(
        (Path(__file__).parent / "data" / "Questionnaire-USAUDIT-trimmed.json").read_text()
    )
    words = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
    by_link = {item["linkId"]: item for item in published["item"]}
    usaudit = get_instrument("usaudit")
    for number, word in enumerate(words, start=1):
        theirs = by_link[f"usaudit-question-{word}"]
        ours = usaudit.items_by_id[f"usaudit-{number}"]
        assert ours.text.en == theirs["text"]
        assert [o.score for o in ours.options] == [
            o["ordinalValue"] for o in theirs["answerOption"]
        ]
        for mine, their in zip(ours.options, theirs["answerOption"], strict=True):
            if their["valueCoding"]["display"] != "7-8 drinks":  # leaves 9 drinks out
                assert mine.text.en.lower() == their["valueCoding"]["display"].lower()


def test_the_result_says_which_alcohol_check_ran(hotlines) -> None:
    heavy = ["daily", "10-plus", "daily"] + ["never"] * 5 + ["no", "no"]
    american = walk(Client(HTTP_ACCEPT_LANGUAGE="en-US"), heavy)
    british = walk(Client(HTTP_ACCEPT_LANGUAGE="en-GB"), ["4-plus-a-week", *heavy[1:]])

    assert "The check that ran: Alcohol check (USAUDIT)." in american
    assert "about 14 g of alcohol" in american
    assert "The check that ran: Alcohol check (AUDIT)." in british
    assert "about 10 g of alcohol" in british


# --- S8, S9, S10, S12: licences stated truly, the instruments unchanged ------------------------
def test_the_who_non_commercial_condition_is_stated() -> None:
    for instrument_id in ["audit", "audit-c", "usaudit"]:
        licence = get_instrument(instrument_id).licence.en
        assert "not for sale or for use in conjunction with commercial purposes" in licence


def test_the_crafft_licence_says_electronic_re_publishing_needs_free_approval() -> None:
    licence = get_instrument("crafft").licence.en

    assert "needs the authors' approval, which is free" in licence
    assert "reproduced unchanged" not in licence


def test_the_operators_guide_tells_them_to_request_crafft_approval_or_switch_it_off() -> None:
    docs = (SCREENING.parents[1] / "docs" / "screening.md").read_text()

    assert "SCREENING_CRAFFT_ENABLED" in docs
    assert "request approval" in docs


def test_no_hint_tells_a_dast_10_respondent_which_answer_counts() -> None:
    assert all(item.hint is None for item in get_instrument("dast-10").items)


def test_the_audit_c_never_tells_someone_to_take_the_test_they_just_took() -> None:
    for band in get_instrument("audit-c").bands:
        assert "full AUDIT" not in band.meaning.en
        assert "AUDIT completo" not in band.meaning.es


# --- S11: family and friends -------------------------------------------------------------------
def test_the_family_safety_question_also_asks_whether_the_person_is_in_danger_now(visitor) -> None:
    html = begin(visitor, audience="other").content.decode()

    assert "is the person you care about in danger" in html
    assert "thoughts of ending your own life" in html


def test_the_withdrawal_warning_on_the_family_result_speaks_about_the_person_cared_for() -> None:
    steps = next_steps(level="severe", substances=["alcohol"], audience="other",
                       dependence={"alcohol"})  # fmt: skip

    assert steps.withdrawal_warning.heading.en == "Stopping suddenly can be dangerous for them."
    assert "Encourage the person you care about" in steps.withdrawal_warning.text.en
    assert "before you stop" not in steps.withdrawal_warning.text.en


# --- L1-L5: Spanish -----------------------------------------------------------------------------
def test_the_family_check_in_spanish_asks_about_the_other_person() -> None:
    for item in get_instrument("signs-other").items:
        assert "esa persona" in item.text.es.lower(), item.id


def test_the_crisis_sentence_in_spanish_is_grammatical() -> None:
    catalogue = polib.pofile(str(SCREENING / "locale" / "es" / "LC_MESSAGES" / "django.po"))

    assert not [e for e in catalogue if "Si podría" in e.msgstr]


def test_the_crafft_spanish_says_mas_de_unos_sorbos() -> None:
    assert "más de unos sorbos" in get_instrument("crafft").items_by_id["crafft-a1"].text.es


def test_the_audit_spanish_item_3_follows_the_who_spanish_edition() -> None:
    assert "en un solo día" in get_instrument("audit").items_by_id["audit-3"].text.es


def test_the_spanish_about_page_never_calls_our_translations_validated(visitor) -> None:
    html = visitor.get("/es/self-check/about/").content.decode()

    sections = {part.split('"', 1)[0]: part for part in html.split('id="about-')[1:]}
    for instrument_id in ["dast-10", "crafft"]:
        assert "Sí, estudiada en investigaciones" not in sections[instrument_id]
        assert "no validada" in sections[instrument_id]
    assert "Sí, estudiada en investigaciones" in sections["audit"]


def test_spanish_question_pages_say_when_the_translation_is_ours(visitor) -> None:
    page = answer(visitor, begin(visitor, prefix="/es", substances=["opioids"]), "no")

    assert "Traducción nuestra, no validada." in page.content.decode()


# --- G7, G8: words inside the self-check files -------------------------------------------------
def test_withdrawal_management_is_not_called_abstinencia_alone() -> None:
    text = NEXT_STEPS_FILE.read_text(encoding="utf-8")

    assert "abstinencia con supervisión médica" not in text.lower()
    assert "desintoxicación con supervisión médica" in text


def test_one_word_for_counseling_in_spanish() -> None:
    """Driving is "conducir" site-wide: one test reads all Spanish text for it
    (guide/tests/test_content_rules.py, test_spanish_text_says_conducir_for_driving_everywhere)."""
    steps = NEXT_STEPS_FILE.read_text(encoding="utf-8")

    assert "Terapia" not in steps
    assert "Consejería" in steps


# --- Issue 18: the searches carry what the result found ----------------------------------------
def test_find_treatment_carries_substance_use_care_the_usual_setting_and_a_teens_age() -> None:
    steps = next_steps(level="moderate", substances=["alcohol"], audience="self", age_band="12-17")

    assert steps.finder_filters == {
        "care": ["substance_use"], "setting": ["outpatient"], "age": ["children"]
    }  # fmt: skip
    assert steps.treatment_url == "/treatment/?care=substance_use&setting=outpatient&age=children"


def test_every_search_value_the_result_offers_is_one_the_finders_know() -> None:
    data = yaml.safe_load(NEXT_STEPS_FILE.read_text(encoding="utf-8"))
    for kind in data["kinds"]:
        assert set(kind["finder_settings"]) <= set(vocabulary.SETTING.values)
    for ages in data["finder_ages"].values():
        assert set(ages) <= set(vocabulary.AGE.values)
    for medicines in data["medications"].values():
        for medicine in medicines if isinstance(medicines, list) else []:
            assert set(medicine["finder"]) <= set(vocabulary.MEDICATION.values)
    fellowships = {
        group["fellowship"]
        for audience in data["groups"].values()
        for groups in audience.values()
        for group in groups
    }
    assert fellowships <= MEETING_FELLOWSHIPS


def test_the_opioid_naltrexone_link_finds_the_injection_it_describes() -> None:
    medicines = next_steps(level="severe", substances=["opioids"], audience="self").medications

    (naltrexone,) = [m for m in medicines if m.title.en.startswith("Naltrexone")]
    assert "monthly injection" in naltrexone.text.en
    assert naltrexone.url == "/treatment/?medication=naltrexone_er"


def test_a_yes_from_family_or_friends_leads_to_help_for_the_person_and_for_them(
    visitor, hotlines
) -> None:
    html = answer(visitor, begin(visitor, audience="other"), "yes").content.decode()

    assert "If the person you care about is in danger now, call the emergency number" in html
    assert 'href="tel:911"' in html
