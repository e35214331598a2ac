"""Writes: applying an import, resolving problem reports, marking listings verified."""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.db import transaction
from django.db.models.fields.json import KT
from django.utils import timezone

from recoverynav.directory.importers.base import ImportFileError, Parsed, Record
from recoverynav.directory.importers.keys import normalise
from recoverynav.directory.merging import PlaceIndex, PlaceKeys, merged_values
from recoverynav.directory.models import (
    Facility,
    ImportRun,
    Organization,
    ProblemReport,
    SourceRecord,
)

BATCH = 1000
Progress = Callable[[str], None]
# --remove-missing refuses to take away more than this share of a source's records at once
# unless forced: a half-empty download is far likelier than half the country closing.
MAX_REMOVED_SHARE = 0.5


class ImportRefused(ImportFileError):
    """The import would do more harm than an operator could mean; nothing was changed."""


def _combine_duplicates(records: list[Record]) -> list[Record]:
    """Rows repeating a source id (the MOUD list has one row per medication) become one."""
    by_id: dict[str, Record] = {}
    for record in records:
        if record.source_id in by_id:
            by_id[record.source_id].absorb(record)
        else:
            by_id[record.source_id] = record
    return list(by_id.values())


def apply_import(
    parsed: Parsed,
    *,
    source: str,
    file_name: str,
    dry_run: bool = False,
    remove_missing: bool = False,
    force: bool = False,
    fold_duplicates: bool = True,
    progress: Progress | None = None,
) -> ImportRun:
    """Upsert the parsed records keyed by (source, source id) in one transaction.

    A record describing a known place (see merging.same_place) joins that facility instead
    of creating a duplicate, and places that turn out to be one are merged after. With
    `dry_run` everything is computed and then rolled back; the run itself is always
    recorded. Removing more than half of the source's records raises ImportRefused unless
    `force`. `fold_duplicates=False` leaves the merging of places to the caller (several
    imports in a row fold once, after the last)."""
    say = progress or (lambda message: None)
    run = ImportRun(
        source=source,
        file_name=file_name,
        dry_run=dry_run,
        errors=parsed.errors,
        notes=list(parsed.notes),
    )
    run.rejected = len(parsed.errors)
    records = _combine_duplicates(parsed.records)
    with transaction.atomic():
        upsert = _Upsert(run, source=source, say=say)
        upsert.apply(
            records, remove_missing=remove_missing, keep_ids=parsed.rejected_ids, force=force
        )
        folded = merge_duplicate_places(say=say) if fold_duplicates else 0
        if folded:
            run.notes.append(
                f"{folded:,} duplicate listings were folded into the place they repeat."
            )
        if dry_run:
            transaction.set_rollback(True)
    run.succeeded = True
    run.finished = timezone.now()
    run.save()
    return run


def _known_places() -> list[tuple[int, PlaceKeys]]:
    """(facility id, keys) of every stored source record: each name a place was listed
    under counts when a new listing is matched. KT reads the values as text in the database,
    without decoding every record's JSON."""
    rows = SourceRecord.objects.annotate(
        name=KT("data__name"),
        address=KT("data__address_1"),
        postal=KT("data__postal_code"),
        phone=KT("data__phone"),
    ).values_list("facility_id", "source", "name", "address", "postal", "phone")
    return [
        (
            facility_id,
            PlaceKeys.of(
                name=name or "",
                address=address or "",
                postal_code=postal or "",
                phone=phone or "",
                sources=[source],
            ),
        )
        for facility_id, source, name, address, postal, phone in rows.iterator(chunk_size=5000)
    ]


def _shown_places() -> list[tuple[int, PlaceKeys]]:
    """(facility id, keys) of every facility as it is shown, with the sources listing it."""
    sources: dict[int, set[str]] = defaultdict(set)
    for facility_id, source in SourceRecord.objects.values_list("facility_id", "source"):
        sources[facility_id].add(source)
    return [
        (
            pk,
            PlaceKeys.of(
                name=name, address=address, postal_code=postal, phone=phone, sources=sources[pk]
            ),
        )
        for pk, name, address, postal, phone in Facility.objects.values_list(
            "pk", "name", "address_1", "postal_code", "phone"
        ).iterator(chunk_size=5000)
    ]


