from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from recoverynav.directory import locator_sync
from recoverynav.directory.importers.command import add_import_options, import_parsed
from recoverynav.directory.importers.samhsa import parse_locator_rows


class Command(BaseCommand):
    help = (
        "Download SAMHSA's treatment locator (FindTreatment.gov) for the whole country, page "
        "by page, and import it as one source: facilities it no longer lists are removed "
        "(refused when that is more than half of them, unless --force). Nothing changes when "
        "any page fails. The listings' date is the day of the download."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_import_options(parser, source="samhsa-locator-live")
        parser.set_defaults(remove_missing=True)
        parser.add_argument(
            "--keep-missing",
            dest="remove_missing",
            action="store_false",
            help="keep this source's facilities that the download no longer lists",
        )
        parser.add_argument(
            "--url",
            default=settings.DIRECTORY_LOCATOR_API_URL,
            help="the locator's JSON export (default DIRECTORY_LOCATOR_API_URL)",
        )
        parser.add_argument("--page-size", type=int, default=500, help="facilities per page")
        parser.add_argument(
            "--timeout",
            type=float,
            default=settings.DIRECTORY_LOCATOR_TIMEOUT,
            help="seconds to wait for data (default DIRECTORY_LOCATOR_TIMEOUT)",
        )
        parser.add_argument("--retries", type=int, default=3, help="tries again per page")
        parser.add_argument(
            "--retry-wait", type=float, default=2.0, help="seconds before the first retry"
        )
        parser.add_argument(
            "--max-bytes",
            type=int,
            default=settings.DIRECTORY_LOCATOR_MAX_BYTES,
            help="largest page accepted (default DIRECTORY_LOCATOR_MAX_BYTES)",
        )
        parser.add_argument("--max-pages", type=int, default=2000, help="most pages read")

    def handle(self, *args, **options) -> None:
        query = locator_sync.LocatorQuery(
            base_url=options["url"], page_size=max(1, options["page_size"])
        )
        limits = locator_sync.Limits(
            timeout=options["timeout"],
            max_bytes=options["max_bytes"],
            retries=max(0, options["retries"]),
            retry_wait=options["retry_wait"],
            max_pages=options["max_pages"],
        )
        self.stdout.write(f"Downloading {query.page_url(1)} …")

        def parse():
            rows = locator_sync.download(query, limits, say=self.stdout.write)
            return parse_locator_rows(rows, verified=timezone.localdate())

        import_parsed(self, parse, options=options, file_name=query.base_url)
