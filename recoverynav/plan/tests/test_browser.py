"""The plan and tracker in a real Chromium: what people add survives a reload, moves to
another browser in one file (older separate files still import), is deleted at once, works
offline, and never leaves the browser; and the journey a person makes through both on a
phone."""

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Unusual words typed into the plan: if any request carried plan data, they would show.
SECRET_NAME = "Zebediah-Quorn"
SECRET_WORDS = "Ultramarine-Pelican said nothing"
SECRET_SUBSTANCE = "Vermilion-Tonic"
SECRET_NOTE = "Saffron-Lighthouse"


def accept_next_dialog(page) -> None:
    page.once("dialog", lambda dialog: dialog.accept())


def add_person(page, name: str = SECRET_NAME, words: str = SECRET_WORDS) -> None:
    page.fill("#person-name", name)
    page.fill("#person-contact", "555-0100")
    page.fill("#person-words", words)
    page.click("button:has-text('Add person')")


def fill_plan(page, site: str) -> None:
    page.goto(site + "/plan/")
    add_person(page)
    page.fill("#option-name", "Riverside Clinic")
    page.fill("#option-note", "Mon 9am")
    page.click("button:has-text('Add option')")
    page.check("#check-remove-substances")
    page.fill("#note-reasons", SECRET_NOTE)


def export_file(page, tmp_path: Path, name: str) -> Path:
    with page.expect_download() as download:
        page.click("button:has-text('Export to a file')")
    target = tmp_path / name
    download.value.save_as(target)
    return target


def test_it_keeps_what_i_add_after_a_reload(site, page) -> None:
    fill_plan(page, site)
    page.reload()

    people = page.locator("[data-list=people]")
    assert SECRET_NAME in people.inner_text()
    assert SECRET_WORDS in people.inner_text()
    assert "Riverside Clinic" in page.locator("[data-list=options]").inner_text()
    assert page.is_checked("#check-remove-substances")
    assert page.input_value("#note-reasons") == SECRET_NOTE


def test_it_announces_additions_near_the_form(site, page) -> None:
    page.goto(site + "/plan/")
    add_person(page, name="Ana")

    status = page.locator("[data-form=people] [data-form-status]")
    status.filter(has_text="Added to your plan: Ana").wait_for()
    assert status.get_attribute("role") == "status"


def test_i_can_remove_one_item_and_it_stays_removed(site, page) -> None:
    page.goto(site + "/plan/")
    add_person(page, name="Ana")
    add_person(page, name="Luis")

    page.get_by_role("button", name="Remove Ana").click()
    page.reload()

    people = page.locator("[data-list=people]").inner_text()
    assert "Luis" in people
    assert "Ana" not in people


def test_a_script_fills_in_what_i_will_say(site, page) -> None:
    page.goto(site + "/es/plan/")
    page.click("[data-use-script=check-in]")

    assert page.input_value("#person-words").startswith("He decidido buscar ayuda.")
    assert page.evaluate("document.activeElement.id") == "person-words"


def test_it_moves_my_plan_to_a_clean_browser(site, browser, page, tmp_path) -> None:
    fill_plan(page, site)
    exported = export_file(page, tmp_path, "plan.json")
    payload = json.loads(exported.read_text())
    assert payload["format"] == "recoverynav-plan-and-tracker"
    assert payload["data"]["plan"]["people"][0]["name"] == SECRET_NAME
    assert payload["data"]["tracker"] == {"substances": [], "checkins": [], "prevention": {}}

    other = browser.new_context()
    try:
        fresh = other.new_page()
        fresh.goto(site + "/plan/")
        assert SECRET_NAME not in fresh.locator("[data-list=people]").inner_text()
        fresh.set_input_files("#import-file", str(exported))
        fresh.locator("[data-status]").filter(has_text="Your plan and your tracker were").wait_for()

        assert SECRET_NAME in fresh.locator("[data-list=people]").inner_text()
        assert fresh.is_checked("#check-remove-substances")
        assert fresh.input_value("#note-reasons") == SECRET_NOTE
    finally:
        other.close()


