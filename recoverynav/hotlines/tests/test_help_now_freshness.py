"""The help-now page is served from the cache, yet a changed number shows at once."""

import datetime as dt

import pytest
from django.test import Client

from recoverynav.hotlines.models import Country, Hotline, VerificationStatus
from recoverynav.hotlines.services import load_hotlines

pytestmark = pytest.mark.django_db


def test_an_edited_number_shows_on_the_next_request(visitor: Client, hotlines: None) -> None:
    assert 'href="tel:18006624357"' in visitor.get("/help-now/").content.decode()
    line = Hotline.objects.get(country="US", name="SAMHSA National Helpline")
    line.phone = "1-800-000-1234"
    line.save()

    html = visitor.get("/help-now/").content.decode()

    assert "1-800-000-1234" in html
    assert 'href="tel:18006624357"' not in html


def test_a_deleted_or_added_hotline_shows_on_the_next_request(
    visitor: Client, hotlines: None
) -> None:
    visitor.get("/help-now/")
    Hotline.objects.filter(country="US", name="SAMHSA National Helpline").delete()
    assert "SAMHSA National Helpline" not in visitor.get("/help-now/").content.decode()

    Hotline.objects.create(
        country=Country.objects.get(code="US"),
        name="Neighbourhood Recovery Line",
        phone="555-0100",
        source_url="https://example.org/line",
        status=VerificationStatus.CONFIRMED,
        last_verified=dt.date(2026, 11, 1),
    )

    assert "Neighbourhood Recovery Line" in visitor.get("/help-now/").content.decode()


def test_a_changed_emergency_number_shows_on_the_next_request(
    visitor: Client, hotlines: None
) -> None:
    visitor.get("/help-now/", {"country": "NZ"})
    Country.objects.filter(code="NZ").update(emergency_number="112")
    Country.objects.get(code="NZ").save()

    assert 'href="tel:112"' in visitor.get("/help-now/", {"country": "NZ"}).content.decode()


def test_reloading_the_bundled_file_keeps_a_number_edited_here(
    visitor: Client, hotlines: None
) -> None:
    line = Hotline.objects.get(country="US", name="SAMHSA National Helpline")
    line.phone = "1-800-000-1234"
    line.save()

    load_hotlines()

    assert "1-800-000-1234" in visitor.get("/help-now/").content.decode()


def test_reloading_with_discard_edits_restores_the_files_number(
    visitor: Client, hotlines: None
) -> None:
    line = Hotline.objects.get(country="US", name="SAMHSA National Helpline")
    line.phone = "1-800-000-1234"
    line.save()
    assert "1-800-000-1234" in visitor.get("/help-now/").content.decode()

    load_hotlines(keep_edits=False)

    html = visitor.get("/help-now/").content.decode()
    assert "1-800-000-1234" not in html
    assert 'href="tel:18006624357"' in html


def test_the_browser_language_country_is_not_served_to_other_visitors(
    visitor: Client, hotlines: None
) -> None:
    british = visitor.get("/help-now/", HTTP_ACCEPT_LANGUAGE="en-GB").content.decode()
    american = visitor.get("/help-now/", HTTP_ACCEPT_LANGUAGE="en-US").content.decode()

    assert 'href="tel:999"' in british
    assert 'href="tel:911"' in american
