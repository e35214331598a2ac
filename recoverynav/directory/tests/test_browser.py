"""In a real browser: "Use my location" fills the place field and searches, and "Save to my
plan" keeps a result in this browser."""

import pytest

from recoverynav.directory.tests.factories import CHARLOTTESVILLE, make_facility

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "browser_context_args",
    [
        {
            "locale": "en-US",
            "geolocation": {"latitude": CHARLOTTESVILLE[0], "longitude": CHARLOTTESVILLE[1]},
            "permissions": ["geolocation"],
        }
    ],
)
def test_use_my_location_searches_where_the_person_is(tab, gazetteer) -> None:
    make_facility(name="Region Ten")
    tab.goto("/treatment/")

    tab.page.get_by_role("button", name="Use my location").click()
    tab.page.wait_for_url("**/treatment/?place=*")

    assert tab.page.locator("#id_place").input_value() == "38.0293,-78.4767"
    assert "Region Ten" in tab.page.content()
    assert tab.console_errors == []  # no CSP violation, no script error


@pytest.mark.parametrize(
    ("prefix", "saved", "announced"),
    [
        ("", "Saved to my plan", "Saved to your plan: Region Ten"),
        ("/es", "Guardado en mi plan", "Guardado en su plan: Region Ten"),
    ],
)
def test_save_to_my_plan_from_the_results_keeps_the_place_in_this_browser(
    tab, prefix: str, saved: str, announced: str
) -> None:
    """The list carries the save script once, with the words every button shares."""
    facility = make_facility(name="Region Ten")
    make_facility(name="Hope House")
    page = tab.page
    tab.goto(f"{prefix}/treatment/?place=38.03,-78.48")

    button = page.locator(f"[data-plan-save][data-id='{facility.pk}']")
    button.click()
    page.locator("[data-plan-save-status]").filter(has_text=announced).wait_for()

    assert saved in button.inner_text()
    assert page.locator("script[src*='plan/save']").count() == 1
    stored = page.evaluate("JSON.parse(localStorage.getItem('recoverynav.plan'))")
    assert [option["name"] for option in stored["options"]] == ["Region Ten"]
    assert tab.console_errors == []


WORDS = {
    "": {
        "more": "More choices",
        "methadone": "Methadone",
        "buprenorphine": "Buprenorphine",
        "search": "Search",
        "back": "Back to the treatment search",
        "heading": "places within 25 miles of 22902",
    },
    "/es": {
        "more": "Más opciones",
        "methadone": "Metadona",
        "buprenorphine": "Buprenorfina",
        "search": "Buscar",
        "back": "Volver a la búsqueda de tratamiento",
        "heading": "lugares a menos de 25 millas de 22902",
    },
}
PHONE_SCREEN = 844


def a_town_of_treatment_places() -> None:
    """Enough places that the results are a full page, the nearest with a long services
    list (the kind that once pushed the page sideways)."""
    for number in range(25):
        make_facility(
            name=f"Treatment place {number:02d} of Charlottesville and Albemarle County",
            phone="(434) 555-0100 ext. 197",
            latitude=CHARLOTTESVILLE[0] + number / 200,
            attributes={
                "medication": ["methadone", "buprenorphine"],
                "setting": ["outpatient", "intensive_outpatient", "detox"],
                "payment": ["medicaid", "medicare", "private_insurance", "sliding_fee"],
            },
            other_services=[
                ["Ancillary Services", "Domestic violence services, including family or partner"],
                [
                    "Education and Counseling Services",
                    "Vocational training or educational support (for example, high school "
                    "coursework, GED preparation, etc.)",
                ],
                ["Testing", "Drug and alcohol oral fluid testing"],
            ],
        )


def assert_fits_the_phone(tab) -> None:
    width = tab.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide on a 390 px phone"


def without_scripts(tab) -> None:
    """As in a browser with JavaScript off: the site's scripts never load (axe, injected by
    the test, still runs; a context with JavaScript disabled would stall it)."""
    tab.page.route(
        "**/*",
        lambda route: (
            route.abort() if route.request.resource_type == "script" else route.continue_()
        ),
    )


@pytest.mark.parametrize("prefix", ["", "/es"])
@pytest.mark.parametrize("scripts", ["with-js", "without-js"])
def test_a_parent_finds_methadone_or_buprenorphine_calls_and_comes_back(
    tab, gazetteer, prefix: str, scripts: str
) -> None:
    """Search with filters → results within the first screen and a half → a place's page
    with a call link → back to the same results. On a phone, no sideways scroll, no axe
    violation, in English and Spanish, with and without JavaScript."""
    words = WORDS[prefix]
    if scripts == "without-js":
        without_scripts(tab)
    a_town_of_treatment_places()
    page = tab.page
    tab.goto(f"{prefix}/treatment/")
    page.locator("#id_place").fill("22902")
    page.get_by_text(words["more"]).click()
    page.get_by_label(words["methadone"], exact=True).check()
    page.get_by_label(words["buprenorphine"], exact=True).check()
    page.get_by_role("button", name=words["search"], exact=True).click()
    page.wait_for_url("**/treatment/?place=22902*")

    assert words["heading"] in page.locator("#results-heading").inner_text()
    first = page.locator("ol.results > li").first
    assert first.bounding_box()["y"] < 1.5 * PHONE_SCREEN
    assert page.locator(".chips .chip").count() == 2
    assert not page.locator("#search-panel form").is_visible()  # folded away
    assert_fits_the_phone(tab)
    assert tab.axe_violations() == []
    results_url = page.url

    first.locator("h3 a").click()
    page.wait_for_url("**/treatment/*/?search=*")
    call = page.locator("a[href^='tel:']").first
    assert call.get_attribute("href") == "tel:+14345550100"
    assert "ext. 197" in call.inner_text()
    assert_fits_the_phone(tab)
    assert tab.axe_violations() == []

    page.get_by_role("link", name=words["back"]).click()
    page.wait_for_url("**/treatment/?place=22902*")
    assert page.url.split("?")[1] == results_url.split("?")[1]
    assert page.locator(".chips .chip").count() == 2
    assert scripts == "without-js" or tab.console_errors == []


@pytest.mark.parametrize(
    "browser_context_args",
    [
        {
            "locale": "en-US",
            "geolocation": {"latitude": CHARLOTTESVILLE[0], "longitude": CHARLOTTESVILLE[1]},
            "permissions": ["geolocation"],
        }
    ],
)
def test_use_my_location_keeps_the_chosen_filters_and_names_the_town(tab, gazetteer) -> None:
    make_facility(name="Region Ten", attributes={"medication": ["naltrexone"]})
    make_facility(name="Methadone only", attributes={"medication": ["methadone"]})
    tab.goto("/treatment/?medication=naltrexone")

    tab.page.get_by_role("button", name="Use my location").click()
    tab.page.wait_for_url("**/treatment/?*place=*")

    heading = tab.page.locator("#results-heading").inner_text()
    assert heading == "1 place within 25 miles of your location, near Charlottesville, VA"
    assert "Region Ten" in tab.page.content()
    assert "Methadone only" not in tab.page.content()
    assert tab.console_errors == []