@pytest.mark.parametrize(
    ("contents", "reason"),
    [
        ("this is not json", "not a file saved by this site"),
        ('{"format": "a-diary", "version": 1, "data": {}}', "not a file saved by this site"),
        ('{"format": "recoverynav-plan", "version": 99, "data": {}}', "newer version"),
        (
            '{"format": "recoverynav-plan-and-tracker", "version": 1, "data": {"plan": {}, '
            '"tracker": {"checkins": [{"date": "2026-02-30", "mood": "3", "craving": 2}]}}}',
            "Daily check-in",
        ),
        (
            '{"format": "recoverynav-plan", "version": 1, "data": {"options": '
            '[{"kind": "facility", "name": "x", "url": "javascript:alert(1)"}]}}',
            "Options I am considering",
        ),
        (
            '{"format": "recoverynav-plan", "version": 1, "data": {"people": [{"name": 5}]}}',
            "People I will reach out to",
        ),
    ],
)
def test_a_bad_file_explains_itself_and_changes_nothing(
    site, page, tmp_path, contents: str, reason: str
) -> None:
    fill_plan(page, site)
    bad = tmp_path / "bad.json"
    bad.write_text(contents)

    page.set_input_files("#import-file", str(bad))
    errors = page.locator("[data-errors]")
    errors.wait_for()

    assert "Nothing was changed." in errors.inner_text()
    assert reason in errors.inner_text()
    page.reload()
    assert SECRET_NAME in page.locator("[data-list=people]").inner_text()


def test_delete_everything_asks_first(site, page) -> None:
    fill_plan(page, site)

    page.once("dialog", lambda dialog: dialog.dismiss())
    page.click("button:has-text('Delete everything')")
    assert SECRET_NAME in page.locator("[data-list=people]").inner_text()

    accept_next_dialog(page)
    page.click("button:has-text('Delete everything')")
    page.locator("[data-status]").filter(has_text="deleted").wait_for()
    page.reload()

    assert SECRET_NAME not in page.locator("[data-list=people]").inner_text()
    assert not page.is_checked("#check-remove-substances")
    assert page.evaluate("localStorage.length") == 0


def test_unreadable_saved_data_is_kept_aside_not_overwritten(site, page) -> None:
    page.goto(site + "/plan/")
    page.evaluate("localStorage.setItem('recoverynav.plan', '{broken')")
    page.reload()
    add_person(page, name="Ana")

    assert page.evaluate("localStorage.getItem('recoverynav.plan.unreadable')") == "{broken"
    assert "Ana" in page.evaluate("localStorage.getItem('recoverynav.plan')")
    accept_next_dialog(page)
    page.click("button:has-text('Delete everything')")
    assert page.evaluate("localStorage.getItem('recoverynav.plan.unreadable')") is None


def test_save_buttons_on_other_pages_add_options_to_my_plan(site, page, settings) -> None:
    settings.ROOT_URLCONF = "recoverynav.plan.tests.urls"
    page.goto(site + "/test-results/")
    page.click("[data-plan-save][data-id=f1]")
    page.click("[data-plan-save][data-id=f1]")  # a second tap does not save it twice
    page.locator("[data-plan-save-status]").first.filter(has_text="Hope House").wait_for()

    assert "Saved to my plan" in page.inner_text("[data-plan-save][data-id=f1]")
    assert "Save to my plan" in page.inner_text("[data-plan-save][data-id=m7]")
    page.goto(site + "/plan/")
    options = page.locator("[data-list=options]")
    assert options.locator("li").count() == 1
    assert options.locator("a").get_attribute("href") == "/treatment/f1/"
    assert "Treatment place" in options.inner_text()


def test_the_tracker_counts_days_and_marks_milestones(site, page) -> None:
    page.goto(site + "/plan/tracker/")
    today = date.fromisoformat(page.evaluate("RecoveryPlan.today()"))
    page.fill("#substance-name", SECRET_SUBSTANCE)
    page.fill("#substance-since", (today - timedelta(days=30)).isoformat())
    page.click("form[data-form=substance] button[type=submit]")

    card = page.locator("[data-list=substances] li")
    assert "30 days" in card.inner_text()
    assert "Milestones reached: 1 day, 1 week, 30 days" in card.inner_text()
    assert "Next milestone: 60 days, in 30 days." in card.inner_text()
    page.reload()
    assert SECRET_SUBSTANCE in page.locator("[data-list=substances]").inner_text()


