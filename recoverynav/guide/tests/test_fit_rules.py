"""The "which help fits me?" rules: one row per rule, and the withdrawal rule always wins."""

import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recoverynav.directory.vocabulary import MEDICATION, PAYMENT, SETTING
from recoverynav.guide.fit import RulesError, evaluate, load_rules, shipped_rules
from recoverynav.guide.forms import FitForm

RULES = shipped_rules()
CONTENT = Path(__file__).resolve().parents[1] / "content"
BASE = {"substances": {"cannabis"}, "impact": {"little"}, "withdrawal": {"no"}}


def answers(**overrides: set[str]) -> dict[str, frozenset[str]]:
    return {name: frozenset(values) for name, values in {**BASE, **overrides}.items()}


# rule id, answers that make it fire, what must follow.
SAFE = {"first_steps": "withdrawal_management"}
RULE_TABLE = [
    ("withdrawal-safety", {"substances": {"alcohol"}, "withdrawal": {"yes"}}, SAFE),
    ("withdrawal-safety", {"substances": {"benzodiazepines"}, "withdrawal": {"unsure"}}, SAFE),
    ("withdrawal-safety", {"substances": {"opioids", "cannabis"}, "withdrawal": {"yes"}}, SAFE),
    ("pregnancy", {"pregnant": {"yes"}}, {"level": "outpatient"}),
    ("alcohol", {"substances": {"alcohol"}}, {"medications": "acamprosate", "groups": "aa"}),
    ("opioids", {"substances": {"opioids"}}, {"medications": "methadone", "level": "outpatient"}),
    ("benzodiazepines", {"substances": {"benzodiazepines"}}, {"level": "outpatient"}),
    ("stimulants", {"substances": {"stimulants"}}, {"counselling": "contingency_management"}),
    ("cannabis", {"substances": {"cannabis"}}, {"counselling": "cbt"}),
    ("other-drugs", {"substances": {"other"}}, {"groups": "na"}),
    ("everyone", {}, {"groups": "smart", "level": "self_help"}),
    ("impact-little", {"impact": {"little"}}, {"counselling": "motivational_interviewing"}),
    ("impact-some", {"impact": {"some"}}, {"level": "outpatient"}),
    ("impact-a-lot", {"impact": {"a_lot"}}, {"level": "intensive_outpatient"}),
    ("impact-most", {"impact": {"most"}}, {"level": "residential"}),
    ("selfcheck-moderate", {"selfcheck": {"moderate"}}, {"level": "outpatient"}),
    ("selfcheck-high", {"selfcheck": {"severe"}}, {"level": "intensive_outpatient"}),
    ("home-unstable", {"home": {"unstable"}}, {"level": "residential"}),
    ("mental-health", {"mental_health": {"unsure"}}, {"counselling": "integrated_care"}),
    ("duties", {"duties": {"caring"}}, {}),
    ("payment-none", {"payment": {"none"}}, {}),
]  # fmt: skip


@pytest.mark.parametrize(("rule_id", "given_answers", "expected"), RULE_TABLE)
def test_each_rule_fires_and_has_its_effect(
    rule_id: str, given_answers: dict, expected: dict
) -> None:
    result = evaluate(RULES, answers(**given_answers))

    assert rule_id in result.fired
    for name, key in expected.items():
        assert key == result.level if name == "level" else key in getattr(result, name)


def test_every_rule_is_in_the_table() -> None:
    assert {rule.id for rule in RULES.rules} == {row[0] for row in RULE_TABLE}


@pytest.mark.parametrize(
    ("rule_id", "given_answers"),
    [
        ("withdrawal-safety", {"substances": {"alcohol"}, "withdrawal": {"no"}}),
        ("withdrawal-safety", {"substances": {"stimulants"}, "withdrawal": {"yes"}}),
        ("pregnancy", {"pregnant": {"prefer_not"}}),
        ("home-unstable", {"home": {"stable"}}),
        ("mental-health", {"mental_health": {"no"}}),
        ("payment-none", {"payment": {"medicaid"}}),
        ("impact-most", {"impact": {"a_lot"}}),
    ],
)
def test_a_rule_stays_quiet_when_its_answers_are_not_given(
    rule_id: str, given_answers: dict
) -> None:
    assert rule_id not in evaluate(RULES, answers(**given_answers)).fired


def test_the_level_is_the_most_intensive_any_rule_asks_for() -> None:
    result = evaluate(RULES, answers(impact={"some"}, home={"unstable"}, selfcheck={"moderate"}))

    assert result.level == "residential"


def test_without_any_level_rule_the_least_intensive_level_is_suggested() -> None:
    assert evaluate(RULES, answers()).level == "self_help"


def test_the_substance_groups_come_before_the_general_ones() -> None:
    assert evaluate(RULES, answers(substances={"alcohol"})).groups[0] == "aa"


def choice_values(field: str) -> list[str]:
    return [value for value, _label in FitForm.base_fields[field].choices]


