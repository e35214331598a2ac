from django.core.management.base import BaseCommand, CommandError

from recoverynav.core.export_files import rebuild_exports
from recoverynav.meetings.services import sync_meetings


class Command(BaseCommand):
    help = (
        "Import every enabled meeting source (see Meeting sources in the admin). Exits with "
        "status 1 when any source failed (its old meetings are kept), so cron reports it."
    )

    def handle(self, *args, **options) -> None:
        result = sync_meetings(progress=lambda line: self.stdout.write(line))
        for line in result.lines:
            self.stdout.write(line)
        rebuild_exports(self.stdout.write)
        if result.failed:
            raise CommandError(
                f"{len(result.failed)} of {len(result.lines)} meeting sources failed "
                f"({', '.join(result.failed)}); their old meetings were kept."
            )
