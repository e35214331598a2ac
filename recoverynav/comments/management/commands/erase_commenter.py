from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email

from recoverynav.comments.services import erase_commenter


class Command(BaseCommand):
    help = "Erase every comment written with EMAIL (a person's request to be forgotten)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")

    def handle(self, *args, email: str, **options) -> None:
        try:
            validate_email(email.strip())
        except ValidationError as error:
            raise CommandError(
                "That is not an email address; give the one the person used."
            ) from error
        erased = erase_commenter(email=email)
        # The address itself is not echoed, so it does not end up in a terminal log.
        self.stdout.write(f"Erased {erased} comment(s) written with that email.")
