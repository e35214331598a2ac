"""The meeting finder's pages: the search (results first), one meeting, calendars, our feed,
and "report a problem". Thin: forms parse, selectors read, summary/cards word."""

from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    QueryDict,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.urls import resolve, reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from recoverynav.core import export_files
from recoverynav.core.forms import choices_fragment
from recoverynav.core.frames import render_framed_page
from recoverynav.core.problem_reports import ProblemReportForm, report_page
from recoverynav.core.querystring import query_with
from recoverynav.core.ratelimit import limit_view
from recoverynav.geo import selectors as geo
from recoverynav.hotlines.selectors import treatment_referral_lines
from recoverynav.meetings import exports, summary
from recoverynav.meetings.cards import MeetingCards, place_text
from recoverynav.meetings.coverage import (
    COVERAGE_MILES,
    FEW_MEETINGS,
    coverage_near,
    listed_any,
    searched_attendance,
)
from recoverynav.meetings.fellowships import finder_links
from recoverynav.meetings.forms import (
    CHOICE_FIELDS,
    SELECT_FIELDS,
    MeetingSearchForm,
)
from recoverynav.meetings.listings import occurrences
from recoverynav.meetings.models import Attendance, FeedSource, ProblemKind
from recoverynav.meetings.offers import OnlineSoon
from recoverynav.meetings.query import MeetingQuery
from recoverynav.meetings.schedule import zone_info
from recoverynav.meetings.selectors import MeetingSearch, meeting_by_slug, search_meetings
from recoverynav.meetings.services import report_problem

CALENDAR_LIMIT = 200
# The search a meeting page's "Find another meeting" goes back to: only the finder's own
# parameters, and not much of them.
BACK_KEYS = {
    "place", "radius", "when", "day", "time", "attendance", "fellowship", "type", "q", "tz",
}  # fmt: skip
BACK_MAX = 600


def search(request: HttpRequest) -> HttpResponse:
    form = MeetingSearchForm(request.GET or None)
    context: dict = {
        "form": form,
        "searched": False,
        "prompt": False,
        "form_open": True,
        "choices_fragment": choices_fragment(form, CHOICE_FIELDS),
        "selects_fragment": choices_fragment(form, SELECT_FIELDS),
    }
    if form.is_bound and form.is_valid():
        context.update(_results(request, form))
    # The frame holds the labels, hints and button, worded from an unbound form.
    return render_framed_page(
        request,
        "meetings/search.html",
        context,
        frame_context=lambda: {"form": MeetingSearchForm()},
    )


def _results(request: HttpRequest, form: MeetingSearchForm) -> dict:
    """Everything the page shows after a search, results first."""
    now = timezone.now()
    query = form.to_query()
    params = form.data  # the visitor's choices, with fellowships in their canonical codes
    chosen = summary.chips(form, params)
    if form.is_prompt():
        return {
            "prompt": True,
            "chosen": chosen,
            "clear_url": summary.clear_url(params) if chosen else "",
            **_online_soon(query, now, form.viewer_zone, zone_chosen=form.zone_chosen),
            **finder_links(query.fellowships),
        }
    result = search_meetings(
        query=query, now=now, viewer_zone=form.viewer_zone, zone_chosen=form.zone_chosen
    )
    zone, zone_chosen = result.viewer_zone, result.zone_chosen
    context = {
        "clear_url": summary.clear_url(params) if chosen else "",
        "searched": True,
        # The form stays open when the place needs the visitor's attention.
        "form_open": result.lookup is not None and result.place is None,
        "result": result,
        "chosen": chosen,
        "heading": summary.heading(result, radius_miles=query.radius_miles),
        "scope": summary.scope(result, radius_miles=query.radius_miles),
        "page_words": summary.page_words(result),
        "cards": MeetingCards(
            viewer_zone=zone,
            zone_chosen=zone_chosen,
            today=now.astimezone(zone_info(zone)).date(),
        ),
        # Paging, calendar and online links sit under the results: none without results.
        **(page_links(params, result) if result.listings else {}),
    }
    if result.lookup is not None:
        context["place_choices"] = geo.choice_links(lookup=result.lookup, params=params)
    if result.place is not None and (result.total or 0) < FEW_MEETINGS:
        context.update(_coverage(result, query, now, form, zone_chosen=zone_chosen))
    elif result.lookup is None and not result.listings:
        context.update(_nothing_without_place(query, params, now, form, zone_chosen=zone_chosen))
    return context


def _coverage(result: MeetingSearch, query: MeetingQuery, now, form, *, zone_chosen) -> dict:
    """Few or no meetings near the place: is it our listings (say so plainly, offer online
    meetings and the fellowships' own finders) or the visitor's choices (offer to remove
    them)? Never blame the choices for data we do not have."""
    listed = coverage_near(result.place, fellowships=query.fellowships)
    if listed >= FEW_MEETINGS:
        return {"narrowed": not result.listings, "listed_nearby": listed}
    return {
        "uncovered": True,
        "coverage_miles": COVERAGE_MILES,
        "place_words": summary.place_label(result.place),
        **finder_links(query.fellowships),
        "helplines": treatment_referral_lines(),
        # The searched place's zone stands in for the visitor's, as in the results.
        **_online_soon(query, now, result.viewer_zone, zone_chosen=zone_chosen),
    }


