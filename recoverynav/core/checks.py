"""System checks that stop an unsafe deployment (most run only with `check --deploy`)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def check_production_settings(app_configs, **kwargs) -> list[Error]:
    errors = []
    if settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY or len(settings.SECRET_KEY) < 50:
        errors.append(
            Error(
                "SECRET_KEY is unset, the development key, or too short.",
                hint="Set SECRET_KEY to a random string of 50+ characters.",
                id="recoverynav.E001",
            )
        )
    if not settings.ALLOWED_HOSTS:
        errors.append(
            Error(
                "ALLOWED_HOSTS is empty.",
                hint="Set ALLOWED_HOSTS to the host names the site is served on.",
                id="recoverynav.E002",
            )
        )
    if settings.DEBUG:
        errors.append(
            Error(
                "DEBUG is on in a deployment.",
                hint="Unset DEBUG; it shows internals to anyone who triggers an error.",
                id="recoverynav.E003",
            )
        )
    return errors


@register(Tags.security)
def check_quick_exit_url(app_configs, **kwargs) -> list[Error]:
    """ "Exit this page" must lead somewhere else at once: a full http(s) address."""
    url = urlsplit(settings.QUICK_EXIT_URL)
    if url.scheme in {"http", "https"} and url.netloc:
        return []
    return [
        Error(
            f"RECOVERYNAV_QUICK_EXIT_URL is not a full web address: {settings.QUICK_EXIT_URL!r}.",
            hint="Set it to an everyday site, such as https://www.google.com/ "
            "(the default) or a weather page.",
            id="recoverynav.E004",
        )
    ]
