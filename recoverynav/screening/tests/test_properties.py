"""Whatever valid answers someone gives, the score is in range and lands in exactly one band."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recoverynav.screening.definitions import Instrument
from recoverynav.screening.engine import reports_use, score
from recoverynav.screening.selectors import list_instruments

INSTRUMENTS = list_instruments(enabled_only=False)


def any_answers(instrument: Instrument) -> st.SearchStrategy[dict]:
    """An answer to every item (skipped items' answers are ignored by the engine)."""
    return st.fixed_dictionaries(
        {
            item.id: (
                st.integers(item.minimum, item.maximum)
                if item.kind == "number"
                else st.sampled_from([o.code for o in item.options])
            )
            for item in instrument.items
        }
    )


@pytest.mark.parametrize("instrument", INSTRUMENTS, ids=lambda i: i.id)
def test_any_valid_answers_score_in_range_and_in_exactly_one_band(instrument: Instrument) -> None:
    @settings(max_examples=150)
    @given(answers=any_answers(instrument), sex=st.sampled_from([None, "male", "female"]))
    def check(answers: dict, sex: str | None) -> None:
        result = score(instrument, answers, sex=sex)

        assert instrument.min_total <= result.total <= instrument.max_total
        use = reports_use(instrument, answers)
        bands = [b for b in instrument.bands if b.contains(result.total, sex, use=use)]
        assert bands == [result.band]

    check()
