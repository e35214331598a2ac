"""Writes: applying an import, resolving problem reports, marking listings verified."""

import datetime as dt
from collections.abc import Callable, Iterable

from django.db import transaction
from django.utils import timezone

from recoverynav.directory import vocabulary
from recoverynav.directory.importers.base import Parsed, Record, normalise
from recoverynav.directory.models import (
    Facility,
    ImportRun,
    Organization,
    ProblemReport,
    SourceRecord,
)

BATCH = 1000
SCALARS = [
    "name",
    "alternate_name",
    "address_1",
    "address_2",
    "city",
    "state",
    "postal_code",
    "county",
    "phone",
    "intake_phone",
    "website",
]
Progress = Callable[[str], None]


def merged_values(datas: list[dict]) -> dict:
    """A facility's fields from its source records (oldest first): first non-empty value wins,
    attributes and extra services are the union, the newest verification date counts."""
    first = datas[0]
    values = {name: next((d[name] for d in datas if d[name]), "") for name in SCALARS}
    values.update(
        latitude=first["latitude"],
        longitude=first["longitude"],
        source=first["source"],
        source_id=first["source_id"],
        match_key=Record(**_record_fields(first)).match_key,
        last_verified=max(dt.date.fromisoformat(d["last_verified"]) for d in datas),
        is_otp=any(vocabulary.OTP in d["attributes"] for d in datas),
        other_services=_union(item for d in datas for item in d["other_services"]),
        other_languages=_union(item for d in datas for item in d["other_languages"]),
    )
    for group in vocabulary.GROUPS.values():
        tokens = {
            a.split(":", 1)[1]
            for d in datas
            for a in d["attributes"]
            if a.startswith(f"{group.name}:")
        }
        values[group.column] = group.mask(tokens)
    return values


def _record_fields(data: dict) -> dict:
    fields = {k: v for k, v in data.items() if k in Record.__dataclass_fields__}
    fields["last_verified"] = dt.date.fromisoformat(fields["last_verified"])
    fields["attributes"] = set(fields["attributes"])
    return fields


def _union(items: Iterable) -> list:
    seen: list = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


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
    progress: Progress | None = None,
) -> ImportRun:
    """Upsert the parsed records keyed by (source, source id) in one transaction.

    A record matching an existing facility's name + address + ZIP is merged into it instead of
    creating a duplicate. With `dry_run` everything is computed and then rolled back; the run
    itself is always recorded."""
    say = progress or (lambda message: None)
    run = ImportRun(source=source, file_name=file_name, dry_run=dry_run, errors=parsed.errors)
    run.rejected = len(parsed.errors)
    records = _combine_duplicates(parsed.records)
    with transaction.atomic():
        _Upsert(run, source=source, say=say).apply(
            records, remove_missing=remove_missing, keep_ids=parsed.rejected_ids
        )
        if dry_run:
            transaction.set_rollback(True)
    run.succeeded = True
    run.finished = timezone.now()
    run.save()
    return run


class PlaceIndex:
    """Finds the place a record describes: the same normalised name + address + ZIP, or the
    same address + ZIP where one name extends the other ("Addiction Recovery Systems LLC" and
    "Addiction Recovery Systems LLC (ARS)/Pantops Clinic")."""

    def __init__(self) -> None:
        self.exact: dict[str, object] = {}
        self.by_address: dict[str, list[tuple[str, object]]] = {}

    def add(self, key: str, value: object) -> None:
        self.exact[key] = value
        name, _sep, address = key.partition("|")
        if address.split("|")[0]:
            self.by_address.setdefault(address, []).append((name, value))

    def find(self, key: str) -> object | None:
        if key in self.exact:
            return self.exact[key]
        name, _sep, address = key.partition("|")
        for known, value in self.by_address.get(address, []) if address.split("|")[0] else []:
            if known.startswith(name + " ") or name.startswith(known + " "):
                return value
        return None


class _Upsert:
    def __init__(self, run: ImportRun, *, source: str, say: Progress) -> None:
        self.run, self.source, self.say = run, source, say
        self.touched: set[int] = set()

    def apply(self, records: list[Record], *, remove_missing: bool, keep_ids: set[str]) -> None:
        existing = {
            row[0]: row[1:]
            for row in SourceRecord.objects.filter(source=self.source).values_list(
                "source_id", "pk", "facility_id", "fingerprint"
            )
        }
        places = PlaceIndex()
        for key, pk in Facility.objects.values_list("match_key", "pk"):
            places.add(key, pk)
        pending = PlaceIndex()
        new_groups: dict[str, list[tuple[dict, str]]] = {}
        attach: list[SourceRecord] = []
        changed: list[SourceRecord] = []
        for count, record in enumerate(records, start=1):
            if count % 5000 == 0:
                self.say(f"  {count:,} of {len(records):,} records read")
            data = {**record.data(), "source": self.source}
            fingerprint = record.fingerprint()
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
            elif (facility_id := places.find(record.match_key)) is not None:
                attach.append(self._source_record(facility_id, data, fingerprint))
                self.touched.add(facility_id)
                self.run.merged += 1
            elif (group := pending.find(record.match_key)) is not None:
                new_groups[group].append((data, fingerprint))
                self.run.merged += 1
            else:
                new_groups[record.match_key] = [(data, fingerprint)]
                pending.add(record.match_key, record.match_key)
                self.run.created += 1
        SourceRecord.objects.bulk_update(changed, ["fingerprint", "data", "last_verified"], BATCH)
        SourceRecord.objects.bulk_create(attach, batch_size=BATCH)
        if remove_missing:
            seen = {r.source_id for r in records} | keep_ids
            self._remove([v for k, v in existing.items() if k not in seen])
        self._create(new_groups)
        self._refresh()

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

    def _create(self, groups: dict[str, list[tuple[dict, str]]]) -> None:
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

    def _refresh(self) -> None:
        """Recompute the facilities whose records changed; drop those with no record left."""
        ids = sorted(self.touched)
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
                values["last_verified"] = max(values["last_verified"], facility.last_verified)
                # One small UPDATE of the changed columns beats a 30-column CASE bulk update.
                changed = {k: v for k, v in values.items() if getattr(facility, k) != v}
                if changed:
                    Facility.objects.filter(pk=facility.pk).update(**changed)


def mark_verified(*, facilities: Iterable[Facility], on: dt.date | None = None) -> int:
    """A moderator checked these listings (e.g. by calling): they are fresh again."""
    ids = [f.pk for f in facilities]
    return Facility.objects.filter(pk__in=ids).update(last_verified=on or timezone.localdate())


def report_problem(*, facility: Facility, kind: str, details: str) -> ProblemReport:
    return ProblemReport.objects.create(facility=facility, kind=kind, details=details.strip())


def resolve_reports(*, reports: Iterable[ProblemReport], user, status: str, verify: bool) -> int:
    """Close reports; with `verify`, the listings they point at count as checked today."""
    reports = list(reports)
    if verify:
        mark_verified(facilities=[r.facility for r in reports])
    return ProblemReport.objects.filter(pk__in=[r.pk for r in reports]).update(
        status=status, resolved=timezone.now(), resolved_by=user
    )


def hide_facilities(*, facilities: Iterable[Facility]) -> int:
    """A listing confirmed closed leaves the search results (its records stay for the audit)."""
    return Facility.objects.filter(pk__in=[f.pk for f in facilities]).update(is_active=False)
