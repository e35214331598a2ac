"""SQLite: the keyword index in name order. Migration 0005's FTS5 trigram table was keyed by
meeting id, so a listing by name had to read every candidate's row and sort them, or walk the
name index checking each id: a word whose meetings sit together late in name order
("Women's…", "Noon…") cost 15-30 ms at 250,000 meetings. Now:

- `meetings_meeting_name_order` numbers the meetings in name order (position → meeting id);
- `meetings_meeting_words` is the same trigram index, contentless, keyed by that position,
  so FTS5 hands out candidates already in name order and a page stops after its 21st match;
- `meetings_keyword_index_state` says whether both still match the meetings: triggers mark
  it out of date on any insert, delete, rename or text change (the admin, deletes that
  cascade from a source); imports and the admin rebuild it (keywords.rebuild_keyword_index),
  and until then searches check every meeting in name order, as without an index.

PostgreSQL gets nothing here (see keywords.py). Careful on SQLite, as with 0005: a later
migration that makes Django rebuild meetings_meeting drops the triggers; it must create them
again (tests/test_search.py fails if they are missing)."""

from importlib import import_module

from django.db import migrations

FIRST_INDEX = import_module("recoverynav.meetings.migrations.0005_keyword_text_index")

STALE_WHEN = {
    "insert": "AFTER INSERT ON meetings_meeting",
    "delete": "AFTER DELETE ON meetings_meeting",
    "update": "AFTER UPDATE OF name, search_text ON meetings_meeting",
}
SQLITE = [
    *FIRST_INDEX.SQLITE_REVERSE,
    "CREATE TABLE meetings_meeting_name_order "
    "(position INTEGER PRIMARY KEY, meeting_id INTEGER NOT NULL)",
    "CREATE VIRTUAL TABLE meetings_meeting_words USING fts5("
    "search_text, content='', tokenize='trigram', detail='none')",
    # Buffer 64 MiB of index while rebuilding instead of 1 MiB: 250,000 meetings in 2.5 s,
    # not 3.4 s (fewer, larger segments to write and merge).
    "INSERT INTO meetings_meeting_words (meetings_meeting_words, rank) "
    "VALUES ('hashsize', 67108864)",
    "CREATE TABLE meetings_keyword_index_state "
    "(id INTEGER PRIMARY KEY CHECK (id = 1), current INTEGER NOT NULL)",
    "INSERT INTO meetings_keyword_index_state (id, current) VALUES (1, 0)",
    *(
        f"CREATE TRIGGER meetings_keyword_index_stale_on_{event} {when} BEGIN "  # nosec B608
        "UPDATE meetings_keyword_index_state SET current = 0 WHERE current = 1; END"
        for event, when in STALE_WHEN.items()
    ),
    # Built now, as keywords.rebuild_keyword_index does.
    "INSERT INTO meetings_meeting_name_order (position, meeting_id) "
    "SELECT row_number() OVER (ORDER BY name, id), id FROM meetings_meeting",
    "INSERT INTO meetings_meeting_words (rowid, search_text) "
    "SELECT o.position, m.search_text FROM meetings_meeting_name_order o "
    "JOIN meetings_meeting m ON m.id = o.meeting_id",
    "UPDATE meetings_keyword_index_state SET current = 1",
]
SQLITE_REVERSE = [
    *(f"DROP TRIGGER meetings_keyword_index_stale_on_{event}" for event in STALE_WHEN),
    "DROP TABLE meetings_keyword_index_state",
    "DROP TABLE meetings_meeting_words",
    "DROP TABLE meetings_meeting_name_order",
    *FIRST_INDEX.SQLITE,
]


def _run(statements: list[str]):
    def run(apps, schema_editor) -> None:
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("meetings", "0011_box_index_with_fellowship_and_id")]

    operations = [migrations.RunPython(_run(SQLITE), _run(SQLITE_REVERSE))]
