"""The locator page and the facility page, as a person without JavaScript uses them."""

import datetime as dt
import re

import pytest
from django.test import Client

from recoverynav.directory.tests.factories import make_facility, miles_north

pytestmark = pytest.mark.django_db


def html(client: Client, url: str, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_search_page_explains_itself_on_an_empty_directory(visitor: Client) -> None:
    page = html(visitor, "/treatment/")

    assert '<form class="search" method="get"' in page
    assert 'for="id_place"' in page
    assert "How to choose good care" in page
    assert "What to ask when you call" in page


def test_it_finds_places_near_a_zip_code_with_everything_a_person_needs(
    visitor: Client, gazetteer
) -> None:
    make_facility(
        name="Region Ten",
        phone="(434) 972-1800",
        website="http://www.regionten.org",
        latitude=miles_north(1)[0],
        attributes={
            "setting": ["outpatient"],
            "medication": ["buprenorphine"],
            "payment": ["medicaid"],
            "language": ["spanish"],
        },
    )

    page = html(visitor, "/treatment/", place="22902", radius="10")

    assert "1 place within 10 miles of 22902" in page
    assert "Region Ten" in page
    assert "miles away" in page
    assert 'href="tel:+14349721800"' in page
    assert 'href="http://www.regionten.org"' in page
    assert "https://www.openstreetmap.org/directions?to=" in page
    for label in ["Outpatient", "Buprenorphine", "Medicaid", "Spanish"]:
        assert label in page
    assert "Information as of" in page
    assert 'data-plan-save data-kind="facility"' in page  # "Save to my plan"
    assert page.count('<script src="/static/plan/save.js" defer data-saved-text=') == 1


def test_filters_arrive_as_plain_query_parameters(visitor: Client, gazetteer) -> None:
    make_facility(name="Outpatient place", attributes={"setting": ["outpatient"]})
    make_facility(name="Residential place", attributes={"setting": ["residential"]})

    page = html(visitor, "/treatment/", place="22902", setting="residential")

    assert "Residential place" in page
    assert "Outpatient place" not in page
    assert re.search(r'value="residential"[^>]*checked', page)
    assert not re.search(r'value="outpatient"[^>]*checked', page)


def test_an_unknown_place_gets_a_kind_message_with_examples(visitor: Client, gazetteer) -> None:
    page = html(visitor, "/treatment/", place="Atlantis")

    assert "We could not find" in page
    assert "22903" in page


def test_an_ambiguous_place_offers_choices_as_links(visitor: Client, gazetteer) -> None:
    page = html(visitor, "/treatment/", place="Arlington", radius="50")

    assert "Which one do you mean?" in page
    assert "place=Arlington" in page
    assert "radius=50" in page


def test_a_state_name_alone_asks_for_a_town_and_offers_the_state_s_towns(
    visitor: Client, gazetteer
) -> None:
    page = html(visitor, "/treatment/", place="Texas", radius="50")

    assert "“Texas” is a whole state." in page
    assert 'aria-describedby="place-hint place-error"' in page
    assert "place=Houston%2C+TX" in page
    assert "radius=50" in page
    assert ", MO" not in page


def test_no_results_suggest_a_wider_radius_telehealth_and_the_helpline(
    visitor: Client, gazetteer, hotlines
) -> None:
    page = html(visitor, "/treatment/", place="22902", radius="10")

    assert "0 places within 10 miles" in page
    assert "radius=25" in page
    assert "setting=telehealth" in page
    assert "SAMHSA National Helpline" in page
    assert 'href="tel:18006624357"' in page


def test_a_changed_helpline_number_shows_on_the_next_search_without_results(
    visitor: Client, gazetteer, hotlines
) -> None:
    from recoverynav.hotlines.models import Hotline

    html(visitor, "/treatment/", place="22902", radius="10")
    line = Hotline.objects.get(name="SAMHSA National Helpline")
    line.phone = "1-800-555-0199"
    line.save()

    page = html(visitor, "/treatment/", place="22902", radius="10")
    assert 'href="tel:18005550199"' in page
    assert "18006624357" not in page


def test_results_are_paged_with_plain_links(visitor: Client, gazetteer) -> None:
    for miles in range(25):
        make_facility(latitude=miles_north(miles / 5)[0])

    first = html(visitor, "/treatment/", place="22902")
    second = html(visitor, "/treatment/", place="22902", page="2")

    assert "Page 1 of 2" in first
    assert '<a href="?place=22902&amp;page=2" rel="next">' in first
    assert 'rel="prev"' not in first
    assert "Page 2 of 2" in second
    assert '<a href="?place=22902&amp;page=1" rel="prev">' in second
    assert 'rel="next"' not in second


def test_the_page_works_in_spanish(visitor: Client, gazetteer) -> None:
    make_facility(attributes={"setting": ["outpatient"]})

    page = html(visitor, "/es/treatment/", place="22902")

    assert "Ambulatorio" in page
    assert "Cómo elegir un buen tratamiento" in page


def test_the_facility_page_shows_the_listing(visitor: Client) -> None:
    facility = make_facility(
        name="Mohr Center", other_services=[["Treatment Approaches", "Relapse prevention"]]
    )

    page = html(visitor, f"/treatment/{facility.pk}/")

    assert '<h1 translate="no">Mohr Center</h1>' in page
    assert "miles away" not in page  # no distance without a search
    assert "Relapse prevention" in page
    assert "Report a problem with this listing" in page


def test_service_categories_are_headed_in_sentence_case(visitor: Client) -> None:
    facility = make_facility(
        other_services=[
            ["Payment/Insurance/Funding Accepted", "Medicaid"],
            ["Type of Alcohol Use Disorder Treatment", "Naltrexone"],
        ]
    )

    page = html(visitor, f"/treatment/{facility.pk}/")

    assert "<h3>Payment/insurance/funding accepted</h3>" in page
    assert "<h3>Type of alcohol use disorder treatment</h3>" in page


def test_a_listing_no_current_source_confirms_says_it_may_have_closed(
    visitor: Client, settings
) -> None:
    settings.DIRECTORY_CURRENT_SINCE = dt.date(2023, 1, 1)
    old = make_facility(last_verified=dt.date(2021, 7, 1))
    current = make_facility(last_verified=dt.date(2023, 1, 1))

    assert "may have closed" in html(visitor, f"/treatment/{old.pk}/")
    assert "may have closed" not in html(visitor, f"/treatment/{current.pk}/")


def test_a_place_without_a_published_street_says_to_call_for_the_way(visitor: Client) -> None:
    hidden = make_facility(address_1="", location_approximate=True)
    listed = make_facility(location_approximate=True)

    page = html(visitor, f"/treatment/{hidden.pk}/")
    spanish = html(visitor, f"/es/treatment/{hidden.pk}/")

    assert "does not publish its street address: call to ask how to get there" in page
    assert "The directions link leads to its town." in page
    assert "llame para preguntar cómo llegar" in spanish
    assert "does not publish" not in html(visitor, f"/treatment/{listed.pk}/")


def test_a_hidden_or_unknown_facility_is_not_found(visitor: Client) -> None:
    hidden = make_facility(is_active=False)

    assert visitor.get(f"/treatment/{hidden.pk}/").status_code == 404
    assert visitor.get("/treatment/999999/").status_code == 404


def test_use_my_location_is_only_an_external_script(visitor: Client) -> None:
    page = html(visitor, "/treatment/")

    assert '<script src="/static/geo/locate.js" defer></script>' in page
    assert "<script>" not in page
    assert 'data-locate="Use my location"' in page


def test_coordinates_from_use_my_location_are_searched_directly(visitor: Client, gazetteer) -> None:
    make_facility(name="Close by")

    page = html(visitor, "/treatment/", place="38.03,-78.48")

    assert "Close by" in page


def test_a_full_page_of_results_stays_within_the_page_budget(visitor: Client, gazetteer) -> None:
    import gzip

    for miles in range(25):
        make_facility(
            name=f"A Treatment Center With A Long Name {miles}",
            alternate_name="Outpatient and Intensive Outpatient Program",
            website="https://example.org/a/long/path/to/the/program",
            latitude=miles_north(miles / 5)[0],
            attributes={
                "setting": ["outpatient", "intensive_outpatient", "telehealth"],
                "medication": ["buprenorphine", "naltrexone", "naltrexone_er"],
                "payment": ["medicaid", "medicare", "private_insurance", "self_pay", "sliding_fee"],
                "language": ["spanish", "asl"],
            },
        )

    page = visitor.get("/treatment/", {"place": "22902"}).content

    assert page.count(b'class="card facility"') == 20
    assert len(gzip.compress(page)) <= 30 * 1024


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"place": "22902", "radius": "7"}, "Select a valid choice. 7 is not one of the available"),
        ({"place": "22902", "setting": "spaceship"}, "Select a valid choice. spaceship is not one"),
    ],
)
def test_bad_choices_are_explained_not_ignored(visitor: Client, gazetteer, params, message) -> None:
    assert message in html(visitor, "/treatment/", **params)