def _keys(record: Record, source: str) -> PlaceKeys:
    return PlaceKeys.of(
        name=record.name,
        address=record.address_1,
        postal_code=record.postal_code,
        phone=record.phone,
        sources=[source],
    )


class _Upsert:
    def __init__(self, run: ImportRun, *, source: str, say: Progress) -> None:
        self.run, self.source, self.say = run, source, say
        self.touched: set[int] = set()

    # Long because: one pass over the records sorts each into unchanged, updated, merged or
    # new, with the four bulk writes after it; split, the pass would hand six lists around.
    def apply(
        self, records: list[Record], *, remove_missing: bool, keep_ids: set[str], force: bool
    ) -> None:
        existing = {
            row[0]: row[1:]
            for row in SourceRecord.objects.filter(source=self.source).values_list(
                "source_id", "pk", "facility_id", "fingerprint"
            )
        }
        gone: list[tuple] = []
        if remove_missing:
            seen = {r.source_id for r in records} | keep_ids
            gone = [v for k, v in existing.items() if k not in seen]
            self._guard_removal(len(gone), len(existing), force=force)
        places = PlaceIndex()
        for facility_id, keys in _known_places():
            places.add(keys, facility_id)
        pending = PlaceIndex()
        new_groups: dict[int, list[tuple[dict, str]]] = {}
        attach: list[SourceRecord] = []
        changed: list[SourceRecord] = []
        for count, record in enumerate(records, start=1):
            if count % 5000 == 0:
                self.say(f"  {count:,} of {len(records):,} records read")
            data = {**record.data(), "source": self.source}
            fingerprint = record.fingerprint(data)
            keys = _keys(record, self.source)
            known = existing.get(record.source_id)
            if known:
                pk, facility_id, old = known
                if old == fingerprint:
                    self.run.unchanged += 1
                    continue
                changed.append(
                    SourceRecord(
                        pk=pk,
                        fingerprint=fingerprint,
                        data=data,
                        last_verified=record.last_verified,
                    )
                )
                self.touched.add(facility_id)
                self.run.updated += 1
            elif (facility_id := places.find(keys)) is not None:
                attach.append(self._source_record(facility_id, data, fingerprint))
                self.touched.add(facility_id)
                self.run.merged += 1
            elif (group := pending.find(keys)) is not None:
                new_groups[group].append((data, fingerprint))
                self.run.merged += 1
            else:
                group = len(new_groups)
                new_groups[group] = [(data, fingerprint)]
                pending.add(keys, group)
                self.run.created += 1
        SourceRecord.objects.bulk_update(changed, ["fingerprint", "data", "last_verified"], BATCH)
        SourceRecord.objects.bulk_create(attach, batch_size=BATCH)
        if gone:
            self._remove(gone)
        self._create(new_groups)
        refresh_facilities(self.touched)

    def _guard_removal(self, removing: int, stored: int, *, force: bool) -> None:
        if force or not stored or removing <= stored * MAX_REMOVED_SHARE:
            return
        raise ImportRefused(
            f"This would remove {removing:,} of the {stored:,} records of {self.source!r} "
            f"(more than {MAX_REMOVED_SHARE:.0%}): is the file or download complete? "
            "If it is, run again with --force."
        )

    def _source_record(self, facility_id: int, data: dict, fingerprint: str) -> SourceRecord:
        return SourceRecord(
            facility_id=facility_id,
            source=self.source,
            source_id=data["source_id"],
            fingerprint=fingerprint,
            data=data,
            last_verified=dt.date.fromisoformat(data["last_verified"]),
        )

    def _remove(self, gone: list[tuple]) -> None:
        ids = [pk for pk, _facility, _fp in gone]
        for start in range(0, len(ids), 500):
            SourceRecord.objects.filter(pk__in=ids[start : start + 500]).delete()
        self.touched |= {facility for _pk, facility, _fp in gone}
        self.run.removed = len(ids)

    def _create(self, groups: dict[int, list[tuple[dict, str]]]) -> None:
        if not groups:
            return
        self.say(f"  creating {len(groups):,} facilities")
        organizations = self._organizations(
            group[0][0]["organization"] for group in groups.values()
        )
        facilities = []
        for group in groups.values():
            first = group[0][0]
            values = merged_values([data for data, _fingerprint in group])
            org = organizations[normalise(first["organization"])]
            facilities.append(Facility(organization_id=org, **values))
        Facility.objects.bulk_create(facilities, batch_size=BATCH)
        SourceRecord.objects.bulk_create(
            [
                self._source_record(facility.pk, data, fingerprint)
                for facility, group in zip(facilities, groups.values(), strict=True)
                for data, fingerprint in group
            ],
            batch_size=BATCH,
        )

    def _organizations(self, names: Iterable[str]) -> dict[str, int]:
        wanted = {normalise(name): name for name in names}
        known = dict(Organization.objects.values_list("match_key", "pk"))
        missing = [
            Organization(name=n[:300], match_key=k) for k, n in wanted.items() if k not in known
        ]
        Organization.objects.bulk_create(missing, batch_size=BATCH)
        known.update({org.match_key: org.pk for org in missing})
        return known


