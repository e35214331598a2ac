"""The online meetings the meeting finder offers where our listings run out, or before a
place is given: those on now or starting soon, of the visitor's choices.

They are the same for every visitor with the same choices, time zone and minute, wherever
they searched, so `meetings/_coverage.html` keeps their markup in the cache under `fragment`
and the query and cards behind them are made only when that misses. Most searches land on a
place we do not cover yet; building this list on each of them cost more than the search."""

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlencode

from django.conf import settings

from recoverynav.core.fragments import fragment_version
from recoverynav.meetings.cards import MeetingCards
from recoverynav.meetings.coverage import online_soon, online_soon_generation
from recoverynav.meetings.listings import MeetingListing
from recoverynav.meetings.models import Attendance
from recoverynav.meetings.query import JOINABLE, MeetingQuery
from recoverynav.meetings.schedule import zone_info

SHOWN = 5
SOON_MINUTES = 3 * 60
# The markup holds statuses like "starts in 10 minutes": it is kept for its minute only.
FRAGMENT_SECONDS = 60


@dataclass
class OnlineSoon:
    """The list for one page: what the visitor chose (fellowships, types, how to attend),
    their time zone, and the minute. Its listings are read only when the template asks for
    them, which it does only when the cached markup is missing."""

    chosen: MeetingQuery
    now: dt.datetime
    viewer_zone: str
    zone_chosen: bool

    @cached_property
    def minute(self) -> dt.datetime:
        return self.now.replace(second=0, microsecond=0)

    @cached_property
    def query(self) -> MeetingQuery:
        """Meetings one can join from anywhere (of the ways chosen) that are on now or start
        within three hours, of the chosen fellowships and types."""
        chosen = self.chosen
        return MeetingQuery(
            when="now_or_soon",
            soon_minutes=SOON_MINUTES,
            attendance=[kind for kind in chosen.attendance or JOINABLE if kind in JOINABLE]
            or list(JOINABLE),
            fellowships=chosen.fellowships,
            types=chosen.types,
        )

    @cached_property
    def fragment(self) -> dict:
        """`{% cache fragment.seconds "name" fragment.key %}`: everything the markup depends
        on besides the code and language (an import starts a new generation)."""
        key = [
            fragment_version(),
            online_soon_generation(),
            self.minute.isoformat(),
            repr(self.query),
            self.viewer_zone,
            str(self.zone_chosen),
        ]
        return {
            "seconds": FRAGMENT_SECONDS if settings.PAGE_CACHE_ENABLED else 0,
            "key": "|".join(key),
        }

    @cached_property
    def listings(self) -> list[MeetingListing]:
        return online_soon(self.query, now=self.minute, shown=SHOWN, viewer_zone=self.viewer_zone)

    @cached_property
    def cards(self) -> MeetingCards:
        return MeetingCards(
            viewer_zone=self.viewer_zone,
            zone_chosen=self.zone_chosen,
            today=self.minute.astimezone(zone_info(self.viewer_zone)).date(),
        )

    @property
    def more_url(self) -> str:
        """Every online meeting on now or soon, of the chosen fellowships."""
        more: dict = {"when": "now_or_soon", "attendance": Attendance.ONLINE}
        if self.chosen.fellowships:
            more["fellowship"] = self.chosen.fellowships
        return "?" + urlencode(more, doseq=True)
