"""Scoring every instrument from its data file: minimums, maximums, band edges, special rules."""

import pytest

from recoverynav.screening.engine import InvalidAnswers, asked_items, score
from recoverynav.screening.selectors import get_instrument

AUDIT_LOW = {f"audit-{n}": "never" for n in (1, 3, 4, 5, 6, 7, 8)} | {
    "audit-2": "1-2",
    "audit-9": "no",
    "audit-10": "no",
}
AUDIT_HIGH = {
    "audit-1": "4-plus-a-week",
    "audit-2": "10-plus",
    **{f"audit-{n}": "daily" for n in range(3, 9)},
    "audit-9": "yes-last-year",
    "audit-10": "yes-last-year",
}
HOW_OFTEN = ["never", "less-than-monthly", "monthly", "weekly", "daily"]


def audit_with_total(total: int) -> dict[str, str]:
    """A full AUDIT answer set adding up to `total`, filling items 3-8 first (4 points each)."""
    answers = {"audit-1": "4-plus-a-week", "audit-2": "1-2", "audit-9": "no", "audit-10": "no"}
    remaining = total - 4
    for n in range(3, 9):
        points = max(0, min(4, remaining))
        answers[f"audit-{n}"] = HOW_OFTEN[points]
        remaining -= points
    assert remaining <= 0, "totals above 28 need items 2, 9 and 10"
    return answers


def yes_count(prefix: str, count: int, size: int) -> dict[str, str]:
    return {f"{prefix}-{n}": "yes" if n <= count else "no" for n in range(1, size + 1)}


def dast_with_total(total: int) -> dict[str, str]:
    """DAST-10 answers scoring `total`: item 3 counts when the answer is "no"."""
    answers = {f"dast-{n}": "no" for n in range(1, 11)}
    answers["dast-3"] = "yes"
    others = [n for n in range(1, 11) if n != 3]
    for n in others[: min(total, 9)]:
        answers[f"dast-{n}"] = "yes"
    if total == 10:
        answers["dast-3"] = "no"
    return answers


CRAFFT_B = ["crafft-c", "crafft-r", "crafft-a", "crafft-f1", "crafft-f2", "crafft-t"]


def crafft_with_total(total: int, days: int = 5) -> dict[str, object]:
    answers: dict[str, object] = {"crafft-a1": days, "crafft-a2": 0, "crafft-a3": 0}
    answers |= {item: "yes" if n < total else "no" for n, item in enumerate(CRAFFT_B)}
    return answers


@pytest.mark.parametrize(
    ("total", "band"),
    [(0, "zone-1"), (7, "zone-1"), (8, "zone-2"), (15, "zone-2"), (16, "zone-3"),
     (19, "zone-3"), (20, "zone-4"), (28, "zone-4")],
)  # fmt: skip
def test_audit_bands_have_the_who_edges(total: int, band: str) -> None:
    answers = audit_with_total(total) if total >= 4 else AUDIT_LOW

    result = score(get_instrument("audit"), answers)

    assert (result.total, result.band.id) == (total, band)


def test_audit_all_minimum_and_all_maximum() -> None:
    audit = get_instrument("audit")

    assert score(audit, AUDIT_LOW).total == 0
    assert (score(audit, AUDIT_HIGH).total, score(audit, AUDIT_HIGH).level) == (40, "severe")


def test_audit_skips_to_questions_9_and_10_for_someone_who_never_drinks() -> None:
    audit = get_instrument("audit")
    answers = {"audit-1": "never", "audit-9": "yes-not-last-year", "audit-10": "no"}

    assert [i.id for i in asked_items(audit, answers)] == ["audit-1", "audit-9", "audit-10"]
    assert score(audit, answers).total == 2


def test_audit_skips_questions_4_to_8_when_2_and_3_score_nothing() -> None:
    answers = {"audit-1": "monthly-or-less", "audit-2": "1-2", "audit-3": "never"}
    answers |= {"audit-9": "no", "audit-10": "no"}

    assert score(get_instrument("audit"), answers).total == 1


@pytest.mark.parametrize(
    ("answers", "sex", "band"),
    [
        ({"audit-1": "2-3-a-week", "audit-2": "1-2", "audit-3": "never"}, "male", "below-cut-off"),
        ({"audit-1": "2-3-a-week", "audit-2": "1-2", "audit-3": "never"}, "female", "positive"),
        ({"audit-1": "2-3-a-week", "audit-2": "1-2", "audit-3": "never"}, None, "positive"),
        ({"audit-1": "4-plus-a-week", "audit-2": "1-2", "audit-3": "never"}, "male", "positive"),
        ({"audit-1": "monthly-or-less", "audit-2": "3-4", "audit-3": "never"}, "female",
         "below-cut-off"),
    ],
)  # fmt: skip
def test_audit_c_cut_off_is_4_for_men_and_3_for_women(answers, sex, band) -> None:
    assert score(get_instrument("audit-c"), answers, sex=sex).band.id == band


