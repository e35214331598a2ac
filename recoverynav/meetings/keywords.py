"""The keyword filter of the meeting search: every word must be in a meeting's text (a
substring, in any case). Kept apart because a listing by name with keywords has its own way
to its page at national scale (250,000 meetings), through a keyword index in name order
which this module also rebuilds: SQLite's FTS5 trigram table (migration 0012), PostgreSQL's
word list with pg_trgm (migration 0013)."""

from collections import defaultdict
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
# PostgreSQL: a word in more meetings than this keeps no positions; a search by it walks the
# name order, where such a word comes often (reading and sorting more candidates cost more).
MAX_CANDIDATES = 20_000
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

    While the keyword index is current it hands out candidates in name order, each checked
    against every filter by id until the page is full: a rare word and a word whose meetings
    all come late in name order cost as little as a common one (on SQLite 0.1-0.3 ms at
    250,000 meetings, where reading candidates by id and sorting them, or walking the name
    index, took 10-30 ms; on PostgreSQL 25-50 ms became 1-3 ms).

    Otherwise (an index out of date, only words under three letters, on PostgreSQL only words
    in more than MAX_CANDIDATES meetings) the meetings are read in name order until the page
    is full: the name-order index covers the text, no table rows are read."""
    if connection.vendor == "postgresql":
        found = _postgresql_first_in_name_order(meetings, words, count)
    else:
        found = _sqlite_first_in_name_order(meetings, words, count)
    if found is None:
        return list(meetings.order_by("name", "pk").values_list("pk", flat=True)[:count])
    return found


def _sqlite_first_in_name_order(
    meetings: QuerySet[Meeting], words: list[str], count: int
) -> list[int] | None:
    """FTS5 hands out positions in name order: the first `count` that pass every filter."""
    match = fts_match(words)
    if not match or not keyword_index_is_current():
        return None
    filters_sql, filters_params = _filters_of_one_candidate(meetings)
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


def _postgresql_first_in_name_order(
    meetings: QuerySet[Meeting], words: list[str], count: int
) -> list[int] | None:
    """The words that contain the search's rarest word, their meetings' positions merged in
    name order: the first `count` that pass every filter."""
    long_words = [word for word in dict.fromkeys(words) if len(word) >= TRIGRAM]
    table_set = _postgresql_set_in_use() if long_words else None
    if table_set is None:
        return None
    rarest = _rarest_word(long_words, table_set)
    if rarest is None:
        return None
    if rarest == "":
        return []  # a word no meeting has
    filters_sql, filters_params = _filters_of_one_candidate(meetings)
    with connection.cursor() as cursor:
        # Fixed SQL (the set is "a" or "b") around the ORM's own; values are parameters.
        cursor.execute(
            "SELECT o.meeting_id FROM (SELECT DISTINCT unnest(positions) "  # noqa: S608  # nosec B608
            f"AS position FROM meetings_keyword_words_{table_set} WHERE word LIKE %s) c "
            f"JOIN meetings_keyword_order_{table_set} o ON o.position = c.position "
            f"WHERE EXISTS ({filters_sql}) ORDER BY c.position LIMIT %s",
            [_containing(rarest), *filters_params, count],
        )
        return [row[0] for row in cursor.fetchall()]


def _rarest_word(words: list[str], table_set: str) -> str | None:
    """Of `words` (three letters or more), the one in the fewest meetings, "" when one is in
    none, None when no word narrows the search enough to beat walking the name order."""
    rarest, fewest = None, MAX_CANDIDATES + 1
    with connection.cursor() as cursor:
        for word in words:
            cursor.execute(
                "SELECT coalesce(sum(meetings), 0), "  # noqa: S608  # nosec B608
                "bool_and(positions IS NOT NULL) "
                f"FROM meetings_keyword_words_{table_set} WHERE word LIKE %s",
                [_containing(word)],
            )
            meetings, all_kept = cursor.fetchone()
            if meetings == 0:
                return ""
            if all_kept and meetings < fewest:
                rarest, fewest = word, meetings
    return rarest


def _containing(word: str) -> str:
    """A LIKE pattern for words that contain `word` as it was typed."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _filters_of_one_candidate(meetings: QuerySet[Meeting]) -> tuple[str, tuple]:
    """Every filter of the search, asked of one candidate (the outer query's o.meeting_id)."""
    one_candidate = meetings.filter(pk=RawSQL("o.meeting_id", ())).order_by().values("pk")
    return one_candidate.query.sql_with_params()


