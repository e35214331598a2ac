"""Results first: the line that says what was found ("12 meetings within 10 miles of
Bronx, NY"), the choices behind it, each with a link that removes it, and the page numbers.

The site's shared summary partial (core) was not on main when this was written; this is the
meeting finder's own, in the same spirit: words built here, escaped by the template."""

from dataclasses import dataclass

from django.http import QueryDict
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext, ngettext

from recoverynav.core.querystring import query_with
from recoverynav.meetings.forms import (
    ATTENDANCE_CHOICES,
    BAND_CHOICES,
    DAY_CHOICES,
    WHEN_CHOICES,
)
from recoverynav.meetings.meeting_types import type_label
from recoverynav.meetings.models import Fellowship
from recoverynav.meetings.selectors import MeetingSearch

# The filters shown as removable choices, in the form's order, with their words.
CHOICE_WORDS = {
    "when": WHEN_CHOICES,
    "day": DAY_CHOICES,
    "time": BAND_CHOICES,
    "attendance": ATTENDANCE_CHOICES,
    "fellowship": Fellowship.choices,
}


@dataclass(frozen=True)
class Choice:
    label: str
    remove_url: str


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
            "miles": floatformat(radius_miles, 0),
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
        ) % {"miles": floatformat(radius_miles, 0), "label": place_label(result.place)}
    return gettext(
        "Meetings you can join online, from anywhere. Add a place to see meetings you can go to."
    )


def page_words(result: MeetingSearch) -> str:
    page = max(result.query.page, 1)
    if result.page_count is not None:
        return gettext("Page %(page)s of %(pages)s") % {"page": page, "pages": result.page_count}
    return gettext("Page %(page)s") % {"page": page}


def choices(params: QueryDict, cleaned: dict) -> list[Choice]:
    """Every filter the visitor chose, each with a link to the same search without it."""
    found = []
    for name, words in CHOICE_WORDS.items():
        chosen = [str(value) for value in _as_list(cleaned.get(name)) if value not in ("", None)]
        labels = {str(value): str(label) for value, label in words}
        for value in chosen:
            rest = [other for other in chosen if other != value]
            found.append(Choice(labels.get(value, value), _without(params, name, rest)))
    for code in cleaned.get("type") or []:
        rest = [other for other in cleaned["type"] if other != code]
        found.append(Choice(type_label(code) or code, _without(params, "type", rest)))
    keyword = (cleaned.get("q") or "").strip()
    if keyword:
        found.append(Choice(f"“{keyword}”", _without(params, "q", [])))
    return found


def _as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _without(params: QueryDict, name: str, rest: list[str]) -> str:
    return query_with(params, drop=["page", name], **({name: rest} if rest else {}))