def refresh_facilities(facility_ids: Iterable[int]) -> None:
    """Recompute these facilities from their records; drop those with no record left. A
    moderator's later check (a newer date than any record's) is kept."""
    ids = sorted(facility_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        datas: dict[int, list[dict]] = {pk: [] for pk in chunk}
        for facility_id, data in SourceRecord.objects.filter(facility_id__in=chunk).values_list(
            "facility_id", "data"
        ):
            datas[facility_id].append(data)
        empty = [pk for pk, rows in datas.items() if not rows]
        Facility.objects.filter(pk__in=empty).delete()
        for facility in Facility.objects.filter(pk__in=[pk for pk in chunk if datas[pk]]):
            values = merged_values(datas[facility.pk])
            if facility.last_verified > values["last_verified"]:
                values["last_verified"] = facility.last_verified
                values["as_of_year_only"] = facility.as_of_year_only
            # One small UPDATE of the changed columns beats a 30-column CASE bulk update.
            changed = {k: v for k, v in values.items() if getattr(facility, k) != v}
            if changed:
                Facility.objects.filter(pk=facility.pk).update(**changed)


def merge_duplicate_places(*, say: Progress | None = None) -> int:
    """Fold facilities that describe one place (see merging.same_place) into the oldest of
    them: its records, problem reports and moderator's date move over; a listing a moderator
    hid stays hidden. Each facility is compared with the places kept so far, never through a
    third listing (a list without phones naming "Integral Care" must not join the two
    programs that share its building). Returns how many facilities were folded away."""
    kept = PlaceIndex()
    groups: dict[int, list[int]] = {}
    for facility_id, keys in sorted(_shown_places(), key=lambda item: item[0]):
        into = kept.find(keys)
        if into is None:
            kept.add(keys, facility_id)
        else:
            groups.setdefault(into, []).append(facility_id)
    for keep, others in groups.items():
        _fold(keep, others)
    folded = sum(len(others) for others in groups.values())
    if folded and say:
        say(f"  folded {folded:,} duplicate listings into the places they repeat")
    refresh_facilities(groups)
    return folded


def _fold(keep: int, others: list[int]) -> None:
    SourceRecord.objects.filter(facility_id__in=others).update(facility_id=keep)
    ProblemReport.objects.filter(facility_id__in=others).update(facility_id=keep)
    folded = Facility.objects.filter(pk__in=[keep, *others])
    newest_check = max(folded.values_list("last_verified", flat=True))
    all_shown = all(folded.values_list("is_active", flat=True))
    Facility.objects.filter(pk=keep).update(last_verified=newest_check, is_active=all_shown)
    Facility.objects.filter(pk__in=others).delete()


def mark_verified(*, facilities: Iterable[Facility], on: dt.date | None = None) -> int:
    """A moderator checked these listings (e.g. by calling): they are fresh again."""
    ids = [f.pk for f in facilities]
    return Facility.objects.filter(pk__in=ids).update(
        last_verified=on or timezone.localdate(), as_of_year_only=False
    )


def report_problem(*, facility: Facility, kind: str, details: str) -> ProblemReport:
    """Queue a visitor's correction for the moderators (nothing about the visitor is kept)."""
    return ProblemReport.objects.create(facility=facility, kind=kind, details=details.strip())


def hide_facilities(*, facilities: Iterable[Facility]) -> int:
    """A listing confirmed closed leaves the search results (its records stay for the audit)."""
    return Facility.objects.filter(pk__in=[f.pk for f in facilities]).update(is_active=False)