def test_a_slip_starts_a_new_count_with_kind_words(site, page) -> None:
    page.goto(site + "/plan/tracker/")
    page.fill("#substance-name", "alcohol")
    page.fill("#substance-since", "2020-01-01")
    page.click("form[data-form=substance] button[type=submit]")

    accept_next_dialog(page)
    page.click("button:has-text('I had a slip')")

    support = page.locator("[data-slip-support]")
    assert support.is_visible()
    assert "A slip is part of many recoveries" in support.inner_text()
    assert page.evaluate("document.activeElement.hasAttribute('data-slip-support')")
    assert "0 days" in page.locator("[data-list=substances]").inner_text()


def test_a_strong_craving_brings_up_my_relapse_prevention_plan(site, page) -> None:
    page.goto(site + "/plan/tracker/")
    page.fill("#prevention-people", "Call my sister Rosa")
    page.fill("#checkin-craving", "3")
    page.click("button:has-text('Save check-in')")
    card = page.locator("[data-high-craving]")
    assert card.is_hidden()

    page.fill("#checkin-craving", "8")
    page.check("input[name=triggers][value=stress]")
    page.click("button:has-text('Save check-in')")

    assert card.is_visible()
    assert "Call my sister Rosa" in card.inner_text()
    assert page.locator("[data-list=checkins] tr").count() == 1  # same day: replaced
    assert "Stress" in page.locator("[data-list=checkins]").inner_text()


def test_the_craving_chart_is_an_svg_built_without_inline_styles(site, page) -> None:
    page.goto(site + "/plan/tracker/")
    assert "first check-in" in page.inner_text("[data-chart]")
    today = date.fromisoformat(page.evaluate("RecoveryPlan.today()"))
    for days_ago, craving in [(2, "6"), (1, "4"), (0, "2")]:
        page.fill("#checkin-date", (today - timedelta(days=days_ago)).isoformat())
        page.fill("#checkin-craving", craving)
        page.click("button:has-text('Save check-in')")

    chart = page.locator("[data-chart] svg")
    assert chart.get_attribute("role") == "img"
    assert "last 3 check-ins" in chart.locator("title").first.text_content()
    assert chart.locator("circle").count() == 3
    assert page.locator("[data-chart] [style]").count() == 0


def test_one_export_from_the_tracker_carries_the_plan_too_and_one_delete_clears_both(
    site, browser, page, tmp_path
) -> None:
    fill_plan(page, site)
    page.goto(site + "/plan/tracker/")
    page.fill("#substance-name", SECRET_SUBSTANCE)
    page.click("form[data-form=substance] button[type=submit]")
    page.fill("#prevention-warning-signs", SECRET_NOTE)
    exported = export_file(page, tmp_path, "everything.json")

    other = browser.new_context()
    try:
        fresh = other.new_page()
        fresh.goto(site + "/plan/")
        fresh.set_input_files("#import-file", str(exported))
        # Reading the file is asynchronous: wait for the message rather than racing it.
        fresh.locator("[data-status]").filter(has_text="were imported").wait_for()
        assert SECRET_NAME in fresh.locator("[data-list=people]").inner_text()
        # The warning signs are part of the plan too: the plan page shows them.
        assert fresh.input_value("#prevention-warning-signs") == SECRET_NOTE
        fresh.goto(site + "/plan/tracker/")
        assert SECRET_SUBSTANCE in fresh.locator("[data-list=substances]").inner_text()
    finally:
        other.close()

    accept_next_dialog(page)
    page.click("button:has-text('Delete everything')")
    page.reload()
    assert SECRET_SUBSTANCE not in page.locator("[data-list=substances]").inner_text()
    assert page.evaluate("localStorage.length") == 0
    page.goto(site + "/plan/")
    assert SECRET_NAME not in page.locator("[data-list=people]").inner_text()


