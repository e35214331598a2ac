from django.conf import settings
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from recoverynav.core.forms import choices_fragment
from recoverynav.core.page_cache import render_framed_page
from recoverynav.core.querystring import query_with
from recoverynav.meetings import exports
from recoverynav.meetings.forms import (
    CHOICE_FIELDS,
    SELECT_FIELDS,
    MeetingSearchForm,
    ProblemReportForm,
)
from recoverynav.meetings.selectors import (
    meeting_by_slug,
    meetings_for_feed,
    occurrences,
    search_meetings,
)
from recoverynav.meetings.services import report_problem

CALENDAR_LIMIT = 200


def search(request: HttpRequest) -> HttpResponse:
    form = MeetingSearchForm(request.GET or None)
    context = {
        "form": form,
        "searched": False,
        "choices_fragment": choices_fragment(form, CHOICE_FIELDS),
        "selects_fragment": choices_fragment(form, SELECT_FIELDS),
    }
    if form.is_bound and form.is_valid():
        now = timezone.now()
        result = search_meetings(query=form.to_query(), now=now)
        zone = form.viewer_zone
        for meeting in result.meetings:
            meeting.shown_times = occurrences(
                meeting, now=now, viewer_zone=zone if meeting.is_online else None
            )
        context.update(searched=True, result=result, viewer_zone=zone, **_pages(request, result))
        if result.lookup is not None:
            from recoverynav.geo.selectors import choice_links

            context["place_choices"] = choice_links(lookup=result.lookup, params=request.GET)
    # The frame holds the labels, hints and button, worded from an unbound form.
    return render_framed_page(
        request,
        "meetings/search.html",
        context,
        frame_context=lambda: {"form": MeetingSearchForm()},
    )


def _pages(request: HttpRequest, result) -> dict:
    """Links that keep the visitor's other choices."""
    params, page = request.GET, result.query.page
    return {
        "next_url": query_with(params, page=page + 1) if result.has_next else "",
        "previous_url": query_with(params, page=page - 1) if page > 1 else "",
        "calendar_url": reverse("meetings:search_calendar", kwargs={"fmt": "ics"})
        + query_with(params, drop=["page"]),
        "online_url": query_with(params, drop=["page"], attendance=["online"]),
    }


def meeting(request: HttpRequest, slug: str) -> HttpResponse:
    found = meeting_by_slug(slug)
    if found is None:
        raise Http404
    return render(
        request,
        "meetings/meeting.html",
        {
            "meeting": found,
            "times": occurrences(found, now=timezone.now()),
            "types": exports.type_names(found.types),
            "reported": request.GET.get("reported") == "1",
        },
    )


def meeting_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    found = meeting_by_slug(slug)
    if found is None or not found.weekly_times:
        raise Http404
    return _calendar_response(request, [found], f"{found.slug}.ics")


def search_calendar(request: HttpRequest, fmt: str) -> HttpResponse:
    form = MeetingSearchForm(request.GET)
    if not form.is_valid():
        message = _("This search has a choice we do not recognise. Please search again.")
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    result = search_meetings(query=form.to_query(), per_page=CALENDAR_LIMIT)
    return _calendar_response(request, result.meetings, "meetings.ics")


def _calendar_response(request: HttpRequest, meetings: list, filename: str) -> HttpResponse:
    body = exports.calendar_for(
        meetings,
        now=timezone.now(),
        page_url=lambda m: request.build_absolute_uri(reverse("meetings:meeting", args=[m.slug])),
        site_name=settings.SITE_NAME,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def feed(request: HttpRequest, fmt: str = "json") -> StreamingHttpResponse:
    """Our meetings as a Meeting Guide JSON feed (all, or one source with ?source=NAME)."""
    meetings = meetings_for_feed(source=request.GET.get("source", "")[:50])

    def record(meeting) -> dict:
        page = reverse("meetings:meeting", args=[meeting.slug])
        return exports.feed_record(
            meeting,
            url=request.build_absolute_uri(page),
            feedback_url=meeting.feedback_url
            or request.build_absolute_uri(reverse("meetings:report", args=[meeting.slug])),
        )

    records = (record(m) for m in meetings.iterator(chunk_size=2000))
    response = StreamingHttpResponse(exports.feed_chunks(records), content_type="application/json")
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, slug: str) -> HttpResponse:
    found = meeting_by_slug(slug)
    if found is None:
        raise Http404
    form = ProblemReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        report_problem(meeting=found, message=form.cleaned_data["message"])
        return HttpResponseRedirect(reverse("meetings:meeting", args=[found.slug]) + "?reported=1")
    return render(request, "meetings/report.html", {"meeting": found, "form": form})
