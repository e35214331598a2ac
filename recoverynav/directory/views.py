from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language, gettext, ngettext
from django.views.decorators.http import require_http_methods

from recoverynav.core import export_files
from recoverynav.core.forms import choices_fragment
from recoverynav.core.frames import render_framed_page
from recoverynav.core.params import page_number
from recoverynav.core.problem_reports import ProblemReportForm, report_page
from recoverynav.core.querystring import query_with
from recoverynav.core.ratelimit import limit_view
from recoverynav.core.search_summary import filter_chips, without_filters
from recoverynav.directory import exports, service_names, services
from recoverynav.directory.exports import HSDS_PAGE_SIZE, hsds_page, shown_total
from recoverynav.directory.forms import (
    FILTER_FIELDS,
    RADIUS_CHOICES,
    SearchForm,
)
from recoverynav.directory.models import ProblemKind
from recoverynav.directory.selectors import (
    SEARCH_PARAM,
    SearchPage,
    back_to_search,
    facility_detail,
    facility_sources,
    search_facilities,
)
from recoverynav.geo.selectors import Place, choice_links, lookup_place, nearest_town
from recoverynav.hotlines.selectors import treatment_referral_lines


def search(request: HttpRequest) -> HttpResponse:
    """Results first: after a search, what was found and each chosen filter (removable) open
    the page and the form folds away; before one, or when something needs fixing, the form
    is open with every chosen filter and every error in sight."""
    form = SearchForm(request.GET or None)
    valid = form.is_bound and form.is_valid()
    chosen = form.filters() if valid else {}
    filter_names = [name for name in FILTER_FIELDS if name in form.fields]
    filter_errors = form.is_bound and any(form.errors.get(name) for name in filter_names)
    filters_open = bool(chosen) or filter_errors
    context: dict = {
        "form": form,
        "filters_open": filters_open,
        "panel_open": True,
        "filters_fragment": choices_fragment(form, FILTER_FIELDS, filters_open),
        "radius_fragment": choices_fragment(form, ["radius"]),
        # Every name the template reads is set: a missing one costs an exception each time.
        "chips": [],
        "clear_url": "",
        "lookup": None,
        "choices": [],
        "results": None,
    }
    if chosen:
        context["chips"] = filter_chips(form, request.GET, filter_names)
        context["clear_url"] = without_filters(request.GET, FILTER_FIELDS)
    if valid and form.cleaned_data["place"]:
        lookup = lookup_place(form.cleaned_data["place"])
        context.update(lookup=lookup, choices=choice_links(lookup=lookup, params=request.GET))
        if lookup.place:
            radius = form.cleaned_data["radius"]
            results = search_facilities(
                latitude=lookup.place.latitude,
                longitude=lookup.place.longitude,
                radius_miles=radius,
                filters=chosen,
                page=page_number(request.GET.get("page")),
            )
            context.update(
                results=results,
                place=lookup.place,
                heading=results_heading(results, place_words(lookup.place)),
                search_query=request.META.get("QUERY_STRING", ""),
                panel_open=False,
                **_links(request, radius, results),
            )
            if not results.total:
                context["helplines"] = treatment_referral_lines()
    return render_framed_page(
        request, "directory/search.html", context, frame_context=lambda: {"form": SearchForm()}
    )


def place_words(place: Place) -> str:
    """How the results name the searched place: a located phone's point by the town it is
    in ("your location, near Columbus, OH"), never by its coordinates."""
    if place.kind != "coordinates":
        return place.label
    town = nearest_town(place.latitude, place.longitude)
    if town:
        return gettext("your location, near %(town)s") % {"town": town}
    return gettext("your location")


def results_heading(results: SearchPage, where: str) -> str:
    """ "12 places within 25 miles of Columbus, OH"."""
    return ngettext(
        "%(total)s place within %(miles)s miles of %(label)s",
        "%(total)s places within %(miles)s miles of %(label)s",
        results.total,
    ) % {"total": results.total, "miles": f"{results.radius_miles:.0f}", "label": where}


def _links(request: HttpRequest, radius: int, results: SearchPage) -> dict:
    """Query strings for the links the results show, keeping the other choices: paging, or
    when nothing was found, a wider radius and telehealth."""
    params = request.GET
    if results.total:
        paging = {}
        if results.has_next:
            paging["next_url"] = query_with(params, drop=["page"], page=results.page + 1)
        if results.has_previous:
            paging["previous_url"] = query_with(params, drop=["page"], page=results.page - 1)
        return paging
    wider = [r for r, _label in RADIUS_CHOICES if r > radius]
    return {
        "wider_url": query_with(params, radius=wider[0], drop=["page"]) if wider else "",
        "telehealth_url": query_with(
            params, setting=["telehealth"], radius=RADIUS_CHOICES[-1][0], drop=["page"]
        ),
    }


def facility(request: HttpRequest, pk: int) -> HttpResponse:
    found = facility_detail(pk)
    if found is None:
        raise Http404
    return render(
        request,
        "directory/facility.html",
        {
            "facility": found,
            "reported": request.GET.get("reported") == "1",
            "back_url": back_to_search(request.GET.get(SEARCH_PARAM, "")),
            "services": service_names.grouped(found.other_services),
            "sources": facility_sources(found),
        },
    )


@require_http_methods(["GET", "POST"])
def report_problem(request: HttpRequest, pk: int) -> HttpResponse:
    found = facility_detail(pk)
    if found is None:
        raise Http404
    return report_page(
        request,
        form=ProblemReportForm(request.POST or None, kinds=ProblemKind.choices),
        save=lambda data: services.report_problem(
            facility=found, kind=data["kind"], details=data["details"]
        ),
        listing_url=reverse("directory:facility", args=[pk]),
        template="directory/report.html",
        context={"facility": found},
    )


@limit_view("hsds_export")
def hsds_services(request: HttpRequest) -> HttpResponse:
    """The directory as Open Referral HSDS 3.0 services, in the HSDS API's page shape: each
    existing page built once per data change and served from a file (core/export_files)."""
    page = page_number(request.GET.get("page"))
    total = shown_total()
    if page > max(1, -(-total // HSDS_PAGE_SIZE)):
        # Past the last page: empty, with no file kept and no absurd offset asked for.
        empty = hsds_page([], total=total, page=page, per_page=HSDS_PAGE_SIZE)
        return JsonResponse(empty, json_dumps_params={"ensure_ascii": False})
    params = {"language": get_language(), "page": str(page)}
    return export_files.response_for(
        request, export_files.built(exports.SERVICES_PAGE_EXPORT, params)
    )
