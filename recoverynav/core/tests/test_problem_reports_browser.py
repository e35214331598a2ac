"""In a real browser, on a phone: the one "Report a problem" form, for a facility and for a
meeting, in English and Spanish — its error, then the thank-you, with no axe violation and
no sideways scroll."""

import pytest

from recoverynav.directory.tests.factories import make_facility
from recoverynav.meetings.models import Meeting
from recoverynav.meetings.tests.conftest import import_records, meeting_record

pytestmark = pytest.mark.browser

WORDS = {
    "": {"send": "Send report", "check": "Please check the form.", "thanks": "Thank you."},
    "/es": {
        "send": "Enviar aviso",
        "check": "Por favor, revise el formulario.",
        "thanks": "Gracias.",
    },
}


def facility_report() -> str:
    return f"/treatment/{make_facility().pk}/report/"


def meeting_report() -> str:
    import_records([meeting_record()])
    return f"/meetings/{Meeting.objects.get().slug}/report/"


@pytest.mark.parametrize("prefix", ["", "/es"])
@pytest.mark.parametrize("report_url", [facility_report, meeting_report])
def test_a_visitor_reports_a_problem_on_a_phone(tab, prefix: str, report_url) -> None:
    words = WORDS[prefix]
    page = tab.page
    tab.goto(prefix + report_url())

    # The browser itself asks for a choice first (the radios are required); the server's
    # answer is what a browser that does not check forms shows.
    page.evaluate("document.querySelector('form[method=post]').noValidate = true")
    page.get_by_role("button", name=words["send"]).click()
    assert words["check"] in page.locator(".error-summary").inner_text()
    assert tab.axe_violations() == []

    page.locator("input[name=kind]").last.check()
    page.locator("textarea[name=details]").fill("The door has a new sign.")
    page.get_by_role("button", name=words["send"]).click()
    page.wait_for_url("**/?reported=1")

    assert words["thanks"] in page.locator("p.notice[role=status]").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert tab.axe_violations() == []
