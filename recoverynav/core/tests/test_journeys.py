"""The journeys people walk, end to end, on a phone (issue 18; the walk that found what broke
between the parts is in docs/quality.md, "Journeys").

Each test is one journey of the review, told as a person's actions on a 390 by 844 touch
screen, once with JavaScript and once without. Every page a step reaches goes through the
checks in `journeys.py` (sideways scroll, a form error behind a link, a crisis panel without a
call link, results below 1.5 screens, English on a Spanish page, axe-core), and the journey
fails with the list of every problem it met, step by step. The last test shows that each
check can fail.

The demo data (what `make run` loads) is loaded once for the module (`demo_site`).
"""

import pytest

from conftest import open_tab
from recoverynav.core.tests.journeys import Person, page_problems

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "timezone_id": "America/New_York",
}
WITH_AND_WITHOUT_JAVASCRIPT = pytest.mark.parametrize(
    "person", ["en, javascript", "en, no javascript"], indirect=True
)


@pytest.fixture
def person(request, browser, demo_site) -> Person:
    """Someone on a phone: "en, javascript", "es, no javascript"… Without JavaScript the
    site's scripts never load (axe, injected by the test, still runs)."""
    language, javascript = request.param.split(", ")
    context = {**PHONE, "locale": f"{language}-US"}
    with open_tab(browser, demo_site.url, context) as tab:
        if javascript == "no javascript":
            tab.page.route(
                "**/*",
                lambda route: (
                    route.abort() if route.request.resource_type == "script" else route.continue_()
                ),
            )
        yield Person(tab, javascript=javascript == "javascript", language=language)


@pytest.fixture
def comments_open_to_a_quick_writer(settings) -> None:
    """The journey writes faster than a person; the spam checks would hold it as too fast."""
    settings.COMMENTS_MIN_SECONDS = 0
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "comment_network": "100/600"}


# --- Helpers that say what a person does over several steps ---------------------------------------
def answers_every_question_with_high_choices(person: Person) -> None:
    """Picks the fourth choice (or the last) on every question, as someone with a serious
    problem would, until the self-check offers its result: all on one page with JavaScript,
    one question a page without (pressing the page's own "Continue" button)."""
    page = person.page
    if page.locator("form.single").count():
        for _ in range(12):  # each answer may open follow-up questions
            for block in page.locator(".question-block").all():
                radios = block.locator("input[type=radio]:not([name='safety-answer'])")
                unanswered = not block.locator("input:checked").count()
                if radios.count() and radios.first.is_visible() and unanswered:
                    radios.nth(min(3, radios.count() - 1)).check()
        return
    for _ in range(30):
        if page.locator("button[value=results]").count():
            return
        radios = page.locator("main input[name=answer][type=radio]")
        radios.nth(min(3, radios.count() - 1)).check()
        person.presses(page.locator("button[value=answer]").inner_text())
    pytest.fail("the self-check never offered its result")


# --- a. "I think I drink too much" ----------------------------------------------------------------
@WITH_AND_WITHOUT_JAVASCRIPT
def test_a_person_who_thinks_they_drink_too_much_checks_and_finds_help(person) -> None:
    person.opens("/")
    person.taps("Is it time to get help?")
    person.chooses("For me")
    person.chooses("Alcohol")
    person.chooses("21 to 64")
    person.presses("Start")

    # A bad night: they answer "yes" to the safety question, and help is there at once.
    if person.javascript:
        person.chooses("Yes", within="[data-safety]")
        person.looks_again("the crisis help opens in the page")
        person.can_call_on_the_first_screen("Call 911")
        person.chooses("No", within="[data-safety]")
    else:
        person.chooses("Yes")
        person.presses("Continue")
        person.can_call_on_the_first_screen("Call 911")
        person.sees("Call 988")
        person.presses("Continue the self-check")

    answers_every_question_with_high_choices(person)
    person.presses("See what my answers suggest")
    person.sees("not a diagnosis")

    person.taps("Find treatment near me")
    person.types("ZIP code, city or county", "Richmond, VA")
    person.presses("Search", search=True)
    person.goes_back()
    person.goes_back()
    person.sees("Find treatment near me")  # the result again, not a resubmission warning

    person.taps("Alcoholics Anonymous (AA)")
    person.goes_back()
    person.taps("Talk to someone now")
    person.can_call_on_the_first_screen("Call 911")
    person.can_call_on_the_first_screen("Call 988")
    person.is_done()


