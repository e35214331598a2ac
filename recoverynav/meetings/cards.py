"""A meeting's card in the search results, and the list of its weekly times.

A results page shows twenty cards. Through the template engine they took most of a search's
time, so they are built here: `MeetingCards` looks the words, URL shape and formats up once
per page, in the active language, and each card is then string formatting with every value
escaped."""

import datetime as dt
from functools import lru_cache
from html import escape

from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.formats import date_format, time_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext

from recoverynav.meetings.meeting_types import type_label
from recoverynav.meetings.models import Attendance, Meeting
from recoverynav.meetings.schedule import Status
from recoverynav.plan.buttons import SaveButtons

# A slug no meeting has: reversed once, then replaced by each card's own slug.
_SLUG_MARK = "slug-mark-7f3c9e"


class MeetingCards:
    def __init__(self) -> None:
        self.page_url_shape = escape(reverse("meetings:meeting", args=[_SLUG_MARK]))
        self.save_buttons = SaveButtons()
        self.from_to = gettext("%(day)s %(start)s to %(end)s")
        self.your_time = gettext("%(day)s %(start)s your time")
        self.no_set_time = escape(gettext("By appointment or no set time: check with the group."))
        self.miles_away = gettext("%(miles)s miles away")
        self.language = get_language()
        self.attendance = {value: str(label) for value, label in Attendance.choices}

    def page_url(self, meeting: Meeting) -> str:
        return self.page_url_shape.replace(_SLUG_MARK, escape(meeting.slug))

    def card(self, meeting: Meeting) -> SafeString:
        """A search result: name, status ("in progress"…), times, where, types, save button.
        Expects what the search attaches: `status`, `shown_times` and `miles`."""
        page_url = self.page_url(meeting)
        html = [f'<li class="card">\n<h3><a href="{page_url}">{escape(meeting.name)}</a></h3>']
        status = getattr(meeting, "status", None)
        if status is not None:
            html.append(
                f'<p class="meeting-status"><strong>{escape(_status_text(status))}</strong></p>'
            )
        html.append(self.times(meeting.shown_times, meeting.timezone))
        html.append(f"<p>{self._where(meeting)}</p>")
        labels = _type_labels(self.language, tuple(meeting.types))
        if labels:
            html.append(f'<p class="muted">{labels}</p>')
        when = ""
        if meeting.shown_times:  # its first weekly time, in the viewer's time, for the plan
            first = meeting.shown_times[0]
            start = first.get("viewer_start") or first["start"]
            words = {
                "day": _weekday(self.language, start.weekday()),
                "start": _clock(self.language, start.time()),
                "end": _clock(self.language, first["end"].time()),
            }
            when = (self.your_time if first.get("viewer_start") else self.from_to) % words
        address = meeting.formatted_address if meeting.is_in_person else ""
        button = self.save_buttons.render(
            kind="meeting",
            id=meeting.slug,
            name=meeting.name,
            url=page_url,
            address=address,
            when=when,
        )
        html.append(f"<p>{button}</p>\n</li>")
        # Every value above went through escape(); the rest is this module's own markup.
        return mark_safe("\n".join(html))  # noqa: S308  # nosec B308, B703

    def times(self, times: list[dict], zone: str) -> SafeString:
        """Each weekly time in the meeting's zone, and in the viewer's when they differ."""
        items = []
        for when in times:
            start, end = when["start"], when["end"]
            text = self.from_to % {
                "day": _weekday(self.language, start.weekday()),
                "start": _clock(self.language, start.time()),
                "end": _clock(self.language, end.time()),
            }
            item = f'<li>{escape(text)} <span class="muted">({escape(zone)})</span>'
            viewer_start = when.get("viewer_start")
            if viewer_start:
                mine = self.your_time % {
                    "day": _weekday(self.language, viewer_start.weekday()),
                    "start": _clock(self.language, viewer_start.time()),
                }
                item += f"<br><strong>{escape(mine)}</strong>"
            items.append(item + "</li>")
        if not items:
            items.append(f"<li>{self.no_set_time}</li>")
        # Escaped values in this module's own markup.
        return mark_safe('<ul class="meeting-times">\n' + "\n".join(items) + "\n</ul>")  # noqa: S308  # nosec B308, B703

    def _where(self, meeting: Meeting) -> str:
        text = escape(self.attendance.get(meeting.attendance, meeting.attendance))
        if meeting.is_in_person and meeting.formatted_address:
            place = f"{meeting.location_name}, " if meeting.location_name else ""
            text += " · " + escape(place + meeting.formatted_address)
        miles = getattr(meeting, "miles", None)
        if miles is not None:
            text += " · " + escape(self.miles_away % {"miles": floatformat(miles, 1)})
        return text


# Weekday names, clock times and type lists repeat across results: worded once per language.
@lru_cache(maxsize=64)
def _weekday(language: str, weekday: int) -> str:
    return date_format(dt.date(2026, 11, 2) + dt.timedelta(days=weekday), "l")  # a Monday


@lru_cache(maxsize=4096)
def _clock(language: str, time: dt.time) -> str:
    return time_format(time, "TIME_FORMAT")


@lru_cache(maxsize=4096)
def _type_labels(language: str, codes: tuple[str, ...]) -> str:
    labels = [label for label in (type_label(code, language=language) for code in codes) if label]
    return escape(", ".join(labels))


def _status_text(status: Status) -> str:
    if status.kind == "now":
        return ngettext(
            "In progress · ends in %(minutes)s minute",
            "In progress · ends in %(minutes)s minutes",
            status.minutes,
        ) % {"minutes": status.minutes}
    return ngettext(
        "Starts in %(minutes)s minute", "Starts in %(minutes)s minutes", status.minutes
    ) % {"minutes": status.minutes}