OLD_PLAN_FILE = {
    "format": "recoverynav-plan",
    "version": 1,
    "exported": "2026-11-30T10:00:00Z",
    "data": {
        "people": [{"name": "Rosa", "contact": "555-0199", "words": ""}],
        "options": [{"kind": "meeting", "id": "m1", "name": "Morning group", "url": "/m/"}],
        "checks": {"tell-someone": True},
        "notes": {"reasons": "My kids"},
    },
}
OLD_TRACKER_FILE = {
    "format": "recoverynav-tracker",
    "version": 1,
    "exported": "2026-11-30T10:00:00Z",
    "data": {
        "substances": [{"name": "alcohol", "since": "2026-11-01"}],
        "checkins": [{"date": "2026-11-30", "mood": "2", "craving": 4, "triggers": []}],
        "prevention": {"coping": "Walk the dog"},
    },
}


@pytest.mark.parametrize("where", ["/plan/", "/plan/tracker/"])
def test_the_old_separate_files_still_import_each_into_its_own_part(
    site, page, tmp_path, where: str
) -> None:
    plan_file, tracker_file = tmp_path / "my-plan.json", tmp_path / "my-tracker.json"
    plan_file.write_text(json.dumps(OLD_PLAN_FILE))
    tracker_file.write_text(json.dumps(OLD_TRACKER_FILE))
    page.goto(site + where)

    page.set_input_files("#import-file", str(plan_file))
    page.locator("[data-status]").filter(has_text="Your plan was imported.").wait_for()
    page.set_input_files("#import-file", str(tracker_file))
    page.locator("[data-status]").filter(has_text="Your tracker was imported.").wait_for()

    stored = page.evaluate(
        "['plan', 'tracker'].map(k => JSON.parse(localStorage.getItem('recoverynav.' + k)))"
    )
    assert stored[0]["people"][0]["name"] == "Rosa"
    assert stored[0]["notes"] == {"reasons": "My kids"}
    assert stored[1]["substances"][0]["name"] == "alcohol"
    assert stored[1]["prevention"] == {"coping": "Walk the dog"}


def test_it_opens_offline_once_loaded(site, context, page) -> None:
    fill_plan(page, site)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    page.wait_for_function("navigator.serviceWorker.controller !== null")

    context.set_offline(True)
    try:
        page.reload()
        assert SECRET_NAME in page.locator("[data-list=people]").inner_text()
        page.goto(site + "/plan/tracker/")
        assert page.locator("[data-form=checkin]").is_visible()
    finally:
        context.set_offline(False)


def test_no_request_carries_plan_or_tracker_data(site, context, page, tmp_path) -> None:
    requests = []
    # The page's own requests, and the context's (which include the service worker's).
    page.on("request", lambda request: requests.append(request))
    context.on("request", lambda request: requests.append(request))

    fill_plan(page, site)
    export_file(page, tmp_path, "plan.json")
    page.reload()
    page.goto(site + "/plan/tracker/")
    page.fill("#substance-name", SECRET_SUBSTANCE)
    page.click("form[data-form=substance] button[type=submit]")
    page.fill("#checkin-craving", "9")
    page.fill("#checkin-note", SECRET_NOTE)
    page.click("button:has-text('Save check-in')")
    page.reload()

    assert requests
    for request in requests:
        sent = " ".join([request.url, request.post_data or "", json.dumps(request.headers)])
        assert request.url.startswith((site + "/", "blob:" + site + "/")), request.url
        assert request.method == "GET", request.url
        for secret in (SECRET_NAME, SECRET_WORDS, SECRET_SUBSTANCE, SECRET_NOTE):
            assert secret not in sent, request.url


def test_without_javascript_the_plan_is_a_printable_checklist(site, browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site + "/plan/")
        assert page.locator(".paper-lines").first.is_visible()
        assert page.locator("#check-naloxone").is_visible()
        assert page.locator("form").first.is_hidden()
        page.emulate_media(media="print")
        assert page.locator(".help-bar").is_hidden()
        assert page.locator("#step-environment").is_visible()

        page.goto(site + "/plan/tracker/")
        assert page.locator("#paper table").is_visible()
        assert page.locator("#check-in").is_hidden()
    finally:
        context.close()


