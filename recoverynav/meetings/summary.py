"""Results first: the words of the line that says what was found ("12 meetings within 10
miles of Bronx, NY"), of "now"'s scope and of the page numbers, and the chosen filters as the
site's shared chips (core.search_summary, shown by `{% search_summary %}`)."""

from django.http import QueryDict
from django.utils.translation import gettext, ngettext

from recoverynav.core.querystring import query_with
from recoverynav.core.search_summary import Chip, filter_chips, without_filters
from recoverynav.meetings.models import Attendance, Fellowship
from recoverynav.meetings.query import JOINABLE
from recoverynav.meetings.selectors import MeetingSearch

# The form's filters shown as removable chips, in the form's order.
FILTERS = ["when", "fellowship", "attendance", "day", "time", "type"]


def place_label(place) -> str:
    """A place as people read it: never raw coordinates (from "Use my location")."""
    return gettext("your location") if place.kind == "coordinates" else place.label


def heading(result: MeetingSearch, *, radius_miles: float) -> str:
    """What was found, counted when the count is known."""
    total, when = result.total, result.query.when
    if when and total is not None:
        words = {
            "now": ngettext(
                "%(total)s meeting in progress", "%(total)s meetings in progress", total
            ),
            "soon": ngettext(
                "%(total)s meeting starting within an hour",
                "%(total)s meetings starting within an hour",
                total,
            ),
            "now_or_soon": ngettext(
                "%(total)s meeting in progress or starting within an hour",
                "%(total)s meetings in progress or starting within an hour",
                total,
            ),
        }[when]
        return words % {"total": total}
    if result.place is not None and total is not None:
        return ngettext(
            "%(total)s meeting within %(miles)s miles of %(label)s",
            "%(total)s meetings within %(miles)s miles of %(label)s",
            total,
        ) % {
            "total": total,
            "miles": f"{radius_miles:.0f}",  # radii are whole miles (the form's choices)
            "label": place_label(result.place),
        }
    return gettext("Meetings that match your choices")


def scope(result: MeetingSearch, *, radius_miles: float) -> str:
    """For "now": whose meetings are listed (online ones everywhere; in person, only near)."""
    if not result.query.when:
        return ""
    if result.place is not None:
        return gettext(
            "Online meetings, and meetings you can go to within %(miles)s miles of %(label)s."
        ) % {"miles": f"{radius_miles:.0f}", "label": place_label(result.place)}
    return gettext(
        "Meetings you can join online, from anywhere. Add a place to see meetings you can go to."
    )


def gap_words(fellowships: list[str], attendance: list[str]) -> str:
    """What we do not list, said as our gap: "We list no Narcotics Anonymous (NA) meetings
    you can join online yet." """
    names = or_list([str(Fellowship(code).label) for code in fellowships])
    online = set(attendance) <= set(JOINABLE)
    in_person = Attendance.ONLINE not in attendance
    if names:
        if online:
            words = gettext("We list no %(fellowships)s meetings you can join online yet.")
        elif in_person:
            words = gettext("We list no %(fellowships)s meetings you can go to in person yet.")
        else:
            words = gettext("We list no %(fellowships)s meetings yet.")
        return words % {"fellowships": names}
    if online:
        return gettext("We list no meetings you can join online yet.")
    if in_person:
        return gettext("We list no meetings you can go to in person yet.")
    return gettext("We list no meetings yet.")


def or_list(names: list[str]) -> str:
    """ "A", "A or B", "A, B or C", in the page's language."""
    if len(names) < 2:
        return "".join(names)
    return gettext("%(names)s or %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}


def page_words(result: MeetingSearch) -> str:
    page = max(result.query.page, 1)
    if result.page_count is not None:
        return gettext("Page %(page)s of %(pages)s") % {"page": page, "pages": result.page_count}
    return gettext("Page %(page)s") % {"page": page}


def chips(form, params: QueryDict) -> list[Chip]:
    """Every filter the visitor chose, each a link to the same search without it (the site's
    shared chips), and the keyword as one more."""
    found = filter_chips(form, params, FILTERS)
    keyword = (form.cleaned_data.get("q") or "").strip()
    if keyword:
        found.append(Chip(f"“{keyword}”", query_with(params, drop=["q", "page"])))
    return found


def clear_url(params: QueryDict) -> str:
    return without_filters(params, [*FILTERS, "q"])
