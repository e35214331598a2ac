"""The searchable vocabulary: stored bit positions that never move, labels in both languages
for every value, and the report form's choices."""

import pytest
from django.utils import translation

from recoverynav.directory import vocabulary
from recoverynav.directory.models import Facility
from recoverynav.directory.tests.factories import make_facility

# The first value of each group holds bit 0 in stored data: renumbering would change what
# every stored listing offers.
FIRST_VALUES = {
    "care": "substance_use",
    "setting": "outpatient",
    "medication": "methadone",
    "payment": "medicaid",
    "language": "spanish",
    "age": "children",
    "program": "veterans",
}


@pytest.mark.parametrize(("group", "value"), FIRST_VALUES.items())
def test_each_group_s_first_value_keeps_bit_zero(group: str, value: str) -> None:
    assert vocabulary.GROUPS[group].bit(value) == 1


def test_every_group_has_an_integer_column_on_the_facility() -> None:
    for group in vocabulary.GROUPS.values():
        field = Facility._meta.get_field(group.column)
        assert field.get_internal_type() == "IntegerField", group.name
        assert len(group.values) <= 31, group.name


@pytest.mark.parametrize("group", list(vocabulary.GROUPS))
def test_every_value_has_a_spanish_label_of_its_own(group: str) -> None:
    values = vocabulary.GROUPS[group]
    mask = values.mask(list(values.values))
    with translation.override("en"):
        english = values.labels(mask)
    with translation.override("es"):
        spanish = values.labels(mask)

    untranslated = [e for e, s in zip(english, spanish, strict=True) if e == s]
    assert set(untranslated) <= {"Medicaid", "Medicare"}  # the programs' own names


@pytest.mark.django_db
def test_the_report_page_offers_each_kind_of_problem(visitor) -> None:
    facility = make_facility()

    body = visitor.get(f"/treatment/{facility.pk}/report/").content.decode()

    for words in ("It has closed", "The phone number is wrong", "Something else"):
        assert words in body