# --- The journey on a phone (the review's journey d), with the demo data `make run` loads ---
# `tab` (root conftest) is a 390 x 844 phone on the live server that records script errors.


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_plan_a_saved_place_and_a_strong_craving_on_a_phone(tab, demo_data, tmp_path) -> None:
    phone = tab.page
    # Make a plan with a person to call, and the words for a strong craving.
    tab.goto("/plan/")
    phone.click("[data-use-script=hard-times]")
    phone.fill("#person-name", "Maria (sister)")
    phone.fill("#person-contact", "Cell (804) 555-0100")
    phone.click("button:has-text('Add person')")
    phone.fill("#prevention-warning-signs", "Skipping dinner, staying in")
    phone.fill("#prevention-coping", "Call Maria, go to a meeting")

    # Save a place from the treatment results: its phone and address come with it.
    tab.goto("/treatment/?place=22903")
    card = phone.locator("article.facility").filter(has=phone.locator("a.button[href^='tel:']"))
    name = card.first.locator("h3").inner_text()
    card.first.locator("[data-plan-save]").click()
    phone.locator("[data-plan-save-status]").filter(has_text=name).first.wait_for()
    tab.goto("/plan/")
    saved = phone.locator("[data-list=options] li").filter(has_text=name)
    assert saved.locator("a[href^='tel:']").count() == 1
    assert "VA 22903" in saved.inner_text()
    phone.emulate_media(media="print")
    assert saved.locator("a[href^='tel:']").is_visible()  # the printed plan lists them
    assert phone.locator("[data-list=people]").filter(has_text="Maria (sister)").is_visible()
    phone.emulate_media(media="screen")
    assert no_sideways_scroll(phone)
    assert tab.axe_violations() == []

    # Check in with a strong craving: the card calls Maria and shows what the plan says.
    tab.goto("/plan/tracker/")
    phone.fill("#checkin-craving", "8")
    phone.check("input[name=triggers][value=stress]")
    phone.fill("#checkin-note", "A long evening after a hard day at work, alone at home again")
    phone.click("button:has-text('Save check-in')")
    high = phone.locator("[data-high-craving]")
    assert high.is_visible()
    call = high.get_by_role("link", name="Call Maria (sister)")
    assert call.get_attribute("href") == "tel:8045550100"
    assert high.locator("[data-call-fallback]").is_hidden()
    assert "Skipping dinner, staying in" in high.inner_text()
    assert "Call Maria, go to a meeting" in high.inner_text()
    assert "Nothing here yet" not in high.inner_text()
    assert no_sideways_scroll(phone)
    assert tab.axe_violations() == []

    # One export carries both; one delete clears both.
    with phone.expect_download() as download:
        phone.click("button:has-text('Export to a file')")
    assert download.value.suggested_filename == "my-plan-and-tracker.json"
    target = tmp_path / "mine.json"
    download.value.save_as(target)
    payload = json.loads(target.read_text())
    assert payload["data"]["plan"]["people"][0]["name"] == "Maria (sister)"
    assert payload["data"]["tracker"]["checkins"][0]["craving"] == 8
    phone.once("dialog", lambda dialog: dialog.accept())
    phone.click("button:has-text('Delete everything')")
    phone.locator("[data-status]").filter(has_text="were deleted").wait_for()
    assert phone.evaluate("localStorage.length") == 0
    assert tab.console_errors == []


def test_with_no_one_in_the_plan_the_card_calls_a_helpline(site, page) -> None:
    page.goto(site + "/plan/tracker/")
    page.fill("#checkin-craving", "9")
    page.click("button:has-text('Save check-in')")

    card = page.locator("[data-high-craving]")
    assert card.get_by_role("link", name="Call a helpline now").get_attribute("href") == (
        "/help-now/"
    )
    assert card.locator("[data-call-more]").is_hidden()
    assert "You have not written this part of your plan yet." in card.inner_text()


@pytest.mark.parametrize("url", ["/plan/", "/es/plan/", "/plan/tracker/", "/es/plan/tracker/"])
def test_without_javascript_no_button_shows_that_would_do_nothing(site, tab, url: str) -> None:
    # No script of ours runs (all are files: the CSP allows no inline script), while axe can
    # still be run in the page, which a context with JavaScript switched off would not allow.
    tab.page.route("**/*.js", lambda route: route.abort())
    tab.goto(url)

    visible_buttons = tab.page.locator("main button:visible")
    assert visible_buttons.count() == 0, visible_buttons.all_inner_texts()
    assert tab.page.locator("[data-use-script]").first.is_hidden()
    assert no_sideways_scroll(tab.page)
    assert tab.axe_violations() == []