def _postgresql_set_in_use() -> str | None:
    """Which of PostgreSQL's two sets of index tables readers use, None while out of date."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT active FROM meetings_keyword_index_state WHERE current")
        row = cursor.fetchone()
    return row[0] if row else None


def keyword_index_is_current() -> bool:
    """Whether the keyword index matches the meetings (triggers say when it does not)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT current FROM meetings_keyword_index_state")
        row = cursor.fetchone()
    return bool(row and row[0])


def refresh_keyword_index() -> None:
    """Rebuild the keyword index if a change to the meetings left it out of date; call it
    after writing meetings (imports do, the admin does after its saves and deletes)."""
    if _REBUILD_DEFERRED.get():
        return
    if not keyword_index_is_current():
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
    """Index the meetings' text in name order again, in one transaction: readers keep the old
    index until it commits. About 3 s for 250,000 meetings on either database, what keeping
    an index row by row cost an import before."""
    if connection.vendor == "postgresql":
        _rebuild_postgresql_index()
    else:
        _rebuild_sqlite_index()


def _rebuild_sqlite_index() -> None:
    """Number the meetings in name order and index their text under those positions."""
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


def _rebuild_postgresql_index() -> None:
    """Fill the set of index tables nobody reads, then make it the one in use. The words are
    the text split at white space: a typed word (no space in it) is inside one of them, so
    the words containing it lead to every meeting that can match (the exact test then checks
    each). Built here rather than in SQL, where grouping 4.4 million words took 8 s."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cursor.fetchone() is None:
            return  # no trigram search here: keyword searches walk the name order
        # One rebuild at a time; the row lock also orders it after a concurrent one's flip.
        cursor.execute("SELECT active FROM meetings_keyword_index_state FOR UPDATE")
        table_set = "b" if cursor.fetchone()[0] == "a" else "a"
        order, words = f"meetings_keyword_order_{table_set}", f"meetings_keyword_words_{table_set}"
        cursor.execute(f"TRUNCATE {order}, {words}")
        cursor.execute(f"DROP INDEX IF EXISTS {words}_trigrams")
        cursor.execute("SELECT id, search_text FROM meetings_meeting ORDER BY name, id")
        rows = cursor.fetchall()
        positions_of: defaultdict[str, list[int]] = defaultdict(list)
        for position, (_, text) in enumerate(rows, start=1):
            for word in set(text.split()):
                positions_of[word].append(position)
        with cursor.cursor.copy(f"COPY {order} (position, meeting_id) FROM STDIN") as copy:
            copy.write("".join(f"{position}\t{pk}\n" for position, (pk, _) in enumerate(rows, 1)))
        with cursor.cursor.copy(f"COPY {words} (word, meetings, positions) FROM STDIN") as copy:
            copy.write("".join(_copy_line(word, kept) for word, kept in positions_of.items()))
        cursor.execute(f"CREATE INDEX {words}_trigrams ON {words} USING gin (word gin_trgm_ops)")
        cursor.execute(f"ANALYZE {words} (word)")  # what plans need: 0.04 s, not 0.2 s
        cursor.execute(
            "UPDATE meetings_keyword_index_state SET current = true, active = %s", [table_set]
        )


def _copy_line(word: str, positions: list[int]) -> str:
    """One word's line for COPY (text format): positions only when few enough to read."""
    escaped = word.replace("\\", "\\\\")  # the words have no white space to escape
    kept = "{" + ",".join(map(str, positions)) + "}" if len(positions) <= MAX_CANDIDATES else "\\N"
    return f"{escaped}\t{len(positions)}\t{kept}\n"


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