def test_a_bad_page_number_shows_the_first_page(visitor: Client, gazetteer) -> None:
    make_facility(name="Only one")

    assert "Only one" in html(visitor, "/treatment/", place="22902", page="zero")


def test_a_search_without_a_radius_shows_and_uses_the_default(visitor: Client, gazetteer) -> None:
    html = visitor.get("/treatment/", {"place": "22903"}).content.decode()

    assert re.search(r'<option value="25" selected>', html)
    assert "within 25 miles" in html


def first_result_position(page: str) -> int:
    return page.index('<ol class="results">')


def test_after_a_search_the_results_come_first_and_the_form_folds_away(
    visitor: Client, gazetteer
) -> None:
    make_facility(name="Hope House", attributes={"medication": ["methadone"]})

    page = html(visitor, "/treatment/", place="22902", medication=["methadone", "buprenorphine"])

    summary = page.index('<h2 id="results-heading">1 place within 25 miles of 22902')
    chip = page.index('class="chip" href="?place=22902&amp;medication=buprenorphine">Methadone')
    folded = page.index('<details class="search-panel" id="search-panel"><summary>Change your')
    assert summary < chip < folded < first_result_position(page)
    assert page.index("Hope House") > folded


def test_before_a_search_the_form_is_open(visitor: Client) -> None:
    page = html(visitor, "/treatment/")

    assert '<div class="search-panel" id="search-panel">' in page
    assert "Change your search" not in page


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ({"medication": "naltrexone"}, ["Naltrexone (pills)"]),
        ({"setting": "detox", "payment": "medicaid"}, ["Detox (medically", "Medicaid"]),
        (
            {"medication": "alcohol_medication"},
            ["Naltrexone (pills)", "Acamprosate (for alcohol)", "Disulfiram (for alcohol)"],
        ),
    ],
)
def test_a_prefilled_search_shows_its_filters(visitor: Client, query: dict, shown: list) -> None:
    page = html(visitor, "/treatment/", **query)

    chips = page[page.index('<ul class="chips"') : page.index("</ul>", page.index("chips"))]
    for label in shown:
        assert label in chips
    assert '<details class="filters" open>' in page
    assert "error-summary" not in page


