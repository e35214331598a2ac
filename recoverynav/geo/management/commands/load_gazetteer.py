from django.core.management.base import BaseCommand, CommandError

from recoverynav.geo.services import GazetteerFileError, load_gazetteer


class Command(BaseCommand):
    help = "Load the bundled US ZIP codes, places and counties used for offline place lookup."

    def handle(self, *args, **options) -> None:
        try:
            report = load_gazetteer()
        except GazetteerFileError as error:
            raise CommandError(f"{error}\nNothing was changed.") from error
        self.stdout.write(
            f"Loaded {report.postal_codes} ZIP codes, {report.places} places and "
            f"{report.counties} counties."
        )
