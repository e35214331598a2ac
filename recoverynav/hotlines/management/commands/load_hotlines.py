from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from recoverynav.hotlines.services import DEFAULT_HOTLINES_FILE, HotlineFileError, load_hotlines


class Command(BaseCommand):
    help = (
        "Load or update hotlines and emergency numbers from a CSV file (default: the bundled "
        "one). Fields edited in the admin since the last load are kept unless --discard-edits."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", type=Path, default=DEFAULT_HOTLINES_FILE)
        parser.add_argument(
            "--discard-edits",
            action="store_true",
            help="Put the file's values back over fields edited in the admin.",
        )

    def handle(self, *args, file: Path, discard_edits: bool, **options) -> None:
        try:
            report = load_hotlines(file, keep_edits=not discard_edits)
        except HotlineFileError as error:
            raise CommandError(f"{error}\nNothing was changed.") from error
        self.stdout.write(
            f"Hotlines: {report.created} created, {report.updated} updated, "
            f"{report.unchanged} unchanged."
        )
        if report.kept_edits:
            self.stdout.write(
                "Kept as edited in the admin (the file says otherwise; use --discard-edits "
                "to take the file's values):"
            )
            for edit in report.kept_edits:
                self.stdout.write(f"  {edit}")
