"""System checks: a mistyped comments setting should stop start-up, not fail a writer's post."""

from django.conf import settings
from django.core.checks import Error, register

from recoverynav.comments.ratelimit import parse_rate


@register()
def check_comment_settings(app_configs, **kwargs) -> list[Error]:
    errors = []
    for name in ("COMMENTS_RATE_LIMIT_IP", "COMMENTS_RATE_LIMIT_EMAIL"):
        try:
            count, seconds = parse_rate(getattr(settings, name))
            valid = count > 0 and seconds > 0
        except ValueError:
            valid = False
        if not valid:
            errors.append(
                Error(
                    f"{name} must look like 'count/seconds', for example '5/600'.",
                    id="comments.E001",
                )
            )
    if settings.COMMENTS_RATE_LIMIT_BACKEND not in {"database", "cache"}:
        errors.append(
            Error("COMMENTS_RATE_LIMIT_BACKEND must be 'database' or 'cache'.", id="comments.E002")
        )
    if settings.COMMENTS_MIN_SECONDS >= settings.COMMENTS_TOKEN_MAX_AGE:
        errors.append(
            Error(
                "COMMENTS_MIN_SECONDS must be shorter than COMMENTS_TOKEN_MAX_AGE, "
                "or no form could ever be sent.",
                id="comments.E003",
            )
        )
    return errors
