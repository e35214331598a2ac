"""System checks: a mistyped comments setting should stop start-up, not fail a writer's post."""

from django.conf import settings
from django.core.checks import Error, register


@register()
def check_comment_settings(app_configs, **kwargs) -> list[Error]:
    errors = []
    if settings.COMMENTS_MIN_SECONDS >= settings.COMMENTS_TOKEN_MAX_AGE:
        errors.append(
            Error(
                "COMMENTS_MIN_SECONDS must be shorter than COMMENTS_TOKEN_MAX_AGE, "
                "or no form could ever be sent.",
                id="comments.E003",
            )
        )
    return errors
