from django.core.management.base import BaseCommand

from recoverynav.meetings.services import sync_meetings


class Command(BaseCommand):
    help = "Import every enabled meeting feed (see Meeting feeds in the admin)."

    def handle(self, *args, **options) -> None:
        for line in sync_meetings(progress=lambda line: self.stdout.write(line)):
            self.stdout.write(line)
