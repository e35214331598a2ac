from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from recoverynav.comments.services import purge_comments


class Command(BaseCommand):
    help = (
        "Delete spam and rejected comments older than COMMENTS_RETENTION_DAYS "
        "(or --days), and spent form tokens. Run it daily."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=settings.COMMENTS_RETENTION_DAYS)

    def handle(self, *args, days: int, **options) -> None:
        purged = purge_comments(now=timezone.now(), days=max(days, 0))
        self.stdout.write(f"Purged {purged} spam or rejected comment(s) older than {days} days.")
