"""The admin works in a real browser under our Content-Security-Policy (no inline-script
exception), and its sign-in page answers a password-guessing run with a clear message."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"


@pytest.fixture
def operator(transactional_db) -> None:
    get_user_model().objects.create_superuser("operator", "operator@example.org", PASSWORD)


def sign_in(tab, password: str = PASSWORD) -> None:
    tab.goto(reverse("admin:login"))
    tab.page.fill("#id_username", "operator")
    tab.page.fill("#id_password", password)
    with tab.page.expect_navigation():
        tab.page.click("input[type=submit]")


def test_the_admin_runs_under_the_csp_without_errors(tab, operator, hotlines) -> None:
    sign_in(tab)
    pages = [
        reverse("admin:index"),
        reverse("admin:hotlines_hotline_changelist"),
        reverse("admin:hotlines_hotline_changelist") + "?q=988",
        reverse("admin:hotlines_hotline_change", args=[1]),
        reverse("admin:hotlines_hotline_add"),
        reverse("admin:auth_user_changelist"),
    ]
    for url in pages:
        response = tab.goto(url)
        assert response.status == 200, url
        assert tab.console_errors == [], (url, tab.console_errors)

    assert tab.page.locator("#content h1").count() == 1
    assert not tab.foreign_requests()


def test_the_admin_changelist_actions_work_with_the_csp(tab, operator, hotlines) -> None:
    """The change list's select-all checkbox and action bar are JavaScript: they must run."""
    sign_in(tab)
    tab.goto(reverse("admin:hotlines_hotline_changelist"))

    tab.page.check("#action-toggle")

    assert tab.page.locator("input.action-select:checked").count() > 1
    assert tab.console_errors == []


def test_the_admin_sign_in_page_says_when_to_try_again(tab, operator, rate_limits) -> None:
    rate_limits(admin_login_user="3/900")
    for _ in range(3):
        sign_in(tab, password="wrong")

    sign_in(tab)

    assert "Too many failed sign-ins" in tab.page.locator("main, #content").first.inner_text()
    assert tab.axe_violations() == []
