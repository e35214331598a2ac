"""A meeting's card in the search results, and the list of its weekly times.

A results page shows twenty cards, built as f-strings with the parts every card of ours
shares (core/html.py): the words, URL shape and formats looked up once per language, each
card string formatting with every value escaped.

Times are shown the way people read them: the viewer's time first, then the meeting's own
in words ("8 p.m. in Austin"), weekdays that share a time together, never a zone's IANA
name."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from django.utils.formats import date_format, get_format, time_format
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext, ngettext

from recoverynav.core.html import escape, markup, one_decimal, per_language, url_shape
from recoverynav.meetings.listings import MeetingListing
from recoverynav.meetings.meeting_types import format_name, type_label
from recoverynav.meetings.models import Attendance, Fellowship, Meeting
from recoverynav.meetings.schedule import Status
from recoverynav.meetings.zones import zone_words
from recoverynav.plan.buttons import SaveButtons

DAYS_IN_WEEK = 7
WHOLE_DAY = dt.timedelta(days=1)
MINUTES_PER_HOUR = 60


@dataclass(frozen=True)
class _Words:
    """What every card of a page says the same way, worded once per language (a results page
    and its "online soon" list each make a set of cards on every request)."""

    page_url: Callable[[object], str]
    save_buttons: SaveButtons
    words: dict[str, str]
    attendance: dict[str, str]
    fellowship: dict[str, str]
    decimal_separator: str


@per_language
def _words() -> _Words:
    return _Words(
        page_url=url_shape("meetings:meeting"),
        save_buttons=SaveButtons(),
        words={
            "from_to": gettext("%(start)s to %(end)s"),
            "all_day": gettext("all day"),
            "whole_day_from": gettext("24 hours from %(start)s"),
            "your_time": gettext("%(time)s your time"),
            "zone_time": gettext("%(time)s %(zone)s"),
            "in_place": gettext("%(time)s in %(place)s"),
            "every_day": gettext("Every day"),
            "today": gettext("Today"),
            "tomorrow": gettext("Tomorrow"),
            "miles": gettext("%(miles)s miles away"),
            "no_set_time": gettext("By appointment or no set time: check with the group."),
            "plan_time": gettext("%(day)s %(start)s to %(end)s"),
            "plan_mine": gettext("%(day)s %(start)s your time"),
        },
        attendance={value: str(label) for value, label in Attendance.choices},
        fellowship={value: str(label) for value, label in Fellowship.choices},
        decimal_separator=str(get_format("DECIMAL_SEPARATOR")),
    )


class MeetingCards:
    def __init__(
        self,
        *,
        viewer_zone: str = "",
        zone_chosen: bool = False,
        today: dt.date | None = None,
    ) -> None:
        self.language = get_language()
        text = _words()
        self.text = text
        self.save_buttons = text.save_buttons
        self.words = text.words  # shared: read only
        self.attendance = text.attendance
        self.fellowship = text.fellowship
        self.viewer_zone = viewer_zone
        self.zone_chosen = zone_chosen
        self.today = today

    def page_url(self, meeting: Meeting) -> str:
        return self.text.page_url(meeting.slug)

    def card(self, listing: MeetingListing) -> SafeString:
        """A search result: name, status ("in progress"…), times, where, types, save button."""
        meeting = listing.meeting
        page_url = self.page_url(meeting)
        name = escape(meeting.name)
        html = [f'<li class="card">\n<h3 translate="no"><a href="{page_url}">{name}</a></h3>']
        status = listing.status
        if status is not None:
            html.append(
                f'<p class="tag tag-{status.kind}"><strong>{escape(_status_text(status))}'
                "</strong></p>"
            )
        html.append(self.times(listing.shown_times, meeting))
        html.append(f"<p>{self._where(meeting, listing.miles)}</p>")
        kinds = [self.fellowship.get(meeting.fellowship, "")]
        kinds.append(_type_labels(self.language, tuple(meeting.types)))
        kinds += [escape(format_name(names)) for names in meeting.other_formats or []]
        html.append(f'<p class="muted">{" · ".join(k for k in kinds if k)}</p>')
        button = self.save_buttons.render(
            kind="meeting",
            id=meeting.slug,
            name=meeting.name,
            url=page_url,
            address=meeting.formatted_address if meeting.is_in_person else "",
            when=self._plan_time(listing.shown_times),
        )
        html.append(f"<p>{button}</p>\n</li>")
        return markup("\n".join(html))

    def times(self, times: list[dict], meeting: Meeting) -> SafeString:
        """The weekly times, weekdays with the same time together: in the viewer's zone with
        the meeting's own time beside it when the zones differ, else in the meeting's."""
        groups: dict[tuple, list[dt.datetime]] = {}
        for when in times:
            shown_start = when.get("viewer_start") or when["start"]
            shown_end = when.get("viewer_end") or when["end"]
            converted = "viewer_start" in when
            whole_day = when["end"] - when["start"] >= WHOLE_DAY
            key = (shown_start.time(), shown_end.time(), when["start"].time(), converted, whole_day)
            groups.setdefault(key, []).append(shown_start)
        items = []
        for (start, end, own_start, converted, whole_day), starts in groups.items():
            span = self._span(start, end, whole_day=whole_day)
            if converted:
                mine = self.words["your_time" if self.zone_chosen else "zone_time"] % {
                    "time": span,
                    "zone": zone_words(self.viewer_zone),
                }
                own = {"time": _clock(self.language, own_start), "place": meeting.city}
                if not meeting.city:
                    own = {**own, "zone": zone_words(meeting.timezone)}
                theirs = self.words["in_place" if meeting.city else "zone_time"] % own
                text = f'{escape(mine)} <span class="muted">({escape(theirs)})</span>'
            else:
                zone = escape(zone_words(meeting.timezone))
                text = f'{escape(span)} <span class="muted">({zone})</span>'
            days = escape(self._days(starts))
            items.append(f"<li>{days} · {text}</li>")
        if not items:
            items.append(f"<li>{escape(self.words['no_set_time'])}</li>")
        return markup('<ul class="meeting-times">\n' + "\n".join(items) + "\n</ul>")

    def _span(self, start: dt.time, end: dt.time, *, whole_day: bool) -> str:
        """ "7 p.m. to 8 p.m."; a 24-hour meeting "all day" (from midnight) or "24 hours
        from 7 a.m.", never "midnight to midnight"."""
        if whole_day:
            if start == dt.time(0, 0):
                return self.words["all_day"]
            return self.words["whole_day_from"] % {"start": _clock(self.language, start)}
        return self.words["from_to"] % {
            "start": _clock(self.language, start),
            "end": _clock(self.language, end),
        }

    def _plan_time(self, times: list[dict]) -> str:
        """Its first weekly time, as the plan keeps it ("Monday 7 p.m. to 8 p.m.", or "Monday
        9 a.m. your time" when converted to the viewer's zone)."""
        if not times:
            return ""
        first = times[0]
        start = first.get("viewer_start") or first["start"]
        end = first.get("viewer_end") or first["end"]
        day = _weekday(self.language, start.weekday())
        if "viewer_start" not in first and end - start >= WHOLE_DAY:
            return f"{day} {self._span(start.time(), end.time(), whole_day=True)}"
        words = {
            "day": day,
            "start": _clock(self.language, start.time()),
            "end": _clock(self.language, end.time()),
        }
        return self.words["plan_mine" if "viewer_start" in first else "plan_time"] % words

    def _days(self, starts: list[dt.datetime]) -> str:
        if len(starts) == DAYS_IN_WEEK:
            return self.words["every_day"]
        if len(starts) == 1 and self.today is not None:
            date = starts[0].date()
            if date == self.today:
                return self.words["today"]
            if date == self.today + dt.timedelta(days=1):
                return self.words["tomorrow"]
        ordered = sorted(starts, key=lambda start: (start.weekday() + 1) % 7)  # Sunday first
        return ", ".join(_weekday(self.language, start.weekday()) for start in ordered)

    def _where(self, meeting: Meeting, miles: float | None) -> str:
        text = escape(self.attendance.get(meeting.attendance, meeting.attendance))
        if meeting.is_in_person and meeting.formatted_address:
            text += " · " + escape(place_text(meeting))
        if miles is not None:
            shown = one_decimal(miles, self.text.decimal_separator)
            text += " · " + escape(self.words["miles"] % {"miles": shown})
        return text


