"""The shape every import command shares: file → parse → one atomic upsert → recorded run."""

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from recoverynav.directory.importers.base import ImportFileError, Parsed
from recoverynav.directory.models import ImportRun
from recoverynav.directory.services import apply_import

SHOWN_ERRORS = 20


class ImportCommand(BaseCommand):
    """Subclasses set `source` (default source name) and implement `parse()`."""

    source = ""

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="the file to import")
        parser.add_argument(
            "--dry-run", action="store_true", help="report what would change, change nothing"
        )
        parser.add_argument(
            "--remove-missing",
            action="store_true",
            help="remove this source's records that the file no longer lists",
        )
        parser.add_argument(
            "--source", default=self.source, help=f"source name (default {self.source!r})"
        )
        parser.add_argument(
            "--verified",
            type=dt.date.fromisoformat,
            help="the date the file's data was checked (YYYY-MM-DD)",
        )

    def parse(self, path: Path, options: dict) -> Parsed:
        raise NotImplementedError

    def handle(self, *args, **options) -> None:
        path = Path(options["path"])
        source = options["source"]
        if not source:
            raise CommandError("Give the data a source name with --source (e.g. county-2026).")
        self.stdout.write(f"Reading {path.name} …")
        try:
            parsed = self.parse(path, options)
        except ImportFileError as error:
            ImportRun.objects.create(
                source=source,
                file_name=path.name,
                dry_run=options["dry_run"],
                finished=timezone.now(),
                errors=[str(error)],
            )
            raise CommandError(f"{error} Nothing was changed.") from error
        self.stdout.write(f"{len(parsed.records):,} records read, {len(parsed.errors):,} rejected.")
        run = apply_import(
            parsed,
            source=source,
            file_name=path.name,
            dry_run=options["dry_run"],
            remove_missing=options["remove_missing"],
            progress=self.stdout.write,
        )
        for error in run.errors[:SHOWN_ERRORS]:
            self.stderr.write(f"  rejected: {error}")
        if len(run.errors) > SHOWN_ERRORS:
            self.stderr.write(f"  … and {len(run.errors) - SHOWN_ERRORS:,} more (see the admin).")
        prefix = "Dry run, nothing saved: would have " if run.dry_run else ""
        self.stdout.write(
            f"{prefix}created {run.created}, merged {run.merged}, updated {run.updated}, "
            f"unchanged {run.unchanged}, removed {run.removed}, rejected {run.rejected}."
        )
