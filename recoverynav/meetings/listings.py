"""What a search result shows besides the meeting itself: how far it is, whether it is on or
starting soon, and its weekly times as people read them (in the viewer's zone beside the
meeting's own). The selectors build listings; the card and the API read them."""

import datetime as dt
from dataclasses import dataclass, field

from recoverynav.meetings import schedule
from recoverynav.meetings.models import Meeting, MeetingTime


@dataclass(slots=True)
class MeetingListing:
    """A meeting as a search lists it: the meeting, its weekly rows (one query for the whole
    page), how far it is, whether it is on or starting soon, and its times as a card or the
    API shows them. The card and the API read these declared fields; the meeting's own
    (name, slug, address…) read through to it, so the API's schema serves a listing and a
    single meeting alike."""

    meeting: Meeting
    weekly_times: list[MeetingTime]
    miles: float | None = None  # from the searched place
    status: schedule.Status | None = None  # in progress, or starting soon
    shown_times: list[dict] = field(default_factory=list)  # see `occurrences`

    def __getattr__(self, name: str) -> object:
        # Only called for what the listing does not declare. Never for a slot: while
        # unpickling (a cached list), `meeting` is not set yet and reading it would recurse.
        if name in MeetingListing.__slots__ or name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.meeting, name)


def meeting_listing(meeting: Meeting, *, now: dt.datetime, viewer_zone: str = "") -> MeetingListing:
    """One meeting as the API lists it: its weekly rows (prefetched by `meeting_by_slug`),
    status and times."""
    listing = MeetingListing(
        meeting=meeting,
        weekly_times=meeting.weekly_times,
        status=status_of(meeting.weekly_times, now, soon_minutes=schedule.SOON_MINUTES),
    )
    show_times([listing], now=now, viewer_zone=viewer_zone)
    return listing


def show_times(
    listings: list[MeetingListing],
    *,
    now: dt.datetime,
    viewer_zone: str = "",
    now_only: bool = False,
    online_only: bool = False,
) -> None:
    """Each listing's times for display (see `occurrences`); for "now" only the occurrence
    that is on or next."""
    for listing in listings:
        convert = not online_only or listing.meeting.is_online
        times = occurrences(listing.meeting, now=now, viewer_zone=viewer_zone if convert else None)
        if now_only and times:
            times = [min(times, key=lambda entry: entry["starts_in"])]
        listing.shown_times = times


def status_of(
    rows: list[MeetingTime], now: dt.datetime, *, soon_minutes: int
) -> schedule.Status | None:
    """ "In progress"/"starts in N minutes" from the meeting's own weekly rows."""
    status = None
    for row in rows:
        found = schedule.status(
            start_minute=row.start_minute,
            end_minute=row.end_minute,
            zone=row.timezone,
            now=now,
            soon_minutes=soon_minutes,
        )
        if found and (status is None or found.kind == "now"):
            status = found
    return status


def occurrences(
    meeting: Meeting, *, now: dt.datetime, viewer_zone: str | None = None
) -> list[dict]:
    """Each weekly time as naive local datetimes for display: the one in progress now (or the
    next), in the meeting's zone and, when the viewer's zone differs, in theirs too
    (templates format them; no re-conversion). `starts_in`: minutes from now (negative: on)."""
    shown = []
    viewer = schedule.zone_info(viewer_zone) if viewer_zone else None
    for row in meeting.weekly_times:
        start = schedule.next_start(
            start_minute=row.start_minute, zone=row.timezone, now=now, end_minute=row.end_minute
        )
        end = start + dt.timedelta(minutes=row.end_minute - row.start_minute)
        entry = {
            "start": start.replace(tzinfo=None),
            "end": end.replace(tzinfo=None),
            "starts_in": round((start - now).total_seconds() / 60),
            # The same instants with their zone, for the API's RFC 3339 times.
            "start_at": start,
            "end_at": end,
        }
        if viewer is not None and viewer_zone != row.timezone:
            entry["viewer_start"] = start.astimezone(viewer).replace(tzinfo=None)
            entry["viewer_end"] = end.astimezone(viewer).replace(tzinfo=None)
            entry["viewer_start_at"] = start.astimezone(viewer)
        shown.append(entry)
    return shown
