"""With JavaScript in a real Chromium: the self-check becomes one page and still works."""

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