def _nothing_without_place(query: MeetingQuery, params, now, form, *, zone_chosen: bool) -> dict:
    """Nothing found, with no place: when we list no meeting at all of the chosen
    fellowships attended the chosen way, that is a gap in our listings (say so, offer the
    fellowships' own finders); otherwise the visitor's other choices hid what we list."""
    attendance = searched_attendance(query)
    if attendance and not listed_any(fellowships=query.fellowships, attendance=attendance):
        return {
            "uncovered": True,
            "gap_words": summary.gap_words(query.fellowships, attendance),
            # Other fellowships' online meetings, when one was chosen.
            "all_online_url": "?when=now_or_soon&attendance=online" if query.fellowships else "",
            **finder_links(query.fellowships),
            "helplines": treatment_referral_lines(),
            **_online_soon(query, now, form.viewer_zone, zone_chosen=zone_chosen),
        }
    online_now = {"when": "now_or_soon", "attendance": Attendance.ONLINE}
    if query.fellowships:
        online_now["fellowship"] = query.fellowships
    return {
        "online_now_url": "?" + urlencode(online_now, doseq=True),
        "any_time_url": query_with(params, drop=["when", "page"]) if query.when else "",
    }


def _online_soon(query: MeetingQuery, now, viewer_zone: str, *, zone_chosen: bool) -> dict:
    """A few meetings to join online that are on now or start within three hours, of the
    chosen fellowships and types, their times in `viewer_zone` (cached markup; see
    meetings/offers.py)."""
    return {
        "online_soon": OnlineSoon(
            chosen=query, now=now, viewer_zone=viewer_zone, zone_chosen=zone_chosen
        )
    }


def page_links(params, result: MeetingSearch) -> dict:
    """The next and previous pages, the calendar of this search and its online meetings:
    links that keep every other choice the visitor sent, as sent."""
    page = result.query.page
    return {
        "next_url": query_with(params, page=page + 1) if result.has_next else "",
        "previous_url": query_with(params, page=page - 1) if page > 1 else "",
        "calendar_url": reverse("meetings:search_calendar", kwargs={"fmt": "ics"})
        + query_with(params, drop=["page"]),
        "online_url": query_with(params, drop=["page"], attendance=["online"]),
    }


def _search_url(request: HttpRequest) -> str:
    """Where "Find another meeting" goes: the search the visitor came from, read from the
    same-origin Referer (our pages send it only to ourselves), so a meeting's address never
    carries anyone's search when it is shared; else the finder."""
    url = reverse("meetings:search")
    came_from = urlsplit(request.headers.get("Referer", "")[:2000])
    if came_from.netloc != request.get_host() or not came_from.query:
        return url
    try:
        if resolve(came_from.path).view_name != "meetings:search":
            return url
    except Http404:
        return url
    sent = QueryDict(came_from.query[:BACK_MAX])
    kept = [(key, value) for key, values in sent.lists() if key in BACK_KEYS for value in values]
    return f"{url}?{urlencode(kept)}" if kept else url


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
            "times_cards": MeetingCards(),
            "types": exports.type_names(found),
            "place": place_text(found) if found.formatted_address else "",
            "plan_address": found.formatted_address if found.is_in_person else "",
            "reported": request.GET.get("reported") == "1",
            "search_url": _search_url(request),
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
        message = _("This search has a choice we do not recognize. Please search again.")
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    result = search_meetings(query=form.to_query(), per_page=CALENDAR_LIMIT)
    meetings = [listing.meeting for listing in result.listings]
    return _calendar_response(request, meetings, "meetings.ics")


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


@limit_view("meetings_feed")
def feed(request: HttpRequest, fmt: str = "json") -> HttpResponse:
    """Our meetings as a Meeting Guide JSON feed (all, or one source with ?source=NAME),
    built once per data change and served from a file (core/export_files)."""
    source = request.GET.get("source", "")[:50]
    # NUL cannot be stored, nor asked for in PostgreSQL: no source has it.
    if source and ("\x00" in source or not FeedSource.objects.filter(name=source).exists()):
        # Nothing to build: an empty feed, streamed like every other.
        response = StreamingHttpResponse(["[]"], content_type="application/json")
    else:
        params = {
            "origin": request.build_absolute_uri("/")[:-1],
            "language": get_language(),
            "source": source,
        }
        response = export_files.response_for(
            request, export_files.built(exports.FEED_EXPORT, params)
        )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, slug: str) -> HttpResponse:
    found = meeting_by_slug(slug)
    if found is None:
        raise Http404
    return report_page(
        request,
        form=ProblemReportForm(request.POST or None, kinds=ProblemKind.choices),
        save=lambda data: report_problem(meeting=found, kind=data["kind"], details=data["details"]),
        listing_url=reverse("meetings:meeting", args=[found.slug]),
        template="meetings/report.html",
        context={"meeting": found},
    )
