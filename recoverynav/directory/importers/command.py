"""The shape every import command shares: file → parse → one atomic upsert → recorded run."""

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from recoverynav.core.export_files import rebuild_exports
from recoverynav.directory.importers.base import ImportFileError, Parsed
from recoverynav.directory.models import ImportRun
from recoverynav.directory.services import apply_import

SHOWN_ERRORS = 20


def record_failure(*, source: str, file_name: str, dry_run: bool, error: Exception) -> None:
    """A run that changed nothing is recorded too, so the admin shows the failed attempt."""
    ImportRun.objects.create(
        source=source,
        file_name=file_name,
        dry_run=dry_run,
        finished=timezone.now(),
        errors=[str(error)],
    )


def report_run(command: BaseCommand, run: ImportRun) -> None:
    """Print a run's notes, its first rejected rows and its counts."""
    for note in run.notes[:SHOWN_ERRORS]:
        command.stdout.write(f"  note: {note}")
    if len(run.notes) > SHOWN_ERRORS:
        command.stdout.write(
            f"  … and {len(run.notes) - SHOWN_ERRORS:,} more notes (see the admin)."
        )
    for error in run.errors[:SHOWN_ERRORS]:
        command.stderr.write(f"  rejected: {error}")
    if len(run.errors) > SHOWN_ERRORS:
        command.stderr.write(f"  … and {len(run.errors) - SHOWN_ERRORS:,} more (see the admin).")
    prefix = "Dry run, nothing saved: would have " if run.dry_run else ""
    command.stdout.write(
        f"{prefix}created {run.created}, merged {run.merged}, updated {run.updated}, "
        f"unchanged {run.unchanged}, removed {run.removed}, rejected {run.rejected}."
    )


def add_import_options(parser: CommandParser, *, source: str) -> None:
    parser.add_argument(
        "--dry-run", action="store_true", help="report what would change, change nothing"
    )
    parser.add_argument(
        "--remove-missing",
        action="store_true",
        help="remove this source's records that the data no longer lists",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="with --remove-missing: allow removing more than half of the source's records",
    )
    parser.add_argument("--source", default=source, help=f"source name (default {source!r})")


def import_parsed(
    command: BaseCommand, parse: Callable[[], Parsed], *, options: dict, file_name: str
) -> ImportRun:
    """Parse, apply in one transaction and report; a failure changes nothing and is recorded."""
    source = options["source"]
    if not source:
        raise CommandError("Give the data a source name with --source (e.g. county-2026).")
    try:
        parsed = parse()
        command.stdout.write(
            f"{len(parsed.records):,} records read, {len(parsed.errors):,} rejected."
        )
        run = apply_import(
            parsed,
            source=source,
            file_name=file_name,
            dry_run=options["dry_run"],
            remove_missing=options["remove_missing"],
            force=options["force"],
            progress=command.stdout.write,
        )
    except ImportFileError as error:
        record_failure(source=source, file_name=file_name, dry_run=options["dry_run"], error=error)
        raise CommandError(f"{error} Nothing was changed.") from error
    report_run(command, run)
    rebuild_exports(command.stdout.write)
    return run


class ImportCommand(BaseCommand):
    """Subclasses set `source` (default source name) and implement `parse()`; those whose
    data has a date without `--verified` say which in `stamped_date()`."""

    source = ""

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="the file to import")
        add_import_options(parser, source=self.source)
        parser.add_argument(
            "--verified",
            type=dt.date.fromisoformat,
            help="the date the file's data describes, its 'information as of' (YYYY-MM-DD)",
        )

    def stamped_date(self) -> tuple[dt.date, str] | None:
        """The date the data is "as of" when --verified is not given, and what that date is
        ("the bundled OTP export's date"); the run then says which date it stamped. None:
        the command says so itself (a spreadsheet's rows without a date)."""
        return None

    def parse(self, path: Path, options: dict) -> Parsed:
        raise NotImplementedError

    def handle(self, *args, **options) -> None:
        path = Path(options["path"])
        stamped = None if options["verified"] else self.stamped_date()
        if stamped:
            options["verified"] = stamped[0]
        self.stdout.write(f"Reading {path.name} …")

        def parse() -> Parsed:
            parsed = self.parse(path, options)
            if stamped:
                parsed.notes.insert(
                    0,
                    f"No --verified date given: the listings are dated {stamped[0].isoformat()}, "
                    f"{stamped[1]}. Give --verified YYYY-MM-DD with the date of your file.",
                )
            return parsed

        import_parsed(self, parse, options=options, file_name=path.name)
