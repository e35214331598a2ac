from pathlib import Path

from django.core.management.base import CommandParser
from django.utils import timezone

from recoverynav.directory.importers import generic_csv
from recoverynav.directory.importers.base import Parsed
from recoverynav.directory.importers.command import ImportCommand


class Command(ImportCommand):
    help = (
        "Import any facility spreadsheet saved as CSV. Map our fields to its columns with "
        "--map field=Column (repeat it); see docs/directory.md for the fields."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="FIELD=COLUMN",
            help=f"our field = their column header. Fields: {', '.join(generic_csv.FIELDS)}",
        )

    def parse(self, path: Path, options: dict) -> Parsed:
        mapping = generic_csv.parse_mapping(options["map"])
        return generic_csv.parse_generic_csv(
            path, mapping=mapping, verified=options["verified"] or timezone.localdate()
        )
