"""A text index for keyword search, in each database's own way.

SQLite: an FTS5 table with the trigram tokenizer over `search_text` (external content: it
stores only the index), kept current by triggers, so every write path (imports, the admin,
deletes that cascade from a feed) updates it. PostgreSQL: a pg_trgm GIN index on the column
(`CREATE EXTENSION pg_trgm` needs the CREATE privilege on the database; pg_trgm is a trusted
extension, so the database owner has it).

Both only find candidates: the search still checks every word with LIKE, so results are the
same as without the index.

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
POSTGRESQL = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX meeting_search_text_trgm ON meetings_meeting "
    "USING gin (search_text gin_trgm_ops)",
]
POSTGRESQL_REVERSE = ["DROP INDEX meeting_search_text_trgm"]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor) -> None:
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("meetings", "0004_name_order_index")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        )
    ]