# --- b. "My son uses opioids, I'm scared" ---------------------------------------------------------
@WITH_AND_WITHOUT_JAVASCRIPT
def test_a_parent_looks_for_opioid_treatment_for_her_son(person) -> None:
    person.opens("/")
    person.taps("I'm worried about someone")
    person.can_call("1-800-662-4357")  # the SAMHSA helpline, on the family page itself
    person.taps("Find a Nar-Anon meeting")
    person.goes_back()

    person.taps("Find buprenorphine or methadone near you")
    person.sees("Methadone")  # the choices the link made are in sight
    person.types("ZIP code, city or county", "Austin, TX")
    person.presses("Search", search=True)
    person.sees("places within 25 miles of Austin, TX")
    place = person.opens_the_first_result()
    person.sees(place)
    person.prints_it(place, "Austin, TX")
    if person.javascript:
        person.shares_it()
    person.taps("Back to the treatment search", search=True)
    person.sees("places within 25 miles of Austin, TX")  # the search is still there
    person.taps("Methadone — remove this choice", search=True)
    person.sees("Buprenorphine")

    person.taps("Get help now")
    person.can_call_on_the_first_screen("Call 911")
    person.can_call_on_the_first_screen("Call 988")
    person.is_done()


# --- c. "I need a meeting now" -------------------------------------------------------------------
@WITH_AND_WITHOUT_JAVASCRIPT
def test_someone_who_needs_a_meeting_now_finds_one_and_one_near_them(person) -> None:
    person.opens("/")
    person.taps("Find a meeting")
    person.taps("Meetings on now or starting soon", search=True)  # one tap from the finder
    person.does_not_see("America/")  # times in words, never a zone's code name
    if person.sees_results():  # the demo's online meetings; at some hours none is on
        meeting = person.opens_the_first_result()
        person.sees(meeting)
        person.can_add_it_to_a_calendar()
        if person.javascript:
            person.shares_it()
        person.taps("Find another meeting", search=True)  # back to the same list

    person.opens("/meetings/")
    person.types("Near (ZIP code, town or county)", "Bronx, NY")
    person.unfolds("More choices")
    person.chooses("Narcotics Anonymous (NA)")
    person.presses("Search", search=True)
    person.sees("Bronx, NY")
    meeting = person.opens_the_first_result()
    person.sees("Narcotics Anonymous (NA)")
    person.can_add_it_to_a_calendar()
    person.prints_it(meeting)
    person.taps("Find another meeting", search=True)
    person.sees("Bronx, NY")  # the search is still there
    person.taps("Narcotics Anonymous (NA) — remove this choice", search=True)

    person.taps("Get help now")
    person.can_call_on_the_first_screen("Call 911")
    person.can_call_on_the_first_screen("Call 988")
    person.is_done()


# --- d. Plan and tracker --------------------------------------------------------------------------
@WITH_AND_WITHOUT_JAVASCRIPT
def test_someone_makes_a_plan_and_gets_through_a_strong_craving(person) -> None:
    person.opens("/")
    person.taps("Make a plan")
    if not person.javascript:  # a plan on paper; nothing that needs a script is offered
        person.sees("Print this page and fill it in by hand")
        person.cannot_see_button("Use these words")
        person.taps("recovery tracker")
        person.sees("Paper version")
        person.is_done()
        return

    person.presses_in_page("Use these words")
    person.types("Name", "Maria (sister)")
    person.types("How I will reach them", "555-0100")
    person.presses_in_page("Add person")
    person.sees("Added to your plan: Maria (sister)")
    person.types("My warning signs", "Skipping dinner, staying out late")
    person.types("What I will do instead", "Call Maria, go to a meeting")
    person.reloads()
    person.sees("Maria (sister)")

    person.taps("Open my recovery tracker")
    person.types("What I am taking a break from", "alcohol")
    person.types("Sober since", "2026-11-02")
    person.presses_in_page("Start counting")
    person.types("Craving right now", "8")
    person.presses_in_page("Save check-in")
    person.sees("Your craving is strong right now")
    person.looks_again("the high-craving card opens")
    person.sees("Call Maria, go to a meeting")
    person.can_call("555-0100")
    person.is_done()


# --- e. In Spanish -----------------------------------------------------------------------------
@pytest.mark.parametrize("person", ["es, javascript", "es, no javascript"], indirect=True)
def test_a_spanish_speaker_gets_help_checks_and_finds_treatment_and_a_meeting(person) -> None:
    person.opens("/")
    person.taps("Obtener ayuda ahora")
    person.can_call_on_the_first_screen("Llamar al 911")
    person.can_call_on_the_first_screen("Llamar al 988")
    person.sees("marque 2")  # how to reach the line in Spanish
    person.goes_back()

    person.taps("¿Es momento de buscar ayuda?")
    person.presses("Empezar")  # nothing chosen: the form says what is missing, in Spanish
    person.sees("Hay un problema")
    person.chooses("Para mí")
    person.chooses("Alcohol")
    person.chooses("De 21 a 64")
    person.presses("Empezar")
    if person.javascript:
        person.chooses("No", within="[data-safety]")
    else:
        person.chooses("No")
        person.presses("Continuar")
    answers_every_question_with_high_choices(person)
    person.presses("Ver lo que sugieren mis respuestas")
    person.sees("no es un diagnóstico")

    person.taps("Encontrar tratamiento cerca de mí")
    person.types("Código postal, ciudad o condado", "Richmond, VA")
    person.presses("Buscar", search=True)
    place = person.opens_the_first_result()
    person.sees(place)
    person.taps("Volver a la búsqueda de tratamiento", search=True)

    person.opens("/meetings/?fellowship=AA")  # as the guide links to it
    person.types("Cerca de (código postal, pueblo o condado)", "Bronx, NY")
    person.presses("Buscar", search=True)
    person.opens("/meetings/?fellowship=NA&place=Bronx%2C+NY")
    meeting = person.opens_the_first_result()
    person.sees(meeting)
    person.sees("Narcóticos Anónimos (NA)")

    person.opens("/guide/")
    person.taps("Grupos de apoyo", exact=True)
    person.taps("Busque una reunión de AA")

    person.opens("/")
    person.taps("Hacer un plan")
    person.taps("Obtener ayuda ahora")
    person.can_call_on_the_first_screen("Llamar al 911")
    person.is_done()


