"""System checks that stop an unsafe deployment (most run only with `check --deploy`)."""

import os
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from recoverynav.core.ratelimit import Budget

# Settings that RATE_LIMITS replaced: still set, they would silently do nothing.
REPLACED_RATE_SETTINGS = {
    "API_RATE_LIMIT": "RATE_LIMIT_API",
    "API_RATE_LIMIT_WINDOW": "RATE_LIMIT_API",
    "COMMENTS_RATE_LIMIT_IP": "RATE_LIMIT_COMMENT_NETWORK",
    "COMMENTS_RATE_LIMIT_EMAIL": "RATE_LIMIT_COMMENT_EMAIL",
    "COMMENTS_RATE_LIMIT_BACKEND": "RATE_LIMIT_CACHE_URL",
    "DIRECTORY_REPORTS_PER_HOUR": "RATE_LIMIT_PROBLEM_REPORT",
    "ADMIN_LOGIN_MAX_FAILURES": "RATE_LIMIT_ADMIN_LOGIN_USER",
    "ADMIN_LOGIN_LOCK_SECONDS": "RATE_LIMIT_ADMIN_LOGIN_USER",
}


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


@register()
def check_rate_limits(app_configs, **kwargs) -> list[Error | Warning]:
    """A mistyped budget should stop start-up, not fail a visitor's request; a setting from
    before RATE_LIMITS is named with its replacement."""
    problems: list[Error | Warning] = []
    for route, text in settings.RATE_LIMITS.items():
        try:
            Budget.parse(text)
        except ValueError:
            problems.append(
                Error(
                    f"RATE_LIMIT_{route.upper()} must look like 'count/seconds' (for example "
                    f"'5/600') or 'off', not {text!r}.",
                    id="recoverynav.E005",
                )
            )
    for old, new in REPLACED_RATE_SETTINGS.items():
        if os.environ.get(old):
            problems.append(
                Warning(
                    f"{old} is no longer read.",
                    hint=f"Set {new} instead (README, Rate limits).",
                    id="recoverynav.W001",
                )
            )
    return problems
