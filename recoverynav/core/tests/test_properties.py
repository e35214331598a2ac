"""Property tests for the code that reads outside input: whatever the hotline file or the
place a person types, the answer is a result or a clear error, never a crash."""

import csv
import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recoverynav.geo.selectors import lookup_place
from recoverynav.hotlines.models import Country, Hotline
from recoverynav.hotlines.services import (
    DEFAULT_HOTLINES_FILE,
    HotlineFileError,
    load_hotlines,
)

VALID_ROWS = list(csv.DictReader(io.StringIO(DEFAULT_HOTLINES_FILE.read_text(encoding="utf-8"))))
COLUMNS = list(VALID_ROWS[0])
CELL = st.one_of(st.text(max_size=30), st.sampled_from(["", "US", "hotline", "emergency", "x"]))

# A hotline file damaged the ways files get damaged: cells changed, rows dropped or repeated.
damaged_files = st.lists(
    st.tuples(
        st.sampled_from(range(len(VALID_ROWS))),
        st.dictionaries(st.sampled_from(COLUMNS), CELL, max_size=3),
    ),
    min_size=0,
    max_size=8,
)


def snapshot() -> tuple:
    return (
        sorted(Country.objects.values_list("code", "emergency_number")),
        sorted(Hotline.objects.values_list("name", "phone", "hours_en", "status")),
    )


@pytest.mark.django_db
@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(damage=damaged_files)
def test_the_hotline_loader_loads_or_refuses_without_half_changes(damage) -> None:
    load_hotlines()
    before = snapshot()
    rows = [dict(row) for row in VALID_ROWS]
    for index, changes in damage:
        rows[index].update(changes)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "hotlines.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=COLUMNS)
            writer.writeheader()
            writer.writerows(rows)
        try:
            report = load_hotlines(path)
        except HotlineFileError as error:
            refusal = str(error)
        else:
            refusal = None
            # Accepted: every row was valid, and nothing stored before was lost.
            assert report.created + report.updated + report.unchanged == len(rows)
            assert Hotline.objects.count() >= len(before[1])
    if refusal is not None:
        assert refusal  # says what is wrong
        assert snapshot() == before


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(st.text(max_size=80), st.sampled_from(["22903", "Austin, TX", "0,0"])))
def test_the_place_lookup_answers_any_text_with_places_or_an_error(gazetteer, text: str) -> None:
    lookup = lookup_place(text)

    assert lookup.places or lookup.error
