"""The meeting journeys on a phone (390 x 844), with JavaScript and without, in English and
Spanish: a meeting now, NA meetings near a place, a meeting's page with its join and call
links and its calendar file. Each page: the first result within 1.5 screens after a search,
no sideways scroll, and 0 axe violations."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import icalendar
import pytest

from recoverynav.meetings.feeds import read_bmlt
from recoverynav.meetings.models import FeedSource
from recoverynav.meetings.services import import_bmlt
from recoverynav.meetings.tests.conftest import import_records, meeting_record

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
BRONX = {"latitude": 40.8448, "longitude": -73.8648}
LANGUAGES = {
    "en": {"prefix": "", "locale": "en-US", "now": "Meetings on now or starting soon"},
    "es": {"prefix": "/es", "locale": "es-US", "now": "Reuniones en curso o que empiezan pronto"},
}


@pytest.fixture
def meetings(transactional_db, gazetteer) -> None:
    """The NA sample from BMLT, and online meetings that are on whenever the test runs (every
    day, started ten minutes ago in New York), one with a long one-tap dial-in string."""
    import_bmlt(
        source=FeedSource(name="gnyr", kind="bmlt", default_timezone="America/New_York"),
        answer=read_bmlt("bundled:bmlt/gnyr-2018-GetSearchResults.json"),
    )
    start = dt.datetime.now(ZoneInfo("America/New_York")) - dt.timedelta(minutes=10)
    end = start + dt.timedelta(minutes=60)
    online = {"formatted_address": ..., "latitude": ..., "longitude": ..., "day": list(range(7))}
    import_records(
        [
            meeting_record(
                slug="serenity",
                name="Women's Serenity AFG",
                time=start.strftime("%H:%M"),
                end_time=end.strftime("%H:%M"),
                types=["C", "W"],
                conference_url="https://zoom.us/j/537186093",
                conference_phone="+19292056099,,537186093#,,,,,#90873115#",
                **online,
            )
        ],
        source="al-anon",
        fellowship="al-anon",
    )


def without_scripts(tab) -> None:
    """The site's own scripts never load, as with JavaScript off (axe, injected by the test,
    still runs: a context with JavaScript disabled would stall it)."""
    tab.page.route(
        "**/*",
        lambda route: (
            route.abort() if route.request.resource_type == "script" else route.continue_()
        ),
    )
    tab.scripts_blocked = True


def check_phone_page(tab, label: str) -> None:
    """What every page of the journey must be on a phone."""
    width = tab.page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{label}: the page is {width} px wide"
    assert tab.axe_violations() == [], label
    if not getattr(tab, "scripts_blocked", False):  # else: the blocked scripts' failures
        assert tab.console_errors == [], label
    tab.console_errors.clear()
    assert tab.foreign_requests() == [], label


def first_result_top(tab) -> float:
    return tab.page.evaluate(
        "() => document.querySelector('.results .card').getBoundingClientRect().top + scrollY"
    )


def search(tab) -> None:
    with tab.page.expect_navigation():
        tab.page.locator("main form button[type=submit]").click()


def contexts():
    for javascript in (True, False):
        for language, words in LANGUAGES.items():
            yield pytest.param(
                {"locale": words["locale"], "viewport": PHONE, "timezone_id": "America/New_York"},
                language,
                javascript,
                id=f"{language}-{'js' if javascript else 'no-js'}",
            )


@pytest.mark.parametrize(("browser_context_args", "language", "javascript"), list(contexts()))
def test_a_meeting_now_then_its_page_with_join_and_call_links(
    tab, meetings, language, javascript
) -> None:
    words = LANGUAGES[language]
    if not javascript:
        without_scripts(tab)
    tab.goto(f"{words['prefix']}/meetings/")
    check_phone_page(tab, "finder")

    with tab.page.expect_navigation():
        tab.page.get_by_role("link", name=words["now"]).click()  # one tap

    heading = tab.page.locator("#results-heading").inner_text()
    assert re.match(r"\d+ ", heading), heading
    first = tab.page.locator(".results .card").first
    assert "Serenity" in first.locator("h3").inner_text()
    assert first.locator(".tag-now").count() == 1
    assert "America/" not in first.inner_text()
    assert first_result_top(tab) <= 1.5 * PHONE["height"]
    check_phone_page(tab, "now")

    with tab.page.expect_navigation():
        first.locator("h3 a").click()
    assert tab.page.locator("a[href^='https://zoom.us/j/537186093']").count() == 1
    call = tab.page.locator("a[href^='tel:']")
    assert call.get_attribute("href") == "tel:+19292056099,,537186093%23,,,,,%2390873115%23"
    assert "537186093" not in call.inner_text()  # the label is words, not the dial string
    assert "+1 929-205-6099" in tab.page.locator("main").inner_text()
    check_phone_page(tab, "online meeting")


@pytest.mark.parametrize(("browser_context_args", "language", "javascript"), list(contexts()))
def test_na_meetings_near_the_bronx_then_a_meeting_and_its_calendar_file(
    tab, meetings, language, javascript
) -> None:
    words = LANGUAGES[language]
    if not javascript:
        without_scripts(tab)
    page = tab.page
    tab.goto(f"{words['prefix']}/meetings/")

    page.locator("#id_place").fill("Bronx, NY")
    page.locator("details.filters > summary").click()
    page.locator("input[name=fellowship][value=na]").check()
    search(tab)

    heading = page.locator("#results-heading").inner_text()
    assert "Bronx, NY" in heading
    assert page.locator(".chip").count() == 1  # the fellowship, removable
    assert not page.locator("details.search-panel").evaluate("d => d.open")  # folded away
    first = page.locator(".results .card").first
    text = first.inner_text()
    if language == "en":
        assert "Narcotics Anonymous (NA)" in text
        assert "(Eastern time)" in text
    else:
        assert "Narcóticos Anónimos (NA)" in text
        assert "(hora del Este)" in text
    assert first_result_top(tab) <= 1.5 * PHONE["height"]
    check_phone_page(tab, "near the Bronx")

    with page.expect_navigation():
        first.locator("h3 a").click()
    check_phone_page(tab, "an NA meeting")
    ics = page.request.get(page.locator("a[href$='calendar.ics']").get_attribute("href"))
    calendar = icalendar.Calendar.from_ical(ics.body())
    (event,) = calendar.walk("VEVENT")[:1]
    assert event["RRULE"]["FREQ"] == ["WEEKLY"]
    assert [zone["TZID"] for zone in calendar.walk("VTIMEZONE")] == ["America/New_York"]

    with page.expect_navigation():
        page.locator("main a[href*='/meetings/?']").last.click()  # "Find another meeting"
    assert "place=Bronx" in page.url
    assert "fellowship=na" in page.url


@pytest.mark.parametrize(
    "browser_context_args",
    [
        {
            "locale": "en-US",
            "viewport": PHONE,
            "geolocation": BRONX,
            "permissions": ["geolocation"],
        }
    ],
)
def test_use_my_location_finds_meetings_where_the_person_is(tab, meetings) -> None:
    tab.goto("/meetings/?fellowship=NA")

    tab.page.get_by_role("button", name="Use my location").click()
    tab.page.wait_for_url("**/meetings/?place=*")

    assert "within 10 miles of your location" in tab.page.locator("#results-heading").inner_text()
    assert "40.84" not in tab.page.locator("main").inner_text()
    assert first_result_top(tab) <= 1.5 * PHONE["height"]
    check_phone_page(tab, "use my location")


@pytest.mark.parametrize("browser_context_args", [{"locale": "en-US", "viewport": PHONE}])
def test_a_place_we_do_not_cover_offers_online_meetings_and_the_fellowships_finders(
    tab, meetings
) -> None:
    tab.goto("/meetings/?place=Austin%2C+TX&fellowship=Al-Anon")

    main = tab.page.locator("main").inner_text()
    assert "Our listings do not cover the area around Austin, TX yet" in main
    assert "Serenity" in main
    assert tab.page.locator("a[href^='https://al-anon.org/']").count() >= 1
    check_phone_page(tab, "not covered")
