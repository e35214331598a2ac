"""/data-sources/: a section per data domain, and the hotline section claims only what is true."""

import pytest
from django.test import Client

from recoverynav.hotlines.models import Country, Hotline, VerificationStatus

pytestmark = pytest.mark.django_db


def test_each_data_domain_has_its_own_section(visitor: Client, hotlines: None) -> None:
    html = visitor.get("/data-sources/").content.decode()

    assert html.index('id="hotline-sources"') < html.index('id="places-sources"')
    assert 'class="facts"' not in html  # a two-column grid that scrolled sideways on a phone


def test_the_hotline_section_says_every_number_links_to_its_source(
    visitor: Client, hotlines: None
) -> None:
    html = visitor.get("/data-sources/").content.decode()

    assert "Every number on" in html
    assert 'href="/help-now/"' in html
    assert "named beside every number" not in html


def test_what_the_hotline_section_says_is_true_of_the_bundled_data(hotlines: None) -> None:
    shown = [line for country in Country.objects.all() for line in country.hotlines.shown()]

    assert all(line.source_url for line in shown)
    assert all(country.emergency_source_url for country in Country.objects.all())
    assert not [
        line
        for line in shown
        if line.status != VerificationStatus.CONFIRMED and not line.source_url
    ]
    assert Hotline.objects.filter(source_url="").count() == 0


def test_the_page_reads_in_spanish(visitor: Client, hotlines: None) -> None:
    html = visitor.get("/es/data-sources/").content.decode()

    assert "Líneas de ayuda y números de emergencia" in html
    assert 'href="/es/help-now/"' in html
