"""SQLite: a text index for keyword search, an FTS5 table with the trigram tokenizer over
`search_text` (external content: it stores only the index), kept current by triggers, so
every write path (imports, the admin, deletes that cascade from a feed) updates it. It only
finds candidates: the search still checks every word, so results are the same without it.

PostgreSQL gets nothing here: a pg_trgm GIN index made a 250,000-meeting import about 15 s
slower (30 s budget); its keyword listings scan the name-order index, which covers the text.

Careful on SQLite: a later migration that makes Django rebuild meetings_meeting (SQLite's way
to alter most columns: copy, drop, rename) drops these triggers; such a migration must run
SQLITE's trigger statements again. tests/test_search.py fails if they are missing."""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE meetings_meeting_words USING fts5("
    "search_text, content='meetings_meeting', content_rowid='id', "
    "tokenize='trigram', detail='none')",
    "CREATE TRIGGER meetings_meeting_words_insert AFTER INSERT ON meetings_meeting BEGIN "
    "INSERT INTO meetings_meeting_words(rowid, search_text) VALUES (new.id, new.search_text); "
    "END",
    "CREATE TRIGGER meetings_meeting_words_delete AFTER DELETE ON meetings_meeting BEGIN "
    "INSERT INTO meetings_meeting_words(meetings_meeting_words, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "END",
    "CREATE TRIGGER meetings_meeting_words_update AFTER UPDATE OF search_text "
    "ON meetings_meeting BEGIN "
    "INSERT INTO meetings_meeting_words(meetings_meeting_words, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO meetings_meeting_words(rowid, search_text) VALUES (new.id, new.search_text); "
    "END",
    "INSERT INTO meetings_meeting_words(meetings_meeting_words) VALUES ('rebuild')",
]
SQLITE_REVERSE = [
    "DROP TRIGGER meetings_meeting_words_update",
    "DROP TRIGGER meetings_meeting_words_delete",
    "DROP TRIGGER meetings_meeting_words_insert",
    "DROP TABLE meetings_meeting_words",
]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor) -> None:
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("meetings", "0004_name_order_and_day_indexes")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE}),
            _run({"sqlite": SQLITE_REVERSE}),
        )
    ]
