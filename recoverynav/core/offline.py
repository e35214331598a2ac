"""The service worker that keeps a few pages on the phone for offline use: the home page,
"Get help now", and whatever pages installed apps name (the plan and the tracker).

Apps take part through two attributes on their AppConfig: `offline_pages` (URL names) and
`offline_static` (static file names those pages load). The rule for phone numbers, which a
stale copy could get wrong, is in docs/plan.md ("Offline"): pages come from the network
whenever there is one, saved copies are refreshed at least daily while the site is used
online, every copy shown offline says when it was saved, and a saved "Get help now" older
than OFFLINE_MAX_AGE_DAYS is replaced by the emergency numbers alone."""

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language, gettext

from recoverynav.core.fragments import code_fingerprint
from recoverynav.core.offline_help import offline_countries

SERVICE_WORKER_SOURCE = Path(__file__).resolve().parent / "serviceworker.js"
# Pages that exist to show phone numbers: offline, a saved copy older than this is not shown.
NUMBER_PAGES = ["hotlines:help_now"]
OFFLINE_MAX_AGE_DAYS = 14
# While the site is used online, saved copies older than this are fetched again.
REFRESH_AFTER_HOURS = 24
DAY_MS = 24 * 60 * 60 * 1000


def offline_page_names() -> list[str]:
    """Every installed app's `offline_pages`, in app order."""
    return [
        name for config in apps.get_app_configs() for name in getattr(config, "offline_pages", ())
    ]


def offline_static_files() -> list[str]:
    return [
        name for config in apps.get_app_configs() for name in getattr(config, "offline_static", ())
    ]


def _urls(names: list[str]) -> list[str]:
    urls = []
    for name in names:
        try:
            urls.append(reverse(name))
        except NoReverseMatch:  # an app that is not installed on this site
            continue
    return urls


def service_worker_script() -> str:
    """The worker in the active language: its CONFIG, then the fixed code. Its cache name
    changes whenever a saved static file, a template, a translation or the worker changes,
    so phones pick up new code and save fresh copies."""
    language = get_language() or settings.LANGUAGE_CODE
    static_names = offline_static_files()
    static_urls = [static(name) for name in static_names]
    emergency = [
        {"name": country.name, "number": country.emergency_number}
        for country in offline_countries()
    ]
    digest = hashlib.sha256()
    for name, url in zip(static_names, static_urls, strict=True):
        digest.update(url.encode())
        found = finders.find(name)
        if found:
            digest.update(Path(found).read_bytes())
    digest.update(SERVICE_WORKER_SOURCE.read_bytes())
    digest.update(code_fingerprint().encode())
    digest.update(json.dumps(emergency).encode())
    config = {
        "cache": f"rn-{language}-{digest.hexdigest()[:16]}",
        "prefixes": [f"rn-{language}-", f"rn-plan-{language}-"],
        "lang": language,
        "pages": _urls(offline_page_names()),
        "numberPages": _urls(NUMBER_PAGES),
        "static": static_urls,
        "stylesheet": static("core/site.css"),
        "maxAge": OFFLINE_MAX_AGE_DAYS * DAY_MS,
        "refreshAfter": REFRESH_AFTER_HOURS * 60 * 60 * 1000,
        "exitUrl": settings.QUICK_EXIT_URL,
        "emergency": emergency,
        "words": {
            "saved": gettext("You are offline. This page was saved on this device on {date}."),
            "title": gettext("You are offline"),
            "tooOld": gettext(
                "The hotlines saved on this device are more than %(days)s days old, so they "
                "are not shown: their numbers may have changed. Connect to the internet to "
                "see them again."
            )
            % {"days": OFFLINE_MAX_AGE_DAYS},
            "emergencyHeading": gettext("In an emergency, call"),
            "call": gettext("Call {number}"),
            "exit": gettext("Exit this page"),
        },
    }
    return f"const CONFIG = {json.dumps(config)};\n" + SERVICE_WORKER_SOURCE.read_text()


@lru_cache(maxsize=16)
def cached_service_worker(
    language: str, urlconf: str, script_prefix: str, exit_url: str
) -> tuple[str, str]:
    """The script and its ETag, built once per language: phones ask for it on every visit."""
    script = service_worker_script()
    return script, '"' + hashlib.blake2b(script.encode(), digest_size=12).hexdigest() + '"'


def current_service_worker() -> tuple[str, str]:
    return cached_service_worker(
        get_language() or "",
        str(get_urlconf() or settings.ROOT_URLCONF),
        get_script_prefix(),
        settings.QUICK_EXIT_URL,
    )
