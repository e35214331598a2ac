"""The keyword filter of the meeting search: every word must be in a meeting's text. Kept
apart because on SQLite it also asks the FTS5 trigram index (migration 0005) which meetings
can match, and that choice (how many candidates, which loop drives) is its own subject."""

from django.db import connection
from django.db.models import F, Q, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import StrIndex
from django.db.models.lookups import GreaterThan

from recoverynav.meetings.models import Meeting

MAX_KEYWORDS = 5
# Up to this many keyword candidates (SQLite), they are fetched by id and sorted.
KEYWORD_FEW = 3000
TRIGRAM = 3


def with_keywords(
    meetings: QuerySet[Meeting], words: list[str], *, listed: bool
) -> QuerySet[Meeting]:
    """Every word must be in the meeting's text (a substring: the exact rule).

    On SQLite, a listing by name over the whole table also asks the FTS5 trigram index
    (migration 0005) which meetings can match, counting them first (a cheap index read): few
    are fetched by id and sorted; many are met sooner by scanning in name order and checking
    each id against the index's set (`id + 0` keeps SQLite from driving the loop by id).
    PostgreSQL scans the name-order index, which covers the text (no table rows read)."""
    # strpos/instr rather than LIKE: the same test on our lower-cased text, with nothing to
    # escape, and PostgreSQL cannot misjudge how many rows it keeps (from a few sampled rows
    # it judged LIKE '%early%' so rare that it read the whole table instead of the name order).
    exact = Q()
    for word in words:
        exact &= Q(GreaterThan(StrIndex("search_text", Value(word)), 0))
    match = fts_match(words) if listed and connection.vendor == "sqlite" else ""
    if not match:
        return meetings.filter(exact)
    # Fixed SQL; the query is a parameter.
    candidates = RawSQL(  # nosec B611
        "SELECT rowid FROM meetings_meeting_words WHERE meetings_meeting_words MATCH %s",
        [match],
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM (SELECT 1 FROM meetings_meeting_words "
            "WHERE meetings_meeting_words MATCH %s LIMIT %s)",
            [match, KEYWORD_FEW + 1],
        )
        few = cursor.fetchone()[0] <= KEYWORD_FEW
    if few:
        return meetings.filter(exact, pk__in=candidates)
    # The id test comes before the text test, which needs the whole row.
    return meetings.alias(row_id=F("pk") + 0).filter(row_id__in=candidates).filter(exact)


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
