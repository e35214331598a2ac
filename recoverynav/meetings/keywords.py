"""The keyword filter of the meeting search: every word must be in a meeting's text (a
substring, in any case). Kept apart because a listing by name with keywords has its own way
to its page at national scale (250,000 meetings), on SQLite through the keyword index in name
order (migration 0012), which this module also rebuilds."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import connection, transaction
from django.db.models import Q, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import StrIndex
from django.db.models.lookups import GreaterThan

from recoverynav.meetings.models import Meeting

MAX_KEYWORDS = 5
TRIGRAM = 3
# Set while a sync imports many sources: the index is rebuilt once, after the last.
_REBUILD_DEFERRED = ContextVar("keyword_index_rebuild_deferred", default=False)


def keyword_words(keyword: str) -> list[str]:
    """The words a keyword search looks for: lower-cased, at most MAX_KEYWORDS."""
    return keyword.lower().split()[:MAX_KEYWORDS]


def with_keywords(meetings: QuerySet[Meeting], words: list[str]) -> QuerySet[Meeting]:
    """Every word must be in the meeting's text (a substring: the exact rule)."""
    # strpos/instr rather than LIKE: the same test on our lower-cased text, with nothing to
    # escape, and PostgreSQL cannot misjudge how many rows it keeps (from a few sampled rows
    # it judged LIKE '%early%' so rare that it read the whole table instead of the name order).
    exact = Q()
    for word in words:
        exact &= Q(GreaterThan(StrIndex("search_text", Value(word)), 0))
    return meetings.filter(exact)


def first_in_name_order(meetings: QuerySet[Meeting], words: list[str], count: int) -> list[int]:
    """The ids of the first `count` of `meetings` (already filtered by `words`) in name order.

    On SQLite, while the keyword index is current, its trigram index hands out candidates in
    name order (their position is their key) and each is checked against every filter by id
    until the page is full: a rare word and a word whose meetings all come late in name order
    cost as little as a common one (0.1-0.3 ms at 250,000 meetings, where reading candidates
    by id and sorting them, or walking the name index, took 10-30 ms).

    Otherwise (PostgreSQL, an index out of date, words under three letters) the meetings are
    read in name order until the page is full: PostgreSQL reads its name-order index, which
    covers the text, no table rows."""
    match = fts_match(words) if connection.vendor == "sqlite" else ""
    if not match or not keyword_index_is_current():
        return list(meetings.order_by("name", "pk").values_list("pk", flat=True)[:count])
    # Every filter of the search, asked of one candidate (the outer query's meeting_id).
    one_candidate = meetings.filter(pk=RawSQL("o.meeting_id", ())).order_by().values("pk")
    filters_sql, filters_params = one_candidate.query.sql_with_params()
    with connection.cursor() as cursor:
        # Fixed SQL around the ORM's own; the words and values are parameters.
        cursor.execute(
            "SELECT o.meeting_id FROM meetings_meeting_words "  # noqa: S608  # nosec B608
            "JOIN meetings_meeting_name_order o ON o.position = meetings_meeting_words.rowid "
            f"WHERE meetings_meeting_words MATCH %s AND EXISTS ({filters_sql}) "
            "ORDER BY meetings_meeting_words.rowid LIMIT %s",
            [match, *filters_params, count],
        )
        return [row[0] for row in cursor.fetchall()]


def keyword_index_is_current() -> bool:
    """Whether SQLite's keyword index matches the meetings (triggers say when it does not)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT current FROM meetings_keyword_index_state")
        row = cursor.fetchone()
    return bool(row and row[0])


def refresh_keyword_index() -> None:
    """Rebuild SQLite's keyword index if a change to the meetings left it out of date; call it
    after writing meetings (imports do, the admin does after its saves and deletes)."""
    if _REBUILD_DEFERRED.get():
        return
    if connection.vendor == "sqlite" and not keyword_index_is_current():
        rebuild_keyword_index()


@contextmanager
def keyword_index_rebuilt_once() -> Iterator[None]:
    """Imports inside rebuild the keyword index once, at the end, not each (a sync of many
    sources); meanwhile keyword searches check every meeting, as without the index."""
    token = _REBUILD_DEFERRED.set(True)
    try:
        yield
    finally:
        _REBUILD_DEFERRED.reset(token)
        refresh_keyword_index()


def rebuild_keyword_index() -> None:
    """SQLite: number the meetings in name order again and index their text under those
    positions, in one transaction (readers keep the old index until it commits); about
    3 s for 250,000 meetings, what keeping the index row by row cost an import before.
    PostgreSQL has no such index: nothing to do."""
    if connection.vendor != "sqlite":
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM meetings_meeting_name_order")
        cursor.execute(
            "INSERT INTO meetings_meeting_name_order (position, meeting_id) "
            "SELECT row_number() OVER (ORDER BY name, id), id FROM meetings_meeting"
        )
        cursor.execute(
            "INSERT INTO meetings_meeting_words (meetings_meeting_words) VALUES ('delete-all')"
        )
        cursor.execute(
            "INSERT INTO meetings_meeting_words (rowid, search_text) "
            "SELECT o.position, m.search_text FROM meetings_meeting_name_order o "
            "JOIN meetings_meeting m ON m.id = o.meeting_id"
        )
        cursor.execute("UPDATE meetings_keyword_index_state SET current = 1")


def fts_match(words: list[str]) -> str:
    """An FTS5 query for the trigram index (detail=none): trigrams that cover each word of at
    least three letters, side by side (overlapping ones narrow little and each costs a
    posting-list merge); shorter words are left to the exact test, which checks every word."""
    trigrams = {
        word[i : i + TRIGRAM]
        for word in words
        if len(word) >= TRIGRAM
        for i in [*range(0, len(word) - TRIGRAM, TRIGRAM), len(word) - TRIGRAM]
    }
    return " AND ".join('"' + gram.replace('"', '""') + '"' for gram in sorted(trigrams))
