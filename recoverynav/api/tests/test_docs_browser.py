"""The browsable API docs in a real Chromium: Swagger UI starts under our CSP, with no
violations and nothing loaded from another host."""

import pytest

pytestmark = pytest.mark.browser


def test_the_docs_page_shows_every_operation_without_csp_violations(tab) -> None:
    csp_reports: list[str] = []
    tab.page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and csp_reports.append(message.text)
        ),
    )
    tab.goto("/api/v1/docs")
    tab.page.wait_for_selector(".opblock", timeout=15000)
    operations = tab.page.locator(".opblock-summary-path").all_inner_texts()

    assert not tab.console_errors, tab.console_errors
    assert not csp_reports, csp_reports
    assert not tab.foreign_requests(), tab.foreign_requests()
    assert "/api/v1/hotlines/{code}" in [text.replace("\u200b", "") for text in operations]
