"""What holds for every self-check instrument, read from its own data file: the lowest and
highest answers give its published minimum and maximum, every total has exactly one band,
each missing or wrong answer is named, and the results combine as the result page needs."""

import pytest

from recoverynav.screening.definitions import SEXES, Instrument, Item
from recoverynav.screening.engine import (
    InvalidAnswers,
    asked_items,
    item_points,
    score,
    validate,
)
from recoverynav.screening.selectors import (
    LEVELS,
    get_instrument,
    headline,
    highest_level,
    list_instruments,
    results_for,
)

INSTRUMENTS = list_instruments(enabled_only=False)
IDS = [instrument.id for instrument in INSTRUMENTS]


def extreme_answer(item: Item, *, highest: bool) -> int | str:
    """The answer worth the most (or fewest) points, counting reverse-scored items right."""
    if item.kind == "number":
        return item.maximum if highest else item.minimum
    pick = max if highest else min
    return pick(item.options, key=lambda option: item_points(item, option.code)).code


def extreme_answers(instrument: Instrument, *, highest: bool) -> dict[str, int | str]:
    return {item.id: extreme_answer(item, highest=highest) for item in instrument.items}


@pytest.mark.parametrize("instrument", INSTRUMENTS, ids=IDS)
def test_the_highest_answers_give_the_instrument_s_maximum(instrument: Instrument) -> None:
    result = score(instrument, extreme_answers(instrument, highest=True))

    assert result.total == instrument.max_total == result.max_total
    assert result.band == instrument.bands[-1]


@pytest.mark.parametrize("instrument", INSTRUMENTS, ids=IDS)
def test_the_lowest_answers_give_the_instrument_s_minimum(instrument: Instrument) -> None:
    result = score(instrument, extreme_answers(instrument, highest=False))

    assert result.total == instrument.min_total == 0
    assert result.level == LEVELS[0]
    assert result.band == instrument.bands[0]


@pytest.mark.parametrize("instrument", INSTRUMENTS, ids=IDS)
@pytest.mark.parametrize("sex", [None, *SEXES])
def test_every_possible_total_falls_in_exactly_one_band(instrument: Instrument, sex) -> None:
    for total in range(instrument.min_total, instrument.max_total + 1):
        for use in (False, True):
            bands = [b.id for b in instrument.bands if b.contains(total, sex, use=use)]
            assert len(bands) == 1, (total, use, bands)


@pytest.mark.parametrize("instrument", INSTRUMENTS, ids=IDS)
def test_leaving_out_any_asked_question_names_that_question(instrument: Instrument) -> None:
    answers = extreme_answers(instrument, highest=True)

    for item in asked_items(instrument, answers):
        partial = {k: v for k, v in answers.items() if k != item.id}
        with pytest.raises(InvalidAnswers) as raised:
            validate(instrument, partial)
        assert raised.value.problems == {item.id: "missing answer"}


@pytest.mark.parametrize("instrument", INSTRUMENTS, ids=IDS)
def test_a_question_from_another_instrument_is_named_as_not_belonging(
    instrument: Instrument,
) -> None:
    answers = extreme_answers(instrument, highest=True) | {"elsewhere-1": "yes"}

    with pytest.raises(InvalidAnswers) as raised:
        score(instrument, answers)

    assert raised.value.problems == {"elsewhere-1": "not a question in this instrument"}
    assert raised.value.instrument_id == instrument.id


@pytest.mark.parametrize("instrument", INSTRUMENTS, ids=IDS)
def test_an_answer_that_is_not_offered_says_what_is(instrument: Instrument) -> None:
    item = instrument.items[0]
    answers = extreme_answers(instrument, highest=True) | {item.id: "maybe"}

    with pytest.raises(InvalidAnswers) as raised:
        score(instrument, answers)

    reason = raised.value.problems[item.id]
    if item.kind == "number":
        assert reason == f"must be a whole number from {item.minimum} to {item.maximum}"
    else:
        assert reason.startswith("must be one of ")
        assert all(option.code in reason for option in item.options)


def test_a_number_answer_of_true_is_not_taken_for_one_day() -> None:
    crafft = get_instrument("crafft")
    answers = extreme_answers(crafft, highest=True) | {"crafft-a1": True}

    with pytest.raises(InvalidAnswers) as raised:
        score(crafft, answers)

    assert "crafft-a1" in raised.value.problems


