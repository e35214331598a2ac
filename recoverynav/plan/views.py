"""The plan and tracker pages and their service worker. The pages only render fixed wording:
what a person writes stays in their browser and is never sent here."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language

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
            "strings": selectors.plan_strings(),
            "sw_url": reverse("plan:plan") + "sw.js",
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
            "sw_url": reverse("plan:plan") + "sw.js",
            "paper_rows": range(7),
        },
    )


def service_worker(request: HttpRequest) -> HttpResponse:
    """Served from /plan/ (not /static/) so its scope covers the plan and tracker pages."""
    scope = reverse("plan:plan")
    script = selectors.service_worker_script(
        page_urls=[scope, reverse("plan:tracker")], language=get_language() or "en"
    )
    response = HttpResponse(script, content_type="application/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = scope
    response["Cache-Control"] = "no-cache"
    return response
