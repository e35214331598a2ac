"""PostgreSQL: a keyword index in name order, as SQLite got in migration 0012. Without it a
keyword listing walked the name index until its page was full: a word whose meetings sit
together late in name order ("Women's…", "Noon…") read most of 250,000 rows (25-50 ms).

- `meetings_keyword_order_{a,b}` number the meetings in name order (position → meeting id);
- `meetings_keyword_words_{a,b}` hold every distinct word of the meetings' text with how many
  meetings have it and, unless that is most of them, their positions in name order; pg_trgm's
  index on the word finds the words that contain what was typed;
- two sets, so a rebuild fills the one nobody reads (readers are never locked out) and then
  makes it the one in use: `meetings_keyword_index_state` says which, and whether it still
  matches the meetings (statement triggers mark it out of date on any insert, delete, rename,
  text change or truncate; imports and the admin rebuild it, keywords.rebuild_keyword_index).

pg_trgm is a trusted extension (PostgreSQL 13 and later): a database's owner may create it.
Where the database user may not, the tables stay empty and the index stays out of date:
keyword searches walk the name order as before, slower but right. SQLite gets nothing here."""

from django.db import DatabaseError, migrations, transaction

SETS = ("a", "b")

POSTGRESQL = [
    "CREATE TABLE meetings_keyword_index_state ("
    "id integer PRIMARY KEY CHECK (id = 1), current boolean NOT NULL, "
    "active char(1) NOT NULL CHECK (active IN ('a', 'b')))",
    "INSERT INTO meetings_keyword_index_state (id, current, active) VALUES (1, false, 'a')",
    *(
        statement
        for name in SETS
        for statement in (
            f"CREATE TABLE meetings_keyword_order_{name} "
            "(position integer PRIMARY KEY, meeting_id bigint NOT NULL)",
            f"CREATE TABLE meetings_keyword_words_{name} "
            "(word text NOT NULL, meetings integer NOT NULL, positions integer[])",
        )
    ),
    "CREATE FUNCTION meetings_keyword_index_stale() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN UPDATE meetings_keyword_index_state SET current = false WHERE current; "
    "RETURN NULL; END $$",
    "CREATE TRIGGER meetings_keyword_index_stale "
    "AFTER INSERT OR DELETE OR UPDATE OF name, search_text ON meetings_meeting "
    "FOR EACH STATEMENT EXECUTE FUNCTION meetings_keyword_index_stale()",
    "CREATE TRIGGER meetings_keyword_index_stale_on_truncate "
    "AFTER TRUNCATE ON meetings_meeting "
    "FOR EACH STATEMENT EXECUTE FUNCTION meetings_keyword_index_stale()",
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER meetings_keyword_index_stale_on_truncate ON meetings_meeting",
    "DROP TRIGGER meetings_keyword_index_stale ON meetings_meeting",
    "DROP FUNCTION meetings_keyword_index_stale()",
    *(f"DROP TABLE meetings_keyword_{kind}_{name}" for name in SETS for kind in ("order", "words")),
    "DROP TABLE meetings_keyword_index_state",
]


def create(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in POSTGRESQL:
        schema_editor.execute(statement)
    try:
        with transaction.atomic():  # a savepoint: a refusal leaves the rest in place
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError:
        return  # no trigram search: rebuilds keep the index out of date (see above)
    from recoverynav.meetings.keywords import rebuild_keyword_index

    rebuild_keyword_index()


def remove(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRESQL_REVERSE:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0012_keyword_index_in_name_order")]

    operations = [migrations.RunPython(create, remove)]