# --- f. Guide and comments ------------------------------------------------------------------------
@WITH_AND_WITHOUT_JAVASCRIPT
def test_a_reader_learns_about_support_groups_and_leaves_a_comment(
    person, comments_open_to_a_quick_writer
) -> None:
    writer = "javascript" if person.javascript else "no-javascript"
    person.opens("/")
    person.taps("What kinds of help are there?")
    person.taps("Guide", exact=True, within="nav.breadcrumbs")
    person.taps("Support groups", exact=True)
    for meeting_link in [
        "Find an AA meeting",
        "Find an NA meeting",
        "Find a SMART Recovery meeting",
        "Find an Al-Anon or Alateen meeting",
    ]:
        person.taps(meeting_link)
        person.goes_back()

    person.presses("Post Comment")
    person.sees("There is a problem")
    person.types("Comment", f"Going to my first meeting on Tuesday ({writer}).")
    person.types("Name", "Sam")
    person.types("Email", f"sam.{writer}@example.org")
    person.page.get_by_label("I agree that my comment").check()
    person.presses("Post Comment")
    person.sees("Your comment is awaiting moderation")

    person.types("Comment", f"I feel like I want to die tonight ({writer}).")
    person.types("Name", "Sam")
    person.types("Email", f"sam.{writer}@example.org")
    person.page.get_by_label("I agree that my comment").check()
    person.presses("Post Comment")
    person.can_call_on_the_first_screen("Call 911")
    person.is_done()


# --- The checks themselves can fail ---------------------------------------------------------------
DEFECTS = {
    "px wide on a 390 px phone": (
        '<main><p style="width: 900px">A dial string that never wraps</p></main>',
        "link",
        "en",
    ),
    "a link led to a form error": (
        '<main><div class="error-summary">Fellowship: Select a valid choice.</div></main>',
        "link",
        "en",
    ),
    "a crisis panel has no call link": (
        '<main><section class="crisis-panel"><h2>Call the emergency number now</h2>'
        "</section></main>",
        "link",
        "en",
    ),
    "the results start at y = ": (
        '<main><div style="height: 2000px">Filters</div><ol class="results"><li>A</li></ol></main>',
        "search",
        "en",
    ),
    "English on a Spanish page": (
        "<main><h1>Ayuda</h1><p>Idiomas: English; Spanish (text in English only)</p></main>",
        "link",
        "es",
    ),
    "axe image-alt": ('<main><h1>Ayuda</h1><img src="data:,"></main>', "link", "en"),
}
CLEAN = (
    '<main><h1>Ayuda</h1><section class="crisis-panel"><h2>Ayuda ahora</h2>'
    '<a href="tel:911">Llame al 911</a></section>'
    '<p>Horario: <span translate="no">The Bridge Center for Recovery</span>, '
    '<span lang="en">Open meeting for everyone</span>.</p>'
    '<ol class="results"><li>Un lugar</li></ol></main>'
)


def test_each_check_finds_the_defect_it_is_for_and_a_sound_page_passes(browser) -> None:
    with open_tab(browser, "http://localhost", {**PHONE, "locale": "es-US"}) as tab:
        for expected, (body, arrived_by, language) in DEFECTS.items():
            tab.page.set_content(
                f'<!doctype html><html lang="{language}"><head><title>Prueba</title>'
                f'<meta name="viewport" content="width=device-width"></head>'
                f"<body>{body}</body></html>"
            )
            found = page_problems(tab, arrived_by=arrived_by, spanish=language == "es")
            assert any(expected in problem for problem in found), (expected, found)

        tab.page.set_content(
            '<!doctype html><html lang="es"><head><title>Prueba</title>'
            f'<meta name="viewport" content="width=device-width"></head><body>{CLEAN}</body></html>'
        )
        assert page_problems(tab, arrived_by="search", spanish=True) == []
