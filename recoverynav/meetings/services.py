"""Writes: importing a Meeting Guide feed into one source's meetings (in one transaction),
syncing every configured feed, and taking "report a problem" messages."""

import json
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from recoverynav.meetings.importers.meeting_guide import (
    CleanMeeting,
    FeedContext,
    MeetingRejected,
    clean_meeting,
    content_hash,
    feed_slug,
)
from recoverynav.meetings.models import FeedSource, ImportRun, Meeting, MeetingTime, ProblemReport

ZONES_CACHE_KEY = "meetings:schedule-zones"
BATCH_SIZE = 1000
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


class FeedError(Exception):
    """The feed as a whole cannot be imported; nothing was changed."""


@dataclass
class ImportReport:
    source: str
    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    rejections: list[str] = field(default_factory=list)
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
        )


def read_feed(location: str) -> bytes:
    """The feed's bytes from an http(s) URL (with a timeout) or a local file, size-capped."""
    limit = settings.MEETINGS_FEED_MAX_BYTES
    if location.startswith(("http://", "https://")):
        request = urllib.request.Request(  # noqa: S310 (the scheme is checked just above)
            location, headers={"User-Agent": "RecoveryNavigator/1 (meeting feed sync)"}
        )
        try:
            with urllib.request.urlopen(  # noqa: S310
                request, timeout=settings.MEETINGS_FEED_TIMEOUT
            ) as response:
                data = response.read(limit + 1)
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
            raise FeedError(f"Could not fetch {location}: {error}") from error
    else:
        path = Path(location)
        try:
            if path.stat().st_size > limit:
                raise FeedError(
                    f"{location} is larger than {limit} bytes (MEETINGS_FEED_MAX_BYTES)."
                )
            data = path.read_bytes()
        except OSError as error:
            raise FeedError(f"Could not read {location}: {error.strerror or error}") from error
    if len(data) > limit:
        raise FeedError(f"{location} is larger than {limit} bytes (MEETINGS_FEED_MAX_BYTES).")
    return data


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
        fellowship=source.fellowship,
        default_timezone=source.default_timezone,
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
    """Replace `source`'s meetings with the valid meetings of the feed `data`.

    Unchanged meetings (same content hash) are skipped; a feed that is not a JSON list, has
    no valid meetings, or would remove more than half of the stored meetings (unless
    `force`) raises FeedError and changes nothing."""
    started = timezone.now()
    try:
        items = parse_feed(data)
        report, plan = _plan(source, items, progress)
        _check_plan(report, plan, force)
    except FeedError as error:
        if not dry_run and source.pk:
            _record(source, started, ImportRun.Status.FAILED, ImportReport(source.name), str(error))
        raise
    if dry_run:
        return report
    progress(f"Saving {len(plan.new) + len(plan.changed)} new or changed meetings…")
    with transaction.atomic():
        if not source.pk:
            source.save()
        _write(source, plan)
        source.last_success_at = timezone.now()
        source.save(update_fields=["last_success_at"])
        _record(source, started, ImportRun.Status.SUCCESS, report, "")
        # Now (for this process) and after commit (in case a reader cached the old list).
        cache.delete(ZONES_CACHE_KEY)
        transaction.on_commit(lambda: cache.delete(ZONES_CACHE_KEY))
    return report


@dataclass
class _Plan:
    existing: int = 0
    new: list[tuple[CleanMeeting, str]] = field(default_factory=list)
    changed: list[tuple[int, CleanMeeting, str]] = field(default_factory=list)
    removed_ids: list[int] = field(default_factory=list)


def _plan(
    source: FeedSource, items: list[Any], progress: Callable[[str], None]
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
            slug = feed_slug(item, index)
            if slug in seen:
                raise MeetingRejected(f"{slug}: the slug is used by an earlier meeting in the feed")
            seen.add(slug)
            digest = content_hash(item, signature)
            known = stored.pop(slug, None)
            if known and known[1] == digest:
                report.unchanged += 1
                continue
            clean = clean_meeting(item, source_slug=slug, context=context)
        except MeetingRejected as rejection:
            report.rejections.append(str(rejection))
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
    if len(plan.new) + len(plan.changed) + len(plan.removed_ids) > ANALYZE_AFTER:
        _refresh_statistics()


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
        # SQLite: writers are serialised (IMMEDIATE transactions), so MAX(id) is ours.
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")  # noqa: S608
        first = cursor.fetchone()[0] + 1
    return list(range(first, first + count))


def _insert_rows(model: type, rows: list[dict]) -> None:
    if not rows:
        return
    quote = connection.ops.quote_name
    fields = [f for f in model._meta.concrete_fields if f.attname in rows[0]]
    # Only these need converting for the database (JSON, times); the rest go as they are.
    prepared = [
        field
        for field in fields
        if field.get_internal_type() in {"JSONField", "TimeField", "DateTimeField"}
    ]
    per_statement = max(1, 20_000 // len(fields))
    columns = ", ".join(quote(field.column) for field in fields)
    row_sql = "(" + ", ".join(["%s"] * len(fields)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            params = []
            for row in chunk:
                for field in prepared:
                    row[field.attname] = field.get_db_prep_save(row[field.attname], connection)
                params.extend(row[field.attname] for field in fields)
            cursor.execute(
                f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES "  # noqa: S608
                + ", ".join([row_sql] * len(chunk)),
                params,
            )


def _refresh_statistics() -> None:
    """Fresh planner statistics after a big change, so "near a place" uses the lat/lon index."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE meetings_meeting, meetings_meetingtime")
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
                "end_minute": start + clean.duration,
                "minute_of_day": clean.start_minute,
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
        message=message or report.summary(),
        rejections="\n".join(report.rejections[:MAX_REASONS_STORED]),
    )


def sync_meetings(*, progress: Callable[[str], None] = lambda line: None) -> list[str]:
    """Import every enabled feed; one failing feed keeps its old data and does not stop the rest."""
    lines = []
    for source in FeedSource.objects.filter(enabled=True).exclude(url=""):
        try:
            report = import_meetings(source=source, data=_read_recorded(source), progress=progress)
            lines.append(report.summary())
        except FeedError as error:
            lines.append(f"{source.name}: {error}")
    return lines


def _read_recorded(source: FeedSource) -> bytes:
    """Fetch errors are recorded against the feed too, so the admin shows them."""
    try:
        return read_feed(source.url)
    except FeedError as error:
        _record(
            source, timezone.now(), ImportRun.Status.FAILED, ImportReport(source.name), str(error)
        )
        raise


def report_problem(*, meeting: Meeting, message: str) -> ProblemReport:
    """Queue a visitor's correction for the moderators (no name, e-mail or address is taken)."""
    return ProblemReport.objects.create(meeting=meeting, message=message.strip())
