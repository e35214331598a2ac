"""The gazetteer in the admin: operators may look, search and filter, never edit (the files
are the source and a reload would undo any edit)."""

import pytest
from django.test import Client

pytestmark = pytest.mark.usefixtures("gazetteer")

MODELS = ["postalcode", "gazetteerplace", "county"]


@pytest.mark.parametrize("model", MODELS)
def test_an_operator_can_list_each_gazetteer_table(admin: Client, model: str) -> None:
    response = admin.get(f"/admin/geo/{model}/")

    assert response.status_code == 200
    assert response.context["cl"].result_count > 0
    assert f'href="/admin/geo/{model}/add/"' not in response.content.decode()


def test_an_operator_finds_a_zip_code_by_its_town(admin: Client) -> None:
    response = admin.get("/admin/geo/postalcode/", {"q": "Charlottesville"})

    assert "22903" in response.content.decode()
    assert "78701" not in response.content.decode()


def test_an_operator_filters_places_by_state(admin: Client) -> None:
    page = admin.get("/admin/geo/gazetteerplace/", {"state": "VA", "q": "Arlington"})

    found = page.context["cl"].queryset
    assert found.exists()
    assert set(found.values_list("state", flat=True)) == {"VA"}


@pytest.mark.parametrize(
    "url",
    ["/admin/geo/postalcode/add/", "/admin/geo/county/add/", "/admin/geo/gazetteerplace/add/"],
)
def test_no_one_can_add_a_gazetteer_row_by_hand(admin: Client, url: str) -> None:
    assert admin.get(url).status_code == 403


def test_a_zip_code_opens_read_only_and_cannot_be_changed_or_deleted(admin: Client) -> None:
    page = admin.get("/admin/geo/postalcode/22903/change/")
    posted = admin.post("/admin/geo/postalcode/22903/change/", {"city": "Elsewhere"})
    deleted = admin.post("/admin/geo/postalcode/22903/delete/", {"post": "yes"})

    from recoverynav.geo.models import PostalCode

    assert page.status_code == 200
    assert 'name="city"' not in page.content.decode()
    assert posted.status_code == 403
    assert deleted.status_code == 403
    assert PostalCode.objects.get(code="22903").city == "Charlottesville"


def test_a_visitor_is_sent_to_sign_in(visitor: Client) -> None:
    response = visitor.get("/admin/geo/postalcode/")

    assert response.status_code == 302
    assert "/login/" in response["Location"]
