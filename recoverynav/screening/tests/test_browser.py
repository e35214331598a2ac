"""The self-check in a real Chromium on a 390 by 844 phone. With JavaScript it becomes one page
and still works; without it, every step, error state, the crisis page and each result band pass
axe-core.
The result hands over: next steps in the first screen, a printed summary with the answers, and
Back from the finder shows the result again, with and without JavaScript, in both languages."""

import pytest

pytestmark = pytest.mark.browser


def test_with_javascript_every_question_is_on_one_page(tab) -> None:
    page = tab.page
    tab.goto("/self-check/")
    page.check("#id_audience_0")
    page.check("#id_substances_0")
    page.check("#id_age_band_2")
    with page.expect_navigation():
        page.click("button[type=submit]")

    assert page.is_visible("text=Your self-check")
    assert not page.is_visible("[data-crisis]")
    page.check("input[name='safety-answer'][value='yes']")
    assert page.is_visible("[data-crisis]")
    page.check("input[name='safety-answer'][value='no']")

    page.check("input[name='usaudit:usaudit-1-answer'][value='never']")
    assert not page.is_visible("input[name='usaudit:usaudit-2-answer']")
    page.check("input[name='usaudit:usaudit-1-answer'][value='2-3-a-week']")
    assert page.is_visible("input[name='usaudit:usaudit-2-answer']")
    page.check("input[name='usaudit:usaudit-2-answer'][value='1']")
    page.check("input[name='usaudit:usaudit-3-answer'][value='never']")
    assert not page.is_visible("input[name='usaudit:usaudit-4-answer']")
    page.check("input[name='usaudit:usaudit-9-answer'][value='no']")
    page.check("input[name='usaudit:usaudit-10-answer'][value='no']")
    with page.expect_navigation():
        page.click("button[value=all]")

    assert page.is_visible("text=Score: 4 out of 46")
    assert tab.console_errors == []  # no CSP violation, no script error
    assert not tab.foreign_requests()


# --- Without JavaScript: one question a page; every step, error and result band under axe ----
@pytest.fixture
def no_script_tab(tab):
    """A tab where the site's own scripts never load, as in a browser with JavaScript off
    (axe, injected by the test, still runs: a context with JavaScript disabled would stall it)."""
    tab.page.route(
        "**/*",
        lambda route: (
            route.abort() if route.request.resource_type == "script" else route.continue_()
        ),
    )
    return tab


def submit(page, button: str) -> None:
    with page.expect_navigation():
        page.click(button)


def start(tab, *, audience: str, substance: str, age_band: str, prefix: str = "") -> None:
    tab.goto(f"{prefix}/self-check/")
    tab.page.check(f"input[name=audience][value='{audience}']")
    tab.page.check(f"input[name=substances][value='{substance}']")
    tab.page.check(f"input[name=age_band][value='{age_band}']")
    submit(tab.page, "main form button[type=submit]")


class AxeLog:
    """The pages a journey passed through, with any axe violations found on each."""

    def __init__(self, tab) -> None:
        self.tab, self.pages, self.problems = tab, [], []

    def check(self, label: str) -> None:
        self.pages.append(label)
        self.problems += [f"{label}: {found}" for found in self.tab.axe_violations()]


def answer_every_question(tab, option: int, log: AxeLog) -> None:
    """Answer each question with the choice at index `option` (or the last one; a number
    question gets `option` itself) until the check-your-answers page, checking each page."""
    page = tab.page
    for _ in range(60):
        if page.locator("button[value=results]").count():
            return
        log.check(f"question: {page.locator('main h1').inner_text()}")
        radios = page.locator("main input[name=answer][type=radio]")
        if radios.count():
            radios.nth(min(option, radios.count() - 1)).check()
        else:
            page.fill("main input[name=answer]", str(option))
        submit(page, "button[value=answer]")
    pytest.fail("the self-check never reached its check-your-answers page")


def test_without_javascript_every_step_error_and_crisis_page_is_accessible(
    no_script_tab, hotlines
) -> None:
    tab, log = no_script_tab, AxeLog(no_script_tab)
    page = tab.page
    tab.goto("/self-check/")
    log.check("start")
    submit(page, "main form button[type=submit]")
    assert page.title().startswith("Error:")
    log.check("start with errors")

    start(tab, audience="self", substance="alcohol", age_band="21-64")
    log.check("safety question")
    submit(page, "button[value=answer]")
    assert page.title().startswith("Error:")
    log.check("safety question with an error")
    page.check("main input[name=answer][value=yes]")
    submit(page, "button[value=answer]")
    assert page.locator("a[href='tel:911']").count()
    log.check("crisis help after a yes")
    submit(page, "button[value=continue]")
    submit(page, "button[value=answer]")
    assert page.title().startswith("Error:")
    log.check("question with an error")
    answer_every_question(tab, option=0, log=log)
    log.check("check your answers")
    submit(page, "button[value=results]")
    assert page.locator("a[href='tel:911']").count()  # the crisis help stays on the result
    log.check("result after a yes")

    start(tab, audience="self", substance="alcohol", age_band="21-64")
    page.evaluate(
        "() => document.querySelectorAll('input[name=token]').forEach(i => i.value = 'x')"
    )
    submit(page, "button[value=answer]")
    assert "Start again" in page.locator("main").inner_text()
    log.check("a page whose answers cannot be read (forged token)")

    assert log.problems == []
    assert len(log.pages) == 12, log.pages


