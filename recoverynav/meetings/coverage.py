"""What we list, said honestly: whether our listings cover a place, whether we list any
meeting of the kinds asked for (else an empty search is our gap, not the visitor's choice),
and the online meetings offered where we run out. Apart from the search itself because these
answer "what do we have", cached, and cleared by every import (DERIVED_CACHE_KEYS)."""

import datetime as dt
import hashlib
import uuid

from django.core.cache import cache
from django.utils import timezone

from recoverynav.meetings import nearby, schedule
from recoverynav.meetings.listings import MeetingListing, show_times
from recoverynav.meetings.models import Meeting
from recoverynav.meetings.query import JOINABLE, SHOWN_BY_DEFAULT, MeetingQuery
from recoverynav.meetings.selectors import search_meetings

LISTED_KINDS_CACHE_KEY = "meetings:listed-kinds"
ONLINE_SOON_GENERATION_KEY = "meetings:online-soon-generation"
# What readers cache from the meetings table, cleared by every import.
DERIVED_CACHE_KEYS = [
    schedule.ZONES_CACHE_KEY,
    schedule.LONG_ROWS_CACHE_KEY,
    LISTED_KINDS_CACHE_KEY,
    ONLINE_SOON_GENERATION_KEY,
]
# Fewer meetings than this within COVERAGE_MILES of a place: our listings do not cover it.
FEW_MEETINGS = 5
COVERAGE_MILES = 25


def coverage_near(place, *, fellowships: list[str]) -> int:
    """How many meetings one can go to (of the chosen fellowships) lie within COVERAGE_MILES
    of the place: fewer than FEW_MEETINGS, and our listings do not cover the area."""
    query = MeetingQuery(radius_miles=COVERAGE_MILES, fellowships=list(fellowships))
    return len(
        nearby.nearby_by_sql(
            query=query, now=timezone.now(), latitude=place.latitude, longitude=place.longitude
        )
    )


def searched_attendance(query: MeetingQuery) -> list[str]:
    """How the meetings a search without a place lists can be attended: for "now", what can
    be joined from anywhere (of the chosen ways); otherwise the chosen ways, or the usual."""
    if query.when:
        return [kind for kind in query.attendance or JOINABLE if kind in JOINABLE]
    return list(query.attendance or SHOWN_BY_DEFAULT)


def listed_any(*, fellowships: list[str], attendance: list[str]) -> bool:
    """Whether we list any meeting of these fellowships (any, when none) attended these
    ways: when not, an empty search is a gap in our listings, not the visitor's choices."""
    return any(
        kind in attendance and (not fellowships or fellowship in fellowships)
        for fellowship, kind in listed_kinds()
    )


def online_soon(
    query: MeetingQuery, *, now: dt.datetime, shown: int, viewer_zone: str = ""
) -> list[MeetingListing]:
    """The first `shown` meetings of a "now or soon" query, kept for the minute: every
    visitor to a place we do not cover is offered the same online meetings, and finding them
    cost more than the rest of the page. An import starts a new generation of these lists;
    an edit in the admin shows within the minute."""
    generation = online_soon_generation()
    minute = now.replace(second=0, microsecond=0)
    key = (
        "meetings:online-soon:"
        + hashlib.blake2b(
            repr((generation, minute.isoformat(), query, shown)).encode(), digest_size=16
        ).hexdigest()
    )
    listings = cache.get(key)
    if listings is None:
        listings = search_meetings(query=query, now=minute, per_page=shown).listings
        cache.set(key, listings, 60)
    # The times in the visitor's own zone (the list is everyone's).
    show_times(listings, now=now, viewer_zone=viewer_zone, now_only=True)
    return listings


def online_soon_generation() -> str:
    """Changes with every import (DERIVED_CACHE_KEYS), so what was cached from the lists
    of online meetings before it is never read again."""
    generation = cache.get(ONLINE_SOON_GENERATION_KEY)
    if generation is None:
        cache.add(ONLINE_SOON_GENERATION_KEY, uuid.uuid4().hex, None)
        generation = cache.get(ONLINE_SOON_GENERATION_KEY, "")
    return generation


def listed_kinds() -> set[tuple[str, str]]:
    """The (fellowship, attendance) pairs we list: a few dozen, read with one scan and
    cached (cleared by each import, like the zones)."""
    kinds = cache.get(LISTED_KINDS_CACHE_KEY)
    if kinds is None:
        kinds = set(Meeting.objects.values_list("fellowship", "attendance").distinct())
        cache.set(LISTED_KINDS_CACHE_KEY, kinds, 300)
    return kinds
