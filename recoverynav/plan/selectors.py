"""Reads for the plan and tracker pages: hotlines, finder links, strings for the JS, the
service worker's list of files to keep offline."""

import hashlib
import json
from pathlib import Path

from django.contrib.staticfiles import finders
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from recoverynav.hotlines.models import Country
from recoverynav.hotlines.selectors import (
    countries_with_hotlines,
    country_code_for_request,
    country_with_hotlines,
)
from recoverynav.plan import content

SERVICE_WORKER_SOURCE = Path(__file__).resolve().parent / "serviceworker.js"
# Files the plan and tracker pages load; the service worker keeps them for offline use.
OFFLINE_STATIC_FILES = [
    "core/site.css",
    "core/icon.svg",
    "plan/plan.css",
    "plan/common.js",
    "plan/plan.js",
    "plan/tracker.js",
]
FINDERS = [
    ("directory:search", "facility"),
    ("meetings:search", "meeting"),
]


def hotlines_for_request(*, request: HttpRequest) -> Country | None:
    """The visitor's country (as on the help-now page) with its shown hotlines."""
    countries = countries_with_hotlines()
    code = country_code_for_request(request, {c.code for c in countries})
    return country_with_hotlines(code)


def finder_links() -> dict[str, str]:
    """URLs of the treatment and meeting finders that are installed, by the kind they save."""
    links = {}
    for url_name, kind in FINDERS:
        try:
            links[kind] = reverse(url_name)
        except NoReverseMatch:
            continue
    return links


def milestones() -> list[dict]:
    labels = {
        1: _("1 day"),
        7: _("1 week"),
        30: _("30 days"),
        60: _("60 days"),
        90: _("90 days"),
        180: _("6 months"),
        365: _("1 year"),
        730: _("2 years"),
        1095: _("3 years"),
        1825: _("5 years"),
    }
    return [{"days": days, "label": labels[days]} for days in content.MILESTONE_DAYS]


def plan_strings() -> dict:
    """Everything plan.js says, in the page's language (rendered as a JSON data block)."""
    return {
        **_shared_strings(),
        "format": "recoverynav-plan",
        "fileName": "my-plan.json",
        "otherFormat": "recoverynav-tracker",
        "otherFile": _("This is a tracker file. Please import it on the tracker page."),
        "confirmDelete": _("Delete your whole plan from this browser? This cannot be undone."),
        "deleted": _("Your plan was deleted from this browser."),
        "confirmImport": _("Replace the plan in this browser with the plan in this file?"),
        "imported": _("Your plan was imported."),
        "added": _("Added to your plan: {name}"),
        "removed": _("Removed from your plan: {name}"),
        "wordsUsed": _("These words were copied into the form below."),
        "kinds": {
            "facility": _("Treatment place"),
            "meeting": _("Meeting"),
            "other": _("Other"),
        },
        "sections": {
            "people": _("People I will reach out to"),
            "options": _("Options I am considering"),
            "checks": _("My supportive environment"),
            "notes": _("Notes"),
        },
    }


def tracker_strings() -> dict:
    """Everything tracker.js says, in the page's language."""
    return {
        **_shared_strings(),
        "format": "recoverynav-tracker",
        "fileName": "my-tracker.json",
        "otherFormat": "recoverynav-plan",
        "otherFile": _("This is a plan file. Please import it on the plan page."),
        "confirmDelete": _(
            "Delete your whole tracker (dates, check-ins and plan) from this browser? "
            "This cannot be undone."
        ),
        "deleted": _("Your tracker was deleted from this browser."),
        "confirmImport": _("Replace the tracker in this browser with the tracker in this file?"),
        "imported": _("Your tracker was imported."),
        "dayOne": _("1 day"),
        "dayMany": _("{n} days"),
        "since": _("Since {date}"),
        "reached": _("Milestones reached: {list}"),
        "next": _("Next milestone: {label}, in {days}."),
        "startsToday": _("Day one starts today. You have taken a real step."),
        "futureDate": _("Please choose today or a day before today."),
        "confirmReset": _("Start a new count for {name} from today?"),
        "slip": _("I had a slip: start a new count"),
        "checkInSaved": _("Check-in saved for {date}."),
        "chartLabel": _("Craving over your last {n} check-ins, from 0 (none) to 10 (very strong)."),
        "chartEmpty": _("Your chart will appear after your first check-in."),
        "moods": {item.id: str(item.text) for item in content.CHECK_IN_MOODS},
        "triggers": {item.id: str(item.text) for item in content.TRIGGERS},
        "milestones": milestones(),
        "highCraving": content.HIGH_CRAVING,
        "sections": {
            "substances": _("Sober since"),
            "checkins": _("Daily check-in"),
            "prevention": _("My relapse-prevention plan"),
        },
    }


def _shared_strings() -> dict:
    return {
        "remove": _("Remove"),
        "empty": _("Nothing here yet."),
        "saved": _("Saved in this browser."),
        "noStorage": _(
            "This browser is not letting us save (it may be in private mode). "
            "You can still print this page and fill it in by hand."
        ),
        "importFailed": _("This file could not be imported. Nothing was changed."),
        "notJson": _("It is not a file saved by this site's Export button."),
        "tooBig": _("It is too big to be a file from this site (more than 1 MB)."),
        "newer": _("It was made by a newer version of this site. Please update the page."),
        "badPart": _("This part is damaged or was changed: {part}."),
    }


def service_worker_script(*, page_urls: list[str], language: str) -> str:
    """The service worker with its list of files to keep offline and a version that changes
    whenever one of those static files changes (so phones pick up new code)."""
    static_urls = [static(name) for name in OFFLINE_STATIC_FILES]
    digest = hashlib.sha256()
    for name, url in zip(OFFLINE_STATIC_FILES, static_urls, strict=True):
        digest.update(url.encode())
        found = finders.find(name)
        if found:
            digest.update(Path(found).read_bytes())
    digest.update(SERVICE_WORKER_SOURCE.read_bytes())
    config = {
        "cache": f"rn-plan-{language}-{digest.hexdigest()[:16]}",
        "prefix": f"rn-plan-{language}-",
        "pages": page_urls,
        "static": static_urls,
    }
    return f"const CONFIG = {json.dumps(config)};\n" + SERVICE_WORKER_SOURCE.read_text()
