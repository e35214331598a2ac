"""Reads for the plan and tracker pages: hotlines, finder links, strings for the JS."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from recoverynav.hotlines.models import Country
from recoverynav.hotlines.selectors import (
    countries_with_hotlines,
    country_code_for_request,
    country_with_hotlines,
)
from recoverynav.plan import content

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
    """URLs of the treatment and meeting finders, by the kind they save."""
    return {kind: reverse(url_name) for url_name, kind in FINDERS}


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
        "added": _("Added to your plan: {name}"),
        "removed": _("Removed from your plan: {name}"),
        "wordsUsed": _("These words were copied into the form below."),
        "phone": _("Phone:"),
        "kinds": {
            "facility": _("Treatment place"),
            "meeting": _("Meeting"),
            "other": _("Other"),
        },
    }


def tracker_strings() -> dict:
    """Everything tracker.js says, in the page's language."""
    return {
        **_shared_strings(),
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
        "callName": _("Call {name}"),
        "noPeople": _("No one yet. Add the people you would call in your plan."),
        "milestones": milestones(),
        "highCraving": content.HIGH_CRAVING,
        # The headings of what the high-craving card shows from the plan, by field.
        "planParts": {
            **{item.id: str(item.text) for item in content.PREVENTION_PROMPTS},
            "reasons": str(content.KEEP_GOING_PROMPTS[0].text),
        },
    }


def _shared_strings() -> dict:
    """What both pages need: the store is shared, so either page can import, export or delete
    the plan and the tracker, and must check every part of a file."""
    return {
        "remove": _("Remove"),
        "empty": _("Nothing here yet."),
        "saved": _("Saved in this browser."),
        "noStorage": _(
            "This browser is not letting us save (it may be in private mode). "
            "You can still print this page and fill it in by hand."
        ),
        "fileName": "my-plan-and-tracker.json",
        "confirmDelete": _(
            "Delete your plan and your tracker (dates, check-ins and notes) from this browser? "
            "This cannot be undone."
        ),
        "deleted": _("Your plan and your tracker were deleted from this browser."),
        "confirmImportAll": _(
            "Replace the plan and the tracker in this browser with the ones in this file?"
        ),
        "confirmImportPlan": _(
            "Replace the plan in this browser with the plan in this file? "
            "Your tracker stays as it is."
        ),
        "confirmImportTracker": _(
            "Replace the tracker in this browser with the tracker in this file? "
            "Your plan stays as it is."
        ),
        "importedAll": _("Your plan and your tracker were imported."),
        "importedPlan": _("Your plan was imported."),
        "importedTracker": _("Your tracker was imported."),
        "importFailed": _("This file could not be imported. Nothing was changed."),
        "notJson": _("It is not a file saved by this site's Export button."),
        "tooBig": _("It is too big to be a file from this site (more than 1 MB)."),
        "newer": _("It was made by a newer version of this site. Please update the page."),
        "badPart": _("This part is damaged or was changed: {part}."),
        "moods": {item.id: str(item.text) for item in content.CHECK_IN_MOODS},
        "triggers": {item.id: str(item.text) for item in content.TRIGGERS},
        "sections": {
            "people": _("People I will reach out to"),
            "options": _("Options I am considering"),
            "checks": _("My supportive environment"),
            "notes": _("Notes"),
            "substances": _("Sober since"),
            "checkins": _("Daily check-in"),
            "prevention": _("My relapse-prevention plan"),
        },
    }
