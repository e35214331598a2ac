import re

from django.core.management.base import BaseCommand, CommandError

from recoverynav.meetings.importers.meeting_guide import is_timezone
from recoverynav.meetings.models import FeedSource, Fellowship
from recoverynav.meetings.services import FeedError, import_meetings, read_feed

SHOWN_REJECTIONS = 50


class Command(BaseCommand):
    help = (
        "Import a Meeting Guide JSON feed (file or URL) as the meetings of one source: valid "
        "meetings replace the source's meetings in one transaction; invalid ones are reported."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("location", help="A file path or an http(s) URL of the feed.")
        parser.add_argument("--source", required=True, help="Short name of the feed, e.g. sepia.")
        parser.add_argument("--timezone", default="", help="Default zone, e.g. America/Denver.")
        parser.add_argument("--fellowship", default="", help="aa, na, al-anon, smart or other.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report; save nothing."
        )
        parser.add_argument(
            "--force", action="store_true", help="Allow removing more than half of the meetings."
        )

    def handle(self, *args, **options) -> None:
        source = self._source(options)
        try:
            data = read_feed(options["location"])
            report = import_meetings(
                source=source,
                data=data,
                dry_run=options["dry_run"],
                force=options["force"],
                progress=lambda line: self.stdout.write(line),
            )
        except FeedError as error:
            raise CommandError(str(error)) from error
        for reason in report.rejections[:SHOWN_REJECTIONS]:
            self.stdout.write(f"Rejected {reason}")
        if report.rejected > SHOWN_REJECTIONS:
            self.stdout.write(f"… and {report.rejected - SHOWN_REJECTIONS} more rejected.")
        self.stdout.write(self.style.SUCCESS(report.summary()))

    def _source(self, options: dict) -> FeedSource:
        """The named feed; options given here update it (not saved on a dry run)."""
        name = options["source"]
        if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,49}", name):
            raise CommandError("--source must be a short name of lower-case letters, digits and -.")
        fellowship = options["fellowship"].lower()
        zone = options["timezone"]
        if fellowship and fellowship not in Fellowship.values:
            raise CommandError(
                f"Unknown fellowship {fellowship!r}; use one of {Fellowship.values}."
            )
        if zone and not is_timezone(zone):
            raise CommandError(f"Unknown time zone {zone!r}; use a name like America/Chicago.")
        source = FeedSource.objects.filter(name=name).first() or FeedSource(name=name)
        changed = False
        if fellowship and source.fellowship != fellowship:
            source.fellowship, changed = fellowship, True
        if zone and source.default_timezone != zone:
            source.default_timezone, changed = zone, True
        if changed and source.pk and not options["dry_run"]:
            source.save(update_fields=["fellowship", "default_timezone"])
        return source
