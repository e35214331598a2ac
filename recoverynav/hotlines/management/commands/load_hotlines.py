from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from recoverynav.hotlines.services import DEFAULT_HOTLINES_FILE, HotlineFileError, load_hotlines


class Command(BaseCommand):
    help = (
        "Load or update hotlines and emergency numbers from a CSV file (default: the bundled one)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", type=Path, default=DEFAULT_HOTLINES_FILE)

    def handle(self, *args, file: Path, **options) -> None:
        try:
            report = load_hotlines(file)
        except HotlineFileError as error:
            raise CommandError(f"{error}\nNothing was changed.") from error
        self.stdout.write(
            f"Hotlines: {report.created} created, {report.updated} updated, "
            f"{report.unchanged} unchanged."
        )
