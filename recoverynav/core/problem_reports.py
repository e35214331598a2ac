"""One "Report a problem" flow for every kind of listing (a treatment facility, a meeting):
the same form, the same limit and the same answers, so visitors, moderators and tests meet
one behaviour. Each app supplies its listing, its kinds of problem, its words and how to save.

Answers: 200 shows the form; a valid report is saved and the visitor is sent back to the
listing (302, `?reported=1`); an invalid one is 400 with the form kept; past the budget
(RATE_LIMITS["problem_report"], per network, both apps together) it is 429 with Retry-After
and the form kept. Nothing about the visitor is stored.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext

from recoverynav.core import ratelimit

ROUTE = "problem_report"


def report_page(
    request: HttpRequest,
    *,
    form,
    save: Callable[[dict], object],
    listing_url: str,
    template: str,
    context: dict,
) -> HttpResponse:
    """Run the flow for one listing; `save` stores the cleaned data."""
    status, retry_after = 200, 0
    if request.method == "POST":
        decision = ratelimit.hit_request(request, ROUTE)
        if not decision.allowed:
            status, retry_after = 429, decision.retry_after
            form.add_error(None, too_many_reports())
        elif form.is_valid():
            save(form.cleaned_data)
            return HttpResponseRedirect(listing_url + "?reported=1")
        else:
            status = 400
    response = render(request, template, {**context, "form": form}, status=status)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


def too_many_reports() -> str:
    return gettext(
        "Thank you. We have had several reports from you recently; please try again later."
    )