@pytest.mark.parametrize("days", [-1, 367, "12.5", "twelve"])
def test_days_outside_the_year_or_not_whole_are_refused(days: object) -> None:
    crafft = get_instrument("crafft")

    with pytest.raises(InvalidAnswers, match="crafft-a1: must be a whole number from 0"):
        score(crafft, extreme_answers(crafft, highest=True) | {"crafft-a1": days})


def test_answers_to_questions_that_were_skipped_do_not_count() -> None:
    audit = get_instrument("audit")
    never = extreme_answers(audit, highest=False)
    with_skipped = never | {"audit-4": "daily", "audit-5": "daily"}

    assert score(audit, with_skipped).total == score(audit, never).total == 0
    assert "audit-4" not in score(audit, with_skipped).answers


def test_the_audit_c_is_scored_beside_the_audit_from_the_same_answers() -> None:
    answers = {"audit": extreme_answers(get_instrument("audit"), highest=True)}

    results = results_for(answers=answers, instrument_ids=["audit"], sex=None)

    assert [r.instrument.id for r in results] == ["audit", "audit-c"]
    assert results[1].total == 12


def test_the_highest_result_decides_and_leads_the_page() -> None:
    answers = {
        "audit": extreme_answers(get_instrument("audit"), highest=False),
        "dast-10": extreme_answers(get_instrument("dast-10"), highest=True),
    }

    results = results_for(answers=answers, instrument_ids=["audit", "dast-10"], sex=None)

    assert headline(results).instrument.id == "dast-10"
    assert highest_level(results) == headline(results).level


def test_no_results_give_the_lowest_level_and_no_headline() -> None:
    assert highest_level([]) == LEVELS[0]
    assert headline([]) is None


ENABLED = list_instruments()


@pytest.mark.django_db
@pytest.mark.parametrize("instrument", ENABLED, ids=[i.id for i in ENABLED])
def test_the_api_scores_the_highest_answers_of_every_offered_instrument_as_the_engine_does(
    visitor, instrument: Instrument
) -> None:
    answers = extreme_answers(instrument, highest=True)

    response = visitor.post(
        "/api/v1/screening/score",
        {"instrument": instrument.id, "answers": answers},
        content_type="application/json",
    )

    assert response.status_code == 200, response.content
    first = response.json()["results"][0]
    assert (first["instrument"], first["total"]) == (instrument.id, instrument.max_total)
    assert first["band"]["id"] == score(instrument, answers).band.id
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_the_api_names_the_missing_question_in_its_error(visitor) -> None:
    response = visitor.post(
        "/api/v1/screening/score",
        {"instrument": "dast-10", "answers": {f"dast-{n}": "no" for n in range(1, 10)}},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert "dast-10" in str(response.json()["errors"])


def test_an_unknown_instrument_is_named_in_the_error() -> None:
    from recoverynav.screening.selectors import UnknownInstrument

    with pytest.raises(UnknownInstrument, match="There is no self-check called 'nope'"):
        get_instrument("nope")


def test_an_instrument_the_operator_switched_off_is_neither_listed_nor_scored(settings) -> None:
    from recoverynav.screening.selectors import UnknownInstrument

    settings.SCREENING_DAST10_ENABLED = False

    assert "dast-10" not in [i.id for i in list_instruments()]
    assert "dast-10" in [i.id for i in list_instruments(enabled_only=False)]
    with pytest.raises(UnknownInstrument):
        get_instrument("dast-10")


@pytest.mark.django_db
def test_the_api_answers_404_for_a_switched_off_instrument(visitor, settings) -> None:
    settings.SCREENING_DAST10_ENABLED = False

    response = visitor.get("/api/v1/screening/instruments/dast-10")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.django_db
@pytest.mark.parametrize("instrument", ENABLED, ids=[i.id for i in ENABLED])
def test_the_api_describes_every_offered_instrument_as_the_engine_scores_it(
    visitor, instrument: Instrument
) -> None:
    body = visitor.get(f"/api/v1/screening/instruments/{instrument.id}").json()

    assert [item["id"] for item in body["items"]] == [item.id for item in instrument.items]
    assert (body["min_total"], body["max_total"]) == (instrument.min_total, instrument.max_total)
    assert [band["id"] for band in body["bands"]] == [band.id for band in instrument.bands]
    assert body["scored_item_ids"] == list(instrument.scored_item_ids)


@pytest.mark.django_db
def test_the_api_lists_only_the_offered_instruments(visitor, settings) -> None:
    settings.SCREENING_CRAFFT_ENABLED = False

    body = visitor.get("/api/v1/screening/instruments").json()

    listed = [entry["id"] for entry in body["instruments"]]
    assert "crafft" not in listed
    assert "audit" in listed
