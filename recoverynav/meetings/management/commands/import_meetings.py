import re

from django.core.management.base import BaseCommand, CommandError

from recoverynav.meetings.importers import FeedError
from recoverynav.meetings.importers.meeting_guide.times import is_timezone
from recoverynav.meetings.models import FeedSource, Fellowship
from recoverynav.meetings.services import sync_source

SHOWN_REJECTIONS = 50


class Command(BaseCommand):
    help = (
        "Import a Meeting Guide JSON feed or a BMLT root server / aggregator (file or URL) as "
        "the meetings of one source of the registry: valid meetings replace the source's "
        "meetings in one transaction; invalid ones are reported with the reason."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "location",
            help="A file path or an http(s) URL: the feed, or the BMLT server's address "
            "(https://…/main_server/) or a saved NAME-GetSearchResults.json.",
        )
        parser.add_argument(
            "--kind",
            choices=FeedSource.Kind.values,
            default="",
            help="meeting_guide (the default for a new source) or bmlt.",
        )
        parser.add_argument(
            "--filters",
            default="",
            help="BMLT: GetSearchResults parameters, e.g. 'services[]=1005&recursive=1'.",
        )
        parser.add_argument("--source", required=True, help="Short name of the feed, e.g. sepia.")
        parser.add_argument("--timezone", default="", help="Default zone, e.g. America/Denver.")
        parser.add_argument(
            "--fellowship", default="", help=f"One of {', '.join(Fellowship.values)}."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report; save nothing."
        )
        parser.add_argument(
            "--force", action="store_true", help="Allow removing more than half of the meetings."
        )

    def handle(self, *args, **options) -> None:
        source = self._source(options)
        try:
            report = sync_source(
                source,
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
        for note in report.notes[:SHOWN_REJECTIONS]:
            self.stdout.write(f"Note {note}")
        if len(report.notes) > SHOWN_REJECTIONS:
            self.stdout.write(f"… and {len(report.notes) - SHOWN_REJECTIONS} more notes.")
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
        wanted = {
            "url": options["location"],
            "kind": options["kind"],
            "filters": options["filters"],
            "fellowship": fellowship,
            "default_timezone": zone,
        }
        changed = [key for key, value in wanted.items() if value and getattr(source, key) != value]
        for key in changed:
            setattr(source, key, wanted[key])
        if changed and source.pk and not options["dry_run"]:
            source.save(update_fields=changed)
        return source