everyone_answers = st.fixed_dictionaries(
    {
        "substances": st.frozensets(st.sampled_from(choice_values("substances")), min_size=1),
        "impact": st.sampled_from(choice_values("impact")).map(lambda v: frozenset({v})),
        "home": st.sampled_from(["", *choice_values("home")]).map(lambda v: frozenset({v} - {""})),
        "pregnant": st.sampled_from(choice_values("pregnant")).map(lambda v: frozenset({v})),
        "mental_health": st.sampled_from(choice_values("mental_health")).map(
            lambda v: frozenset({v})
        ),
        "duties": st.frozensets(st.sampled_from(choice_values("duties"))),
        "payment": st.sampled_from(choice_values("payment")).map(lambda v: frozenset({v})),
        "selfcheck": st.sampled_from(["low", "moderate", "high", "severe"]).map(
            lambda v: frozenset({v})
        ),
    }
)


@given(
    everyone_answers,
    st.sampled_from(["alcohol", "benzodiazepines", "opioids"]),
    st.sampled_from(["yes", "unsure"]),
)
def test_the_withdrawal_safety_rule_always_wins(
    other_answers: dict, risky: str, withdrawal: str
) -> None:
    given_answers = {
        **other_answers,
        "substances": other_answers["substances"] | {risky},
        "withdrawal": frozenset({withdrawal}),
    }

    result = evaluate(RULES, given_answers)

    assert result.safety_notes[0] == "withdrawal-safety"
    assert result.first_steps[0] == "withdrawal_management"


def test_the_safety_rule_wins_even_when_life_looks_fine() -> None:
    result = evaluate(
        RULES,
        answers(
            substances={"alcohol"}, impact={"little"}, withdrawal={"unsure"}, selfcheck={"low"}
        ),
    )

    assert result.safety_notes[0] == "withdrawal-safety"


def test_every_answer_a_rule_names_is_one_the_form_can_send() -> None:
    for rule in RULES.rules:
        for question, values in rule.when.items():
            allowed = (
                set(choice_values(question))
                if question != "selfcheck"
                else {"low", "moderate", "high", "severe"}
            )
            assert values <= allowed, f"{rule.id}: {question} {values - allowed}"


def test_every_suggestion_links_to_a_guide_page_that_exists() -> None:
    for catalogue in RULES.catalogues.values():
        for key, entry in catalogue.items():
            for language in ("en", "es"):
                assert (CONTENT / language / f"{entry['page']}.md").is_file(), key


def test_every_note_and_title_is_in_english_and_spanish() -> None:
    for rule in RULES.rules:
        if rule.note:
            assert rule.note["en"], rule.id
            assert rule.note["es"], rule.id


# The meeting finder's fellowship values other pages link with (its contract), and "" for
# every meeting.
FELLOWSHIPS = {"AA", "NA", "SMART", "AL-ANON", "Al-Anon", "Nar-Anon", ""}


def as_list(value: str | list[str]) -> list[str]:
    return value if isinstance(value, list) else [value]


def test_every_treatment_finder_filter_is_a_value_the_finder_accepts() -> None:
    for catalogue in ("levels", "first_steps", "medications"):
        for key, entry in RULES.catalogues[catalogue].items():
            for value in as_list(entry.get("filter", [])):
                assert value in MEDICATION.values, f"{catalogue}.{key}: medication={value}"
            if "setting" in entry:
                assert entry["setting"] in SETTING.values, f"{catalogue}.{key}"
    for answer, value in RULES.payment_filters.items():
        assert value in PAYMENT.values, f"payment {answer}: {value}"


def test_every_meeting_finder_filter_is_a_fellowship_the_finder_accepts() -> None:
    for key, entry in RULES.catalogues["groups"].items():
        assert entry["fellowship"] in FELLOWSHIPS, key


def test_the_naltrexone_shot_is_found_as_the_shot() -> None:
    shot = RULES.catalogues["medications"]["naltrexone_opioids"]

    assert shot["filter"] == "naltrexone_er"


RULES_TEXT = (Path(__file__).resolve().parents[1] / "data" / "fit_rules.yaml").read_text()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("rules: [", "not valid YAML"),
        ("- a list", "must be a mapping"),
        (
            RULES_TEXT.replace("level: residential\n    note:", "level: mansion\n    note:"),
            "unknown level 'mansion'",
        ),
        (RULES_TEXT.replace("groups: [aa]", "groups: [aaa]"), "unknown groups ['aaa']"),
        (RULES_TEXT.replace("  - id: stimulants", "  - id: cannabis"), "share an id"),
        (
            RULES_TEXT.replace(
                'title: {en: "Family therapy", es: "Terapia familiar"}',
                'title: {en: "Family therapy"}',
            ),
            "family_therapy needs a title in en and es",
        ),
        (RULES_TEXT.split("rules:\n")[0] + "rules: []\n", "'rules' list is empty"),
        (
            re.sub(r"reviewed: \d{4}-\d{2}-\d{2}", "reviewed: lately", RULES_TEXT),
            "'reviewed' must be a date",
        ),
        (RULES_TEXT.replace('url: "https://nida', 'url: "http://nida'), "https:// url"),
    ],
)
def test_a_broken_rules_file_is_explained(text: str, message: str) -> None:
    with pytest.raises(RulesError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_rules(text)


def test_the_rules_cover_every_combination_without_error() -> None:
    substances = choice_values("substances")
    for impact, withdrawal, home in itertools.product(
        choice_values("impact"), choice_values("withdrawal"), ["stable", "unstable"]
    ):
        result = evaluate(
            RULES,
            answers(
                substances=set(substances), impact={impact}, withdrawal={withdrawal}, home={home}
            ),
        )
        assert result.level in RULES.level_order
