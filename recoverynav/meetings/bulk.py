"""Vendor-specific bulk writes for the meeting import: ids reserved up front, multi-row
INSERTs with little Python work per row, and fresh planner statistics after a big change.
The ORM's bulk_create spent most of a 250,000-meeting import preparing values one by one."""

import json
import sqlite3
from collections.abc import Callable
from typing import Any

from django.db import connection
from psycopg.types.json import Jsonb


def reserve_ids(model: type, count: int) -> list[int]:
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite: writers are serialized (IMMEDIATE transactions), so MAX(id) is ours.
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")  # noqa: S608
        first = cursor.fetchone()[0] + 1
    return list(range(first, first + count))


def insert_rows(model: type, rows: list[dict]) -> None:
    """Batched INSERTs with little Python work per row. SQLite's executemany loops in C.
    PostgreSQL gets COPY, its bulk-load path, fed row by row by psycopg's C code: half the
    time of the JSON document per batch (json_to_recordset) used before, which had replaced
    a huge multi-row VALUES that psycopg spent most of an import parsing and quoting."""
    if not rows:
        return
    quote = connection.ops.quote_name
    fields = [f for f in model._meta.concrete_fields if f.attname in rows[0]]
    names = [field.attname for field in fields]
    columns = ", ".join(quote(field.column) for field in fields)
    table = quote(model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            _copy_rows(cursor, f"COPY {table} ({columns}) FROM STDIN", fields, names, rows)
            return
        adapters = {
            index: adapter
            for index, field in enumerate(fields)
            if (adapter := _sqlite_adapter(field.get_internal_type())) is not None
        }
        # Multi-row INSERTs as large as SQLite's parameter limit allows: the FTS5 keyword
        # index (filled by a trigger) flushes at every statement, so one row per statement
        # (executemany) made it cost more than the rest of the import.
        per_statement = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        per_statement = max(1, per_statement // len(fields))
        row_sql = "(" + ", ".join(["%s"] * len(fields)) + ")"
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            values: list[Any] = []
            for row in chunk:
                row_values = [row[name] for name in names]
                for index, adapter in adapters.items():
                    if row_values[index] is not None:
                        row_values[index] = adapter(row_values[index])
                values += row_values
            sql = f"INSERT INTO {table} ({columns}) VALUES {', '.join([row_sql] * len(chunk))}"  # noqa: S608
            cursor.execute(sql, values)


def _copy_rows(cursor, copy_sql: str, fields: list, names: list[str], rows: list[dict]) -> None:
    """COPY in text form: psycopg turns each value into text by its Python type; JSON fields
    are marked as such (a Python list would otherwise be sent as an array)."""
    as_json = [i for i, field in enumerate(fields) if field.get_internal_type() == "JSONField"]
    # Django's cursor wrapper has no copy(); psycopg's own cursor has.
    with cursor.cursor.copy(copy_sql) as copy:
        for row in rows:
            values = [row[name] for name in names]
            for index in as_json:
                if values[index] is not None:
                    values[index] = Jsonb(values[index])
            copy.write_row(values)


def _sqlite_adapter(internal_type: str) -> Callable[[Any], Any] | None:
    """The database form of the few value types that need one (what Field.get_db_prep_save
    does, without its per-value overhead)."""
    if internal_type == "JSONField":
        return json.dumps
    if internal_type == "TimeField":
        return connection.ops.adapt_timefield_value
    if internal_type == "DateTimeField":
        return connection.ops.adapt_datetimefield_value
    return None


def refresh_statistics() -> None:
    """After a big change has committed: fresh planner statistics, so searches use the right
    indexes, and on PostgreSQL a VACUUM too, which marks the new rows all-visible so the
    covering indexes answer without reading the table. VACUUM cannot run in a transaction:
    called inside one (a caller's own), PostgreSQL gets ANALYZE only."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
            cursor.execute(f"{command} meetings_meeting, meetings_meetingtime")
        else:
            cursor.execute("ANALYZE meetings_meeting")
            cursor.execute("ANALYZE meetings_meetingtime")
