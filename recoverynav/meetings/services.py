"""Writes: importing one source's meetings (a Meeting Guide feed or a BMLT answer) in one
transaction, syncing every source of the registry, and taking "report a problem" messages."""

import gc
import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from recoverynav.meetings.importers import FeedError
from recoverynav.meetings.importers.bmlt import BmltAnswer, BmltReader, published
from recoverynav.meetings.importers.meeting_guide import (
    CleanMeeting,
    FeedContext,
    MeetingGuideReader,
    MeetingRejected,
    clean_meeting,
)
from recoverynav.meetings.models import (
    FeedSource,
    Fellowship,
    ImportRun,
    Meeting,
    MeetingTime,
    ProblemReport,
)
from recoverynav.meetings.sources import read_feed, read_source

__all__ = ["FeedError", "import_bmlt", "import_meetings", "read_feed", "sync_meetings"]

ZONES_CACHE_KEY = "meetings:schedule-zones"
LONG_ROWS_CACHE_KEY = "meetings:long-rows"
LISTED_KINDS_CACHE_KEY = "meetings:listed-kinds"
ONLINE_SOON_GENERATION_KEY = "meetings:online-soon-generation"
# What readers cache from the meetings table, cleared by every import.
DERIVED_CACHE_KEYS = [
    ZONES_CACHE_KEY,
    LONG_ROWS_CACHE_KEY,
    LISTED_KINDS_CACHE_KEY,
    ONLINE_SOON_GENERATION_KEY,
]
BATCH_SIZE = 1000
INSERT_BATCH = 5000
PROGRESS_EVERY = 25_000
ANALYZE_AFTER = 5_000
MAX_REASONS_STORED = 200
UPDATE_FIELDS = [
    "slug",
    "content_hash",
    "name",
    "start_time",
    "end_time",
    "timezone",
    "types",
    "type_codes",
    "other_formats",
    "notes",
    "location_name",
    "location_notes",
    "group_name",
    "address",
    "city",
    "state",
    "postal_code",
    "country",
    "formatted_address",
    "latitude",
    "longitude",
    "approximate",
    "address_approximate",
    "region",
    "conference_url",
    "conference_url_notes",
    "conference_phone",
    "conference_phone_notes",
    "fellowship",
    "attendance",
    "url",
    "feedback_url",
    "updated",
    "search_text",
]


@dataclass
class ImportReport:
    source: str
    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    rejections: list[str] = field(default_factory=list)
    # Meetings kept, but read with a guess the operator should check (see each reader).
    notes: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def rejected(self) -> int:
        return len(self.rejections)

    def summary(self) -> str:
        prefix = "Dry run, nothing saved: " if self.dry_run else ""
        return (
            f"{prefix}{self.source}: {self.total} meetings in the feed; {self.created} created, "
            f"{self.updated} updated, {self.unchanged} unchanged, {self.removed} removed, "
            f"{self.rejected} rejected."
            + (f" {len(self.notes)} read with a guess (see the notes)." if self.notes else "")
        )

    def message(self) -> str:
        """The summary and the notes, as an import run keeps them."""
        return "\n".join([self.summary(), *self.notes[:MAX_REASONS_STORED]])


def parse_feed(data: bytes) -> list[Any]:
    try:
        items = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FeedError(f"The feed is not valid JSON: {error}") from error
    if not isinstance(items, list):
        raise FeedError(
            "The feed must be a JSON list of meetings (Meeting Guide format), "
            f"not a {type(items).__name__}."
        )
    return items


def feed_context(source: FeedSource) -> FeedContext:
    """Gazetteer look-ups used when a meeting lacks a time zone or coordinates."""
    from recoverynav.geo import selectors as geo

    def point(place: Any) -> tuple[float, float] | None:
        return (place.latitude, place.longitude) if place else None

    return FeedContext(
        source=source.name,
        fellowship=source.fellowship
        or (Fellowship.NA if source.kind == FeedSource.Kind.BMLT else ""),
        default_timezone=source.default_timezone,
        zone_from_place=source.zone_from_place,
        postal_timezone=geo.timezone_for_postal_code,
        postal_place=lambda code: point(geo.place_for_postal_code(code)),
        city_place=lambda city, state: point(geo.place_for_city(city=city, state=state)),
    )


