"""One "Report a problem" flow for every kind of listing (a treatment facility, a meeting):
the same form, the same limit and the same answers, so visitors, moderators and tests meet
one behaviour. Each app supplies its listing, its kinds of problem, its words and how to save.

The pieces: ProblemReportBase and ReportStatus (core.models) for the stored report,
ProblemReportForm, report_page for the view, close_reports for moderators, and
ProblemReportAdmin for the admin's review queue.

Answers: 200 shows the form; a valid report is saved and the visitor is sent back to the
listing (302, `?reported=1`); an invalid one is 400 with the form kept; past the budget
(RATE_LIMITS["problem_report"], per network, both apps together) it is 429 with Retry-After
and the form kept. Nothing about the visitor is stored.
"""

from collections.abc import Callable

from django import forms
from django.contrib import admin
from django.db.models import Case, QuerySet, Value, When
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from recoverynav.core import ratelimit
from recoverynav.core.models import ReportStatus

ROUTE = "problem_report"


class ProblemReportForm(forms.Form):
    """What is wrong (the listing's own `kinds`) and optional details."""

    kind = forms.ChoiceField(label=_("What is wrong?"), choices=(), widget=forms.RadioSelect)
    details = forms.CharField(
        label=_("Details (optional)"),
        help_text=_("Please do not include your name or any health information."),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, kinds: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds


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


def close_reports(*, reports: QuerySet, user, status: str) -> int:
    """A moderator dealt with these reports (resolved or dismissed), now."""
    return reports.update(status=status, resolved=timezone.now(), resolved_by=user)


class ProblemReportAdmin(admin.ModelAdmin):
    """The review queue, the same for every kind of listing: new reports first, read-only
    reports (only the status moves), and the actions to resolve or dismiss them."""

    list_filter = ["status", "kind"]
    fields = ["kind", "details", "status", "created", "resolved", "resolved_by"]
    readonly_fields = ["kind", "details", "created", "resolved", "resolved_by"]
    actions = ["resolve", "dismiss"]

    def get_ordering(self, request: HttpRequest) -> list:
        """The change list builds its order from this (not from get_queryset, whose order it
        replaces with the model's "-created"), so the waiting reports lead here."""
        waiting_first = Case(When(status=ReportStatus.NEW, then=Value(0)), default=Value(1))
        return [waiting_first.asc(), "-created"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def close(self, request: HttpRequest, queryset: QuerySet, status: str) -> None:
        count = close_reports(reports=queryset, user=request.user, status=status)
        self.message_user(request, _("%(count)d reports updated.") % {"count": count})

    @admin.action(description=_("Resolved"), permissions=["change"])
    def resolve(self, request: HttpRequest, queryset: QuerySet) -> None:
        self.close(request, queryset, ReportStatus.RESOLVED)

    @admin.action(description=_("Dismiss"), permissions=["change"])
    def dismiss(self, request: HttpRequest, queryset: QuerySet) -> None:
        self.close(request, queryset, ReportStatus.DISMISSED)
