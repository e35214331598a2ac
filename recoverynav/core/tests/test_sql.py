"""The hand-written SQL of the busiest queries names columns from the models and passes
every value as a parameter."""

import pytest
from django.db import connection

from recoverynav.core import sql
from recoverynav.geo.models import PostalCode

pytestmark = pytest.mark.django_db


def _quoted(name: str) -> str:
    return connection.ops.quote_name(name)


def test_select_names_the_models_table_and_columns_quoted() -> None:
    text = sql.select(
        PostalCode, ["code", "city"], where=["{state} = %s", "{latitude} > %s"], order_by=["code"]
    )

    code, city, state, latitude = map(_quoted, ["code", "city", "state", "latitude"])
    assert text.split(" WHERE ") == [
        f"SELECT {code}, {city} FROM {_quoted('geo_postalcode')}",  # noqa: S608 (expected text)
        f"{state} = %s AND {latitude} > %s ORDER BY {code}",
    ]


def test_a_foreign_key_is_named_by_its_field_or_its_column() -> None:
    from recoverynav.comments.models import Comment

    assert sql.select(Comment, ["parent"]) == sql.select(Comment, ["parent_id"])


def test_an_unknown_field_is_an_error_not_a_guess() -> None:
    from django.core.exceptions import FieldDoesNotExist

    with pytest.raises(FieldDoesNotExist):
        sql.select(PostalCode, ["code"], where=["{no_such_field} = %s"])


def test_values_travel_as_parameters() -> None:
    PostalCode.objects.create(
        code="T0001", city="Charlottesville", state="VA", latitude=38.0, longitude=-78.5
    )
    hostile = "T0001' OR '1'='1"

    text = sql.select(PostalCode, ["code"], where=["{code} = %s"])
    assert sql.fetch_all(text, [hostile]) == []
    assert sql.fetch_all(text, ["T0001"]) == [("T0001",)]


def test_in_list_has_one_placeholder_per_value() -> None:
    PostalCode.objects.create(code="T0001", city="A", state="VA", latitude=38.0, longitude=-78.5)
    PostalCode.objects.create(code="T0002", city="B", state="VA", latitude=38.0, longitude=-78.5)

    text = sql.select(PostalCode, ["code"], where=[sql.in_list("code", 3)], order_by=["code"])
    assert text.count("%s") == 3
    assert sql.fetch_all(text, ["T0001", "T0002", "T0009"]) == [("T0001",), ("T0002",)]


def test_instances_come_back_converted_as_the_orm_would_and_the_rest_deferred() -> None:
    import datetime as dt

    from recoverynav.directory.models import Facility
    from recoverynav.directory.tests.factories import make_facility

    made = make_facility(name="Hope House", is_otp=True, other_languages=["Tagalog"])
    fields = ["id", "name", "is_otp", "other_languages", "last_verified"]

    (loaded,) = sql.fetch_instances(
        Facility, fields, where=[sql.in_list("id", 1)], params=[made.pk]
    )
    from_orm = Facility.objects.get(pk=made.pk)

    assert loaded.is_otp is True
    assert loaded.other_languages == ["Tagalog"]
    assert isinstance(loaded.last_verified, dt.date)
    assert loaded.last_verified == from_orm.last_verified
    assert "city" in loaded.get_deferred_fields()
    assert loaded.city == from_orm.city  # read when asked for
    assert loaded._state.adding is False


def test_converted_values_come_back_as_the_orm_gives_them_in_the_order_asked() -> None:
    from recoverynav.directory.models import Facility
    from recoverynav.directory.tests.factories import make_facility

    made = make_facility(name="Hope House", is_otp=True, other_languages=["Tagalog"])
    fields = ["last_verified", "other_languages", "is_otp", "name", "id"]

    rows = sql.fetch_converted(Facility, fields, where=["{id} = %s"], params=[made.pk])

    assert rows == [list(Facility.objects.filter(pk=made.pk).values_list(*fields).get())]
    assert rows[0][2] is True


def test_instances_get_the_right_values_whatever_the_order_of_the_fields_asked() -> None:
    """`Model.from_db` expects values in the model's field order: asked out of order, the
    name once came back as the city (code review 2026-12, 2.9)."""
    from recoverynav.directory.models import Facility
    from recoverynav.directory.tests.factories import make_facility

    made = make_facility(name="Hope House", city="Charlottesville")

    (loaded,) = sql.fetch_instances(
        Facility, ["id", "city", "name"], where=["{id} = %s"], params=[made.pk]
    )

    assert (loaded.id, loaded.name, loaded.city) == (made.pk, "Hope House", "Charlottesville")
    assert {"city", "name"}.isdisjoint(loaded.get_deferred_fields())


def test_a_name_that_is_no_column_is_refused() -> None:
    from django.core.exceptions import FieldDoesNotExist

    from recoverynav.directory.models import Facility

    with pytest.raises(FieldDoesNotExist):
        sql.fetch_instances(Facility, ["id", "no_such_field"], where=[], params=[])