@pytest.mark.parametrize(
    ("audience", "substance", "age_band", "option", "level"),
    [
        ("self", "alcohol", "21-64", 0, "low"),
        ("self", "alcohol", "21-64", 1, "moderate"),
        ("self", "alcohol", "12-17", 1, "high"),
        ("self", "alcohol", "21-64", 3, "severe"),
        ("self", "opioids", "21-64", 1, "severe"),
        ("other", "alcohol", "21-64", 1, "severe"),
    ],
)
def test_without_javascript_each_result_band_is_accessible(
    no_script_tab, hotlines, audience: str, substance: str, age_band: str, option: int, level: str
) -> None:
    tab, log = no_script_tab, AxeLog(no_script_tab)
    page = tab.page
    start(tab, audience=audience, substance=substance, age_band=age_band)
    page.check("main input[name=answer][value=no]")  # the safety question
    submit(page, "button[value=answer]")
    answer_every_question(tab, option=option, log=log)
    submit(page, "button[value=results]")

    assert page.locator(f".result.level-{level}").count()
    assert "not a diagnosis" in page.locator("main").inner_text()
    log.check(f"{level} result")
    assert log.problems == []
    assert not tab.foreign_requests()


# --- The result hands over (issue 18) -----------------------------------------------------------
def walk_to_result(tab, *, prefix: str = "", substance: str = "alcohol", option: int = 1) -> None:
    """Start, say "no" to the safety question, answer every question with the choice at
    `option`, and open the result; works with and without JavaScript."""
    page = tab.page
    start(tab, audience="self", substance=substance, age_band="21-64", prefix=prefix)
    if page.locator("form.single").count():  # JavaScript: every question on one page
        page.check("input[name='safety-answer'][value=no]")
        for _ in range(12):  # answering opens follow-up questions
            for block in page.locator(".question-block").all():
                radios = block.locator("input[type=radio]:not([name='safety-answer'])")
                if (
                    radios.count()
                    and radios.first.is_visible()
                    and not block.locator("input:checked").count()
                ):
                    radios.nth(min(option, radios.count() - 1)).check()
        submit(page, "button[value=all]")
        return
    page.check("main input[name=answer][value=no]")
    submit(page, "button[value=answer]")
    answer_every_question(tab, option=option, log=AxeLog(tab))
    submit(page, "button[value=results]")


@pytest.fixture(params=["javascript", "no-javascript"])
def either_tab(request, tab):
    """The same journey with the site's scripts, and without them."""
    if request.param == "no-javascript":
        return request.getfixturevalue("no_script_tab")
    return tab


@pytest.mark.parametrize("prefix", ["", "/es"])
def test_the_result_leads_with_one_headline_and_the_next_steps_in_the_first_screen(
    either_tab, hotlines, prefix: str
) -> None:
    tab = either_tab
    walk_to_result(tab, prefix=prefix)
    page = tab.page

    assert page.locator(".headline").count() == 1
    next_steps = page.locator("#next-heading").bounding_box()
    first_action = page.locator(".next-steps .button").first.bounding_box()
    assert next_steps["y"] < 844
    assert first_action["y"] + first_action["height"] <= 844
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    fhir = page.locator("details.fhir").bounding_box()
    assert fhir["y"] > first_action["y"]  # the FHIR file is a secondary action, far below
    assert tab.axe_violations() == []
    assert not tab.foreign_requests()


def test_the_printed_summary_includes_the_answers(either_tab, hotlines) -> None:
    tab = either_tab
    walk_to_result(tab)
    page = tab.page

    page.emulate_media(media="print")
    printed = page.locator("main").inner_text()
    assert "Self-check summary" in printed
    assert "Your answers" in printed
    assert "How often do you have a drink containing alcohol?" in printed
    assert not page.locator("details.fhir").is_visible()
    assert page.pdf().startswith(b"%PDF")


def test_with_javascript_the_result_has_a_print_button(tab, hotlines) -> None:
    walk_to_result(tab)

    assert tab.page.locator("button[data-print]").is_visible()
    assert tab.console_errors == []


def test_without_javascript_the_result_says_how_to_print(no_script_tab, hotlines) -> None:
    walk_to_result(no_script_tab)

    assert not no_script_tab.page.locator("button[data-print]").is_visible()
    assert "use your browser's menu" in no_script_tab.page.locator("main").inner_text()
    assert no_script_tab.axe_violations() == []


@pytest.mark.parametrize("prefix", ["", "/es"])
def test_back_from_the_finder_shows_the_result_again(either_tab, hotlines, prefix: str) -> None:
    tab = either_tab
    walk_to_result(tab, prefix=prefix)
    page = tab.page
    headline = page.locator(".headline h2").inner_text()

    with page.expect_navigation():
        page.locator(".next-steps a.button").first.click()
    assert "/treatment/" in page.url
    assert "care=substance_use" in page.url
    page.go_back()

    assert page.locator(".headline h2").inner_text() == headline
    assert page.locator(".your-answers dt").count() >= 3