def place_text(meeting: Meeting) -> str:
    """The place's name and address once: feeds often repeat the address in the name
    ("Alpha 180 House, 1904 Nueces St, Austin, TX 78705")."""
    address = meeting.formatted_address
    name = meeting.location_name.strip(" ,")
    street = address.split(",")[0].strip()
    if street and street in name:
        name = name[: name.index(street)].strip(" ,")
    if not name or name in address:
        return address
    return f"{name}, {address}"


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
        return gettext("In progress · ends in %(time)s") % {"time": time_left(status.minutes)}
    return gettext("Starts in %(time)s") % {"time": time_left(status.minutes)}


def time_left(minutes: int) -> str:
    """ "30 minutes", "11 hours", "1 hour 30 minutes": a 24-hour meeting does not end "in
    660 minutes"."""
    if minutes < MINUTES_PER_HOUR:
        return ngettext("%(minutes)s minute", "%(minutes)s minutes", minutes) % {"minutes": minutes}
    hours, rest = divmod(minutes, MINUTES_PER_HOUR)
    words = ngettext("%(hours)s hour", "%(hours)s hours", hours) % {"hours": hours}
    if rest:
        words += " " + ngettext("%(minutes)s minute", "%(minutes)s minutes", rest) % {
            "minutes": rest
        }
    return words
