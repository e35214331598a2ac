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
        parser.add_argument(
            "--set",
            action="append",
            default=[],
            metavar="FIELD=VALUE",
            help="one value of a field for every row, e.g. --set otp=yes "
            "--set medications=methadone; for a list field it adds to what the row and other "
            "sources say",
        )
        parser.add_argument(
            "--set-full",
            action="append",
            default=[],
            metavar="FIELD=VALUE",
            help="like --set, but the value is the field's whole list: what it leaves out is "
            "not offered (e.g. --set-full medications=methadone)",
        )
        parser.add_argument(
            "--id-from",
            action="append",
            default=[],
            metavar="COLUMN",
            help="build each row's id from these columns (repeat) when no one column is unique",
        )
        parser.add_argument(
            "--encoding",
            default="utf-8",
            help="the file's text encoding when it is not UTF-8 (e.g. cp1252, latin-1)",
        )

    def parse(self, path: Path, options: dict) -> Parsed:
        columns = generic_csv.parse_columns(
            options["map"],
            constants=options["set"],
            full_constants=options["set_full"],
            id_from=options["id_from"],
        )
        return generic_csv.parse_generic_csv(
            path,
            columns=columns,
            verified=options["verified"] or timezone.localdate(),
            encoding=options["encoding"],
        )