def test_audit_c_notes_when_every_point_comes_from_question_1() -> None:
    auditc = get_instrument("audit-c")
    only_first = {"audit-1": "4-plus-a-week", "audit-2": "1-2", "audit-3": "never"}
    mixed = {"audit-1": "4-plus-a-week", "audit-2": "3-4", "audit-3": "never"}

    assert [n.id for n in score(auditc, only_first, sex="male").notes] == ["all-from-item-1"]
    assert score(auditc, mixed, sex="male").notes == ()
    assert score(auditc, {"audit-1": "never"}).notes == ()


@pytest.mark.parametrize(
    ("total", "band"),
    [(0, "none"), (1, "low"), (2, "low"), (3, "moderate"), (5, "moderate"), (6, "substantial"),
     (8, "substantial"), (9, "severe"), (10, "severe")],
)  # fmt: skip
def test_dast_10_bands(total: int, band: str) -> None:
    result = score(get_instrument("dast-10"), dast_with_total(total))

    assert (result.total, result.band.id) == (total, band)


def test_dast_10_item_3_scores_for_no() -> None:
    dast = get_instrument("dast-10")
    all_no = {f"dast-{n}": "no" for n in range(1, 11)}

    assert score(dast, all_no).item_points["dast-3"] == 1
    assert score(dast, all_no | {"dast-3": "yes"}).item_points["dast-3"] == 0


@pytest.mark.parametrize(
    ("total", "band"),
    [(0, "some-use-lower-risk"), (1, "some-use-lower-risk"), (2, "positive"), (6, "positive")],
)
def test_crafft_positive_at_two_or_more(total: int, band: str) -> None:
    result = score(get_instrument("crafft"), crafft_with_total(total))

    assert (result.total, result.band.id) == (total, band)


def test_crafft_part_a_days_are_not_scored() -> None:
    crafft = get_instrument("crafft")

    few_days = score(crafft, crafft_with_total(1, days=1))
    many_days = score(crafft, crafft_with_total(1, days=365))

    assert few_days.total == many_days.total == 1
    assert "crafft-a1" not in many_days.item_points


def test_crafft_asks_only_the_car_question_when_part_a_is_all_zero() -> None:
    crafft = get_instrument("crafft")
    answers = {"crafft-a1": 0, "crafft-a2": 0, "crafft-a3": 0, "crafft-c": "yes"}

    assert [i.id for i in asked_items(crafft, answers)][-1] == "crafft-c"
    assert score(crafft, answers).total == 1


@pytest.mark.parametrize("instrument_id", ["signs", "signs-other"])
@pytest.mark.parametrize(
    ("yeses", "band"),
    [(0, "few"), (1, "few"), (2, "some"), (3, "some"), (4, "several"), (5, "several"),
     (6, "many"), (11, "many")],
)  # fmt: skip
def test_signs_checks_group_answers_and_never_diagnose(instrument_id, yeses, band) -> None:
    instrument = get_instrument(instrument_id)

    result = score(instrument, yes_count("signs", yeses, 11))

    assert (result.total, result.band.id) == (yeses, band)
    assert not instrument.validated
    assert "diagnos" in instrument.not_validated_note.en


def test_it_names_missing_answers() -> None:
    with pytest.raises(InvalidAnswers) as caught:
        score(get_instrument("dast-10"), {"dast-1": "yes"})

    assert caught.value.problems["dast-2"] == "missing answer"
    assert "dast-10" in str(caught.value)


@pytest.mark.parametrize(
    ("instrument_id", "answers", "item", "reason"),
    [
        ("audit", AUDIT_LOW | {"audit-1": "sometimes"}, "audit-1", "must be one of never,"),
        ("crafft", crafft_with_total(0) | {"crafft-a1": 400}, "crafft-a1", "from 0 to 366"),
        ("crafft", crafft_with_total(0) | {"crafft-a1": -1}, "crafft-a1", "from 0 to 366"),
        ("crafft", crafft_with_total(0) | {"crafft-a1": True}, "crafft-a1", "whole number"),
        ("dast-10", dast_with_total(0) | {"dast-11": "yes"}, "dast-11", "not a question"),
        ("dast-10", dast_with_total(0) | {"dast-1": 1}, "dast-1", "must be one of no, yes"),
    ],
)
def test_it_rejects_answers_that_are_not_allowed(instrument_id, answers, item, reason) -> None:
    with pytest.raises(InvalidAnswers) as caught:
        score(get_instrument(instrument_id), answers)

    assert reason in caught.value.problems[item]


def test_it_rejects_an_unknown_sex() -> None:
    with pytest.raises(InvalidAnswers) as caught:
        score(get_instrument("audit-c"), {"audit-1": "never"}, sex="unknown")

    assert "sex" in caught.value.problems


def test_number_answers_may_arrive_as_text_from_a_form() -> None:
    answers = crafft_with_total(2) | {"crafft-a1": "12"}

    assert score(get_instrument("crafft"), answers).total == 2
