"""The plan and tracker pages. They only render fixed wording: what a person writes stays in
their browser and is never sent here. (The site's service worker, core/offline.py, keeps
both pages for offline use.)"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from recoverynav.plan import content, selectors


def plan_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "plan/plan.html",
        {
            "country": selectors.hotlines_for_request(request=request),
            "finders": selectors.finder_links(),
            "scripts": content.REACH_OUT_SCRIPTS,
            "checklist": content.ENVIRONMENT_CHECKLIST,
            "naloxone": content.NALOXONE_FACT,
            "keep_going": content.KEEP_GOING_PROMPTS,
            "craving_prompts": content.CRAVING_PROMPTS,
            "strings": selectors.plan_strings(),
        },
    )


def tracker_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "plan/tracker.html",
        {
            "moods": content.CHECK_IN_MOODS,
            "triggers": content.TRIGGERS,
            "prevention": content.PREVENTION_PROMPTS,
            "after_a_break": content.AFTER_A_BREAK_FACT,
            "high_craving": content.HIGH_CRAVING,
            "finders": selectors.finder_links(),
            "strings": selectors.tracker_strings(),
            "paper_rows": range(7),
        },
    )