def test_an_invalid_value_is_explained_at_the_top_not_inside_a_folded_panel(
    visitor: Client,
) -> None:
    page = html(visitor, "/treatment/", place="22902", medication="aspirin")

    summary = page.index('<div class="error-summary" role="alert"')
    assert summary < page.index('name="place"')
    assert 'href="#id_medication_0">Medications: Select a valid choice.' in page
    assert '<details class="filters" open>' in page


def test_the_facility_page_leads_back_to_the_search_it_came_from(
    visitor: Client, gazetteer
) -> None:
    facility = make_facility(name="Hope House", attributes={"medication": ["methadone"]})
    results = html(visitor, "/treatment/", place="22902", radius="10", medication="methadone")

    link = re.search(rf'<h3[^>]*><a href="(/treatment/{facility.pk}/\?search=[^"]+)"', results)[1]
    page = html(visitor, link.replace("&amp;", "&"))

    assert (
        '<a href="/treatment/?place=22902&amp;radius=10&amp;medication=methadone">'
        "Back to the treatment search</a>" in page
    )


def test_the_way_back_keeps_only_the_search_own_parameters(visitor: Client) -> None:
    facility = make_facility()

    page = html(
        visitor, f"/treatment/{facility.pk}/", search="place=22902&next=https://evil.example"
    )

    assert '<a href="/treatment/?place=22902">Back to the treatment search</a>' in page
    assert "evil.example" not in page[page.index("<main") :]