def import_meetings(
    *,
    source: FeedSource,
    data: bytes,
    dry_run: bool = False,
    force: bool = False,
    progress: Callable[[str], None] = lambda line: None,
) -> ImportReport:
    """Replace `source`'s meetings with the valid meetings of the Meeting Guide feed `data`.

    Unchanged meetings (same content hash) are skipped; a feed that is not a JSON list, has
    no valid meetings, or would remove more than half of the stored meetings (unless
    `force`) raises FeedError and changes nothing."""
    started = timezone.now()
    try:
        items = parse_feed(data)
    except FeedError as error:
        _failed(source, started, error, dry_run)
        raise
    return import_records(
        source=source, items=items, dry_run=dry_run, force=force, progress=progress
    )


def import_bmlt(
    *,
    source: FeedSource,
    answer: BmltAnswer,
    dry_run: bool = False,
    force: bool = False,
    progress: Callable[[str], None] = lambda line: None,
) -> ImportReport:
    """Replace `source`'s meetings with the valid meetings of a BMLT answer, with the same
    guarantees as import_meetings: BMLT's own checks reject meetings with their reasons."""
    return import_records(
        source=source,
        items=published(answer.meetings),
        reader=BmltReader(answer),
        dry_run=dry_run,
        force=force,
        progress=progress,
    )


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Checking 250,000 meetings makes millions of small dicts and strings; each makes Python's
    cycle collector walk every object alive, the whole feed included, again and again (a fifth
    of the import's time). Nothing here forms a cycle, and reference counting still frees
    everything, so the collector waits until the import is done."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@_cycle_collector_paused()
def import_records(
    *,
    source: FeedSource,
    items: list[Any],
    reader: Any = MeetingGuideReader,
    dry_run: bool = False,
    force: bool = False,
    progress: Callable[[str], None] = lambda line: None,
) -> ImportReport:
    """The common import: the source's `items`, read by `reader` (their ids, content hashes
    and Meeting Guide records), replace the source's meetings in one transaction."""
    started = timezone.now()
    try:
        report, plan = _plan(source, items, progress, reader)
        _check_plan(report, plan, force)
    except FeedError as error:
        _failed(source, started, error, dry_run)
        raise
    report.dry_run = dry_run
    if dry_run:
        return report
    progress(f"Saving {len(plan.new) + len(plan.changed)} new or changed meetings…")
    with transaction.atomic():
        if not source.pk:
            source.save()
        _write(source, plan)
        source.last_success_at = timezone.now()
        source.meeting_count = report.created + report.updated + report.unchanged
        source.last_error, source.last_error_at = "", None
        source.save(
            update_fields=["last_success_at", "meeting_count", "last_error", "last_error_at"]
        )
        _record(source, started, ImportRun.Status.SUCCESS, report, "")
        # Now (for this process) and after commit (in case a reader cached the old list).
        cache.delete_many(DERIVED_CACHE_KEYS)
        transaction.on_commit(lambda: cache.delete_many(DERIVED_CACHE_KEYS))
        if report.created + report.updated + report.removed > ANALYZE_AFTER:
            transaction.on_commit(_refresh_statistics)
    return report


@dataclass
class _Plan:
    existing: int = 0
    new: list[tuple[CleanMeeting, str]] = field(default_factory=list)
    changed: list[tuple[int, CleanMeeting, str]] = field(default_factory=list)
    removed_ids: list[int] = field(default_factory=list)


def _plan(
    source: FeedSource, items: list[Any], progress: Callable[[str], None], reader: Any
) -> tuple[ImportReport, _Plan]:
    report = ImportReport(source.name, total=len(items))
    context = feed_context(source)
    signature = context.signature
    stored: dict[str, tuple[int, str]] = {}
    if source.pk:
        rows = Meeting.objects.filter(source=source).values_list(
            "source_slug", "pk", "content_hash"
        )
        stored = {slug: (pk, digest) for slug, pk, digest in rows.iterator(chunk_size=5000)}
    plan = _Plan(existing=len(stored))
    seen: set[str] = set()
    for index, item in enumerate(items):
        if index and index % PROGRESS_EVERY == 0:
            progress(f"Checked {index:,} of {len(items):,} meetings…")
        try:
            slug = reader.slug(item, index)
            if slug in seen:
                raise MeetingRejected(f"{slug}: the slug is used by an earlier meeting in the feed")
            seen.add(slug)
            digest = reader.digest(item, signature)
            known = stored.pop(slug, None)
            if known and known[1] == digest:
                report.unchanged += 1
                clean = None
            else:
                clean = clean_meeting(reader.record(item), source_slug=slug, context=context)
        except MeetingRejected as rejection:
            report.rejections.append(str(rejection))
            continue
        if note := reader.note(item, slug):
            report.notes.append(note)
        if clean is None:
            continue
        if known:
            plan.changed.append((known[0], clean, digest))
        else:
            plan.new.append((clean, digest))
    plan.removed_ids = [pk for pk, _digest in stored.values()]
    report.created, report.updated, report.removed = (
        len(plan.new),
        len(plan.changed),
        len(plan.removed_ids),
    )
    return report, plan


def _check_plan(report: ImportReport, plan: _Plan, force: bool) -> None:
    valid = report.created + report.updated + report.unchanged
    if report.total and not valid:
        raise FeedError(
            f"None of the {report.total} meetings in the feed is valid; nothing was changed. "
            f"First problems: {'; '.join(report.rejections[:3])}"
        )
    if not force and plan.existing and report.removed * 2 > plan.existing:
        raise FeedError(
            f"This feed would remove {report.removed} of the {plan.existing} stored meetings of "
            f"{report.source}; nothing was changed. If that is right, import it again with --force."
        )


def _write(source: FeedSource, plan: _Plan) -> None:
    for start in range(0, len(plan.removed_ids), BATCH_SIZE):
        chunk = plan.removed_ids[start : start + BATCH_SIZE]
        MeetingTime.objects.filter(meeting_id__in=chunk).delete()
        ProblemReport.objects.filter(meeting_id__in=chunk).delete()
        Meeting.objects.filter(pk__in=chunk).delete()
    changed = []
    for pk, clean, digest in plan.changed:
        meeting = Meeting(pk=pk, source=source, source_slug=clean.source_slug, **clean.values)
        meeting.slug, meeting.content_hash = clean.slug, digest
        changed.append(meeting)
    Meeting.objects.bulk_update(changed, UPDATE_FIELDS, batch_size=BATCH_SIZE)
    changed_ids = [meeting.pk for meeting in changed]
    for start in range(0, len(changed_ids), BATCH_SIZE):
        MeetingTime.objects.filter(meeting_id__in=changed_ids[start : start + BATCH_SIZE]).delete()
    created_ids = _insert_meetings(source, plan.new)
    pairs = [(pk, clean) for pk, clean, _digest in plan.changed]
    pairs += [(pk, clean) for pk, (clean, _digest) in zip(created_ids, plan.new, strict=True)]
    _insert_rows(MeetingTime, [row for pk, clean in pairs for row in schedule_values(pk, clean)])


def _insert_meetings(source: FeedSource, new: list[tuple[CleanMeeting, str]]) -> list[int]:
    """Multi-row INSERTs with ids reserved up front: bulk_create's per-value preparation
    took most of a 250,000-meeting import."""
    ids = _reserve_ids(Meeting, len(new))
    rows = []
    for pk, (clean, digest) in zip(ids, new, strict=True):
        values = clean.values
        rows.append(
            {
                **values,
                "id": pk,
                "source_id": source.pk,
                "source_slug": clean.source_slug,
                "slug": clean.slug,
                "content_hash": digest,
            }
        )
    _insert_rows(Meeting, rows)
    return ids


def _reserve_ids(model: type, count: int) -> list[int]:
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


def _insert_rows(model: type, rows: list[dict]) -> None:
    """Batched INSERTs with little Python work per row. SQLite's executemany loops in C.
    PostgreSQL gets one JSON document per batch, turned into rows by json_to_recordset:
    psycopg's client-side parsing of a huge multi-row VALUES, then its quoting of every array
    element, took most of a 250,000-meeting import."""
    if not rows:
        return
    quote = connection.ops.quote_name
    fields = [f for f in model._meta.concrete_fields if f.attname in rows[0]]
    names = [field.attname for field in fields]
    columns = ", ".join(quote(field.column) for field in fields)
    table = quote(model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            record = ", ".join(f"{quote(f.column)} {f.db_type(connection)}" for f in fields)
            sql = (
                f"INSERT INTO {table} ({columns}) SELECT {columns} "  # noqa: S608
                f"FROM json_to_recordset(%s) AS x({record})"
            )
            as_is = all(f.column == f.attname for f in fields)  # then rows are the records
            for start in range(0, len(rows), INSERT_BATCH):
                batch = rows[start : start + INSERT_BATCH]
                if not as_is:
                    batch = [{f.column: row[f.attname] for f in fields} for row in batch]
                cursor.execute(sql, [json.dumps(batch, default=str)])  # times as ISO text
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


def _refresh_statistics() -> None:
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


def schedule_values(meeting_id: int, clean: CleanMeeting) -> list[dict]:
    """One row per weekday, in minutes of the week of the meeting's own zone."""
    if clean.start_minute is None:
        return []
    rows = []
    for day in clean.days:
        start = day * 1440 + clean.start_minute
        rows.append(
            {
                "meeting_id": meeting_id,
                "timezone": clean.values["timezone"],
                "day": day,
                "start_minute": start,
                "end_minute": start + clean.duration,  # its whole length, however long
                "minute_of_day": clean.start_minute,
                "attendance": clean.values["attendance"],
            }
        )
    return rows


def _record(
    source: FeedSource, started: Any, status: str, report: ImportReport, message: str
) -> None:
    ImportRun.objects.create(
        source=source,
        started_at=started,
        finished_at=timezone.now(),
        status=status,
        created=report.created,
        updated=report.updated,
        unchanged=report.unchanged,
        removed=report.removed,
        rejected=report.rejected,
        message=message or report.message(),
        rejections="\n".join(report.rejections[:MAX_REASONS_STORED]),
    )


def _failed(source: FeedSource, started: Any, error: FeedError, dry_run: bool) -> None:
    """Record a failed run on a saved source (the admin shows its last error); no meeting of
    the source was touched."""
    if dry_run or not source.pk:
        return
    _record(source, started, ImportRun.Status.FAILED, ImportReport(source.name), str(error))
    FeedSource.objects.filter(pk=source.pk).update(
        last_error=str(error)[:5000], last_error_at=timezone.now()
    )
    source.last_error, source.last_error_at = str(error)[:5000], timezone.now()


def sync_source(
    source: FeedSource,
    *,
    dry_run: bool = False,
    force: bool = False,
    progress: Callable[[str], None] = lambda line: None,
) -> ImportReport:
    """Read the source (URL or file, by its kind) and import it; a failure is recorded
    against the source and raised as FeedError, with its meetings unchanged."""
    started = timezone.now()
    try:
        payload = read_source(source)
    except FeedError as error:
        _failed(source, started, error, dry_run)
        raise
    options = {"source": source, "dry_run": dry_run, "force": force, "progress": progress}
    if isinstance(payload, BmltAnswer):
        return import_bmlt(answer=payload, **options)
    return import_meetings(data=payload, **options)


@dataclass
class SyncResult:
    """One line per source, and the names of those that failed (cron must hear of them)."""

    lines: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def sync_meetings(
    *,
    sources: list[FeedSource] | None = None,
    progress: Callable[[str], None] = lambda line: None,
) -> SyncResult:
    """Import every enabled source of the registry (or those given); one failing source
    keeps its old data and does not stop the rest, and is named in the result."""
    if sources is None:
        sources = list(FeedSource.objects.filter(enabled=True).exclude(url=""))
    result = SyncResult()
    for source in sources:
        progress(f"{source.name}: reading {source.url}…")
        try:
            result.lines.append(sync_source(source, progress=progress).summary())
        except FeedError as error:
            result.lines.append(f"{source.name}: {error}")
            result.failed.append(source.name)
    return result


def report_problem(*, meeting: Meeting, kind: str, details: str) -> ProblemReport:
    """Queue a visitor's correction for the moderators (no name, email or address is taken)."""
    return ProblemReport.objects.create(meeting=meeting, kind=kind, details=details.strip())
