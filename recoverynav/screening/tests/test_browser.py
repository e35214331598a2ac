"""The self-check in a real Chromium. With JavaScript it becomes one page and still works;
without it, every step, error state, the crisis page and each result band pass axe-core."""

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

    page.check("input[name='audit:audit-1-answer'][value='never']")
    assert not page.is_visible("input[name='audit:audit-2-answer']")
    page.check("input[name='audit:audit-1-answer'][value='2-3-a-week']")
    assert page.is_visible("input[name='audit:audit-2-answer']")
    page.check("input[name='audit:audit-2-answer'][value='1-2']")
    page.check("input[name='audit:audit-3-answer'][value='never']")
    assert not page.is_visible("input[name='audit:audit-4-answer']")
    page.check("input[name='audit:audit-9-answer'][value='no']")
    page.check("input[name='audit:audit-10-answer'][value='no']")
    with page.expect_navigation():
        page.click("button[value=all]")

    assert page.is_visible("text=Score: 3 out of 40")
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


def start(tab, *, audience: str, substance: str, age_band: str) -> None:
    tab.goto("/self-check/")
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
        ("self", "alcohol", "21-64", 2, "severe"),
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
