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
