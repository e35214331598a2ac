"""The nearby box search: (id, miles) of the meetings within a radius of a point, nearest
first. Two paths give the same rows — a hand-written indexed query for the plain searches
most visitors make, the ORM for the rest — and the SQL-vs-ORM tests
(meetings/tests/test_search_sql.py) call both by name, so they are public here."""

import datetime as dt

from recoverynav.core import sql
from recoverynav.geo import selectors as geo
from recoverynav.meetings.models import Meeting
from recoverynav.meetings.query import MeetingQuery, attendance_for, filtered_meetings


def find_nearby(
    *, query: MeetingQuery, now: dt.datetime, latitude: float, longitude: float
) -> list[tuple[int, float]]:
    """(id, miles) of the meetings matching the query within its radius, nearest first.

    Most searches ask for a place and at most how to attend and which fellowship: those run
    one hand-written query (see core.sql); the rest go through the ORM. Both give the same
    rows (meetings/tests/test_search_sql.py)."""
    find = nearby_by_sql if is_plain(query) else nearby_by_orm
    return find(query=query, now=now, latitude=latitude, longitude=longitude)


def is_plain(query: MeetingQuery) -> bool:
    return not (query.keyword.split() or query.when or query.days or query.bands or query.types)


def nearby_by_sql(
    *, query: MeetingQuery, now: dt.datetime, latitude: float, longitude: float
) -> list[tuple[int, float]]:
    """The indexed box query (meeting_box) of a plain query."""
    attendance = attendance_for(query, near=True)
    conditions = [sql.in_list("attendance", len(attendance))]
    params: list[object] = [*attendance]
    if query.fellowships:
        conditions.append(sql.in_list("fellowship", len(query.fellowships)))
        params += query.fellowships
    return geo.nearby_by_sql(
        Meeting,
        where=conditions,
        params=params,
        latitude=latitude,
        longitude=longitude,
        radius_miles=query.radius_miles,
    )


def nearby_by_orm(
    *, query: MeetingQuery, now: dt.datetime, latitude: float, longitude: float
) -> list[tuple[int, float]]:
    return geo.nearby_ids(
        filtered_meetings(query, now, near=True).order_by(),  # sorted by distance: not by name
        latitude=latitude,
        longitude=longitude,
        radius_miles=query.radius_miles,
    )