def test_results_near_a_phone_location_are_named_by_the_town(visitor: Client, gazetteer) -> None:
    make_facility()

    page = html(visitor, "/treatment/", place="38.0293,-78.4767", medication="methadone")

    assert "within 25 miles of your location, near Charlottesville, VA" in page
    assert "38.0293, -78.4767" not in page


def test_the_spanish_facility_page_translates_what_people_act_on(visitor: Client) -> None:
    facility = make_facility(
        attributes={"setting": ["outpatient"], "payment": ["medicaid"]},
        other_services=[
            ["Treatment Approaches", "Cognitive behavioral therapy"],
            ["Ancillary Services", "Residential beds for clients' children"],
        ],
        other_languages=["Korean"],
        last_verified=dt.date(2023, 1, 1),
        as_of_year_only=True,
    )

    page = html(visitor, f"/es/treatment/{facility.pk}/")

    for spanish in [
        "Ambulatorio",
        "Medicaid",
        "Coreano",
        "Enfoques de tratamiento",
        "Terapia cognitivo-conductual",
        "Camas en la residencia para los hijos",
        "Información de 2023",
    ]:
        assert spanish in page
    for english in ["Cognitive behavioral therapy", "Treatment Approaches", "Korean"]:
        assert english not in page


def test_a_name_we_cannot_translate_is_marked_as_english(visitor: Client) -> None:
    facility = make_facility(other_services=[["Services", "Equine therapy"]])

    page = html(visitor, f"/es/treatment/{facility.pk}/")

    assert '<span lang="en">Equine therapy</span>' in page


def test_the_facility_page_shows_no_source_slug_or_code(visitor: Client) -> None:
    from recoverynav.directory.models import SourceRecord

    facility = make_facility(last_verified=dt.date(2026, 5, 25))
    SourceRecord.objects.create(
        facility=facility,
        source="samhsa-otp",
        source_id="x",
        fingerprint="x",
        data={},
        last_verified=dt.date(2026, 5, 25),
    )

    page = html(visitor, f"/treatment/{facility.pk}/")

    assert "SAMHSA&#x27;s directory of opioid treatment programs: May 25, 2026" in page
    assert "samhsa-otp" not in page


def test_the_data_sources_page_names_every_facility_source_with_its_date_and_licence(
    visitor: Client,
) -> None:
    from django.core.management import call_command

    from recoverynav.directory.tests.test_national_directory import DIRECTORY_2024, OTP_2026

    call_command("import_samhsa_directory", DIRECTORY_2024, stdout=None)
    call_command("import_samhsa_otp", OTP_2026, stdout=None)

    page = html(visitor, "/data-sources/")
    section = page[page.index('id="treatment-sources-heading"') :]

    assert (
        "national directory of treatment facilities, 2024 edition</strong>, information as of 2023"
        in section
    )
    assert (
        "directory of opioid treatment programs</strong>, information as of May 25, 2026" in section
    )
    assert "National Directory of Drug and Alcohol Use Treatment Facilities 2024" in section
    assert section.count("US Government work, public domain") == 2
    assert "samhsa-otp" not in section


@pytest.mark.parametrize("page", ["²", "٣", "99999999999999999999", "-1"])
def test_a_strange_page_number_shows_a_page_of_results_not_an_error(
    visitor: Client, gazetteer: None, page: str
) -> None:
    make_facility()

    response = visitor.get("/treatment/", {"place": "22902", "page": page})

    assert response.status_code == 200
    assert "Facility" in response.content.decode()
