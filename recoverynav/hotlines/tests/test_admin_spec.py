"""Operators keep hotlines right in the admin: every page loads, purposes are ticked, and
the note about reloading the file is where they edit."""

import pytest
from django.test import Client

from recoverynav.hotlines.models import Hotline

pytestmark = pytest.mark.usefixtures("hotlines")


@pytest.mark.parametrize(
    "url",
    [
        "/admin/hotlines/country/",
        "/admin/hotlines/country/add/",
        "/admin/hotlines/country/US/change/",
        "/admin/hotlines/hotline/",
        "/admin/hotlines/hotline/add/",
        "/admin/hotlines/hotline/?status__exact=confirmed",
        "/admin/hotlines/hotline/?q=988",
    ],
)
def test_every_hotline_admin_page_loads_for_an_operator(admin: Client, url: str) -> None:
    assert admin.get(url).status_code == 200


def test_a_hotline_s_page_ticks_its_purposes_and_says_reloads_keep_edits(
    admin: Client,
) -> None:
    hotline = Hotline.objects.get(name="988 Suicide & Crisis Lifeline")

    response = admin.get(f"/admin/hotlines/hotline/{hotline.pk}/change/")

    ticked = response.context["adminform"].form["purposes"].value()
    assert set(ticked) == {"crisis", "suicide", "substance_use"}
    assert "--discard-edits" in response.content.decode()


def test_searching_by_phone_number_finds_the_hotline(admin: Client) -> None:
    response = admin.get("/admin/hotlines/hotline/", {"q": "988"})

    names = [hotline.name for hotline in response.context["cl"].result_list]
    assert "988 Suicide & Crisis Lifeline" in names
    assert "FRANK" not in names
