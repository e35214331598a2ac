"""Writes: importing one source's meetings (a Meeting Guide feed or a BMLT answer) in one
transaction (plan, check, write, record), syncing every source of the registry, and taking
"report a problem" messages. Reading a source is in feeds.py, the bulk SQL in bulk.py."""

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from recoverynav.meetings import bulk
from recoverynav.meetings.coverage import DERIVED_CACHE_KEYS
from recoverynav.meetings.feeds import feed_context, parse_feed, read_source
from recoverynav.meetings.importers import FeedError
from recoverynav.meetings.importers.bmlt import BmltAnswer, BmltReader, published
from recoverynav.meetings.importers.meeting_guide import (
    CleanMeeting,
    MeetingGuideReader,
    MeetingRejected,
    clean_meeting,
)
from recoverynav.meetings.keywords import keyword_index_rebuilt_once, refresh_keyword_index
from recoverynav.meetings.models import (
    FeedSource,
    ImportRun,
    Meeting,
    MeetingTime,
    ProblemReport,
)

BATCH_SIZE = 1000
PROGRESS_EVERY = 25_000
ANALYZE_AFTER = 5_000
MAX_REASONS_STORED = 200
# Every stored column but the key (id, source, slug in the feed): a changed meeting is
# rewritten whole.
UPDATE_FIELDS = [
    f.name for f in Meeting._meta.concrete_fields if f.name not in {"id", "source", "source_slug"}
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
        refresh_keyword_index()
        source.last_success_at = timezone.now()
        source.meeting_count = report.created + report.updated + report.unchanged
        source.last_error, source.last_error_at = "", None
        source.save(
            update_fields=["last_success_at", "meeting_count", "last_error", "last_error_at"]
        )
        _record(source, started, report)
        # Now (for this process) and after commit (in case a reader cached the old list).
        cache.delete_many(DERIVED_CACHE_KEYS)
        transaction.on_commit(lambda: cache.delete_many(DERIVED_CACHE_KEYS))
        if report.created + report.updated + report.removed > ANALYZE_AFTER:
            transaction.on_commit(bulk.refresh_statistics)
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
    bulk.insert_rows(
        MeetingTime, [row for pk, clean in pairs for row in schedule_values(pk, clean)]
    )


def _insert_meetings(source: FeedSource, new: list[tuple[CleanMeeting, str]]) -> list[int]:
    """Multi-row INSERTs with ids reserved up front: bulk_create's per-value preparation
    took most of a 250,000-meeting import."""
    ids = bulk.reserve_ids(Meeting, len(new))
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
    bulk.insert_rows(Meeting, rows)
    return ids


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


def _record(source: FeedSource, started: Any, report: ImportReport, error: str = "") -> None:
    """The run, as every import of ours records it: a failed one says why nothing changed;
    a successful one keeps its counts, rejections and notes."""
    ImportRun.objects.create(
        source=source,
        started=started,
        finished=timezone.now(),
        succeeded=not error,
        created=report.created,
        updated=report.updated,
        unchanged=report.unchanged,
        removed=report.removed,
        rejected=report.rejected,
        errors=[error] if error else report.rejections[:MAX_REASONS_STORED],
        notes=report.notes[:MAX_REASONS_STORED],
    )


def _failed(source: FeedSource, started: Any, error: FeedError, dry_run: bool) -> None:
    """Record a failed run on a saved source (the admin shows its last error); no meeting of
    the source was touched."""
    if dry_run or not source.pk:
        return
    _record(source, started, ImportReport(source.name), str(error))
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
    with keyword_index_rebuilt_once():
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
