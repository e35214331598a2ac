"""What every piece of markup kept in the cache depends on besides its own inputs: the code
(templates and translations), the URLconf, the language and the settings every page shows.

Used by the three caching layers a template author meets: `{% cache %}` fragments
(`fragment(...)` gives their lifetime and key), whole shared pages (`core.page_cache`) and
the frames of pages with slots (`core.frames`).
"""

import hashlib
from functools import cache
from pathlib import Path

from django.conf import settings
from django.urls import get_urlconf
from django.utils.translation import get_language

PACKAGE_DIR = Path(__file__).resolve().parent.parent
# Rendered pages expire even when nothing changed, so the cache never grows without end.
PAGE_CACHE_SECONDS = 600


@cache
def code_fingerprint() -> str:
    """Changes when a template or translation of this installation changes, so a cache
    shared by servers (Redis) never hands out a page rendered by older code. Computed once
    per process (about 2 ms); under `make run` the reloader's `file_changed` signal makes it
    start again (`forget_code_fingerprint`)."""
    digest = hashlib.blake2b(digest_size=8)
    for pattern in ("*/templates/**/*.html", "*/locale/*/LC_MESSAGES/*.mo"):
        for path in sorted(PACKAGE_DIR.glob(pattern)):
            stat = path.stat()
            digest.update(
                f"{path.relative_to(PACKAGE_DIR)}:{stat.st_mtime_ns}:{stat.st_size}".encode()
            )
    return digest.hexdigest()


def forget_code_fingerprint(sender: object = None, *, file_path: Path, **kwargs: object) -> None:
    """Runserver's reloader saw a file change: a template or translation edit must show on
    the next request, not after the cached pages expire (runserver reloads templates
    without restarting the process). Returns None, so the reloader decides on a restart."""
    if file_path.suffix in (".html", ".mo"):
        code_fingerprint.cache_clear()


def fragment_seconds() -> int:
    """How long a `{% cache %}` fragment lives: 0 (not kept) when PAGE_CACHE is off."""
    return PAGE_CACHE_SECONDS if settings.PAGE_CACHE_ENABLED else 0


def fragment_version() -> str:
    """What every cached piece of markup depends on besides its own inputs (the settings
    every page shows included, so a cache shared by servers follows a changed setting)."""
    return "\x1f".join(
        [
            code_fingerprint(),
            str(get_urlconf() or settings.ROOT_URLCONF),
            get_language() or "",
            settings.SITE_NAME,
            settings.QUICK_EXIT_URL,
        ]
    )


def fragment(*parts: object) -> dict:
    """Template context for `{% cache f.seconds "name" f.key %}` around markup that depends
    only on `parts`, the language and the code."""
    return {"seconds": fragment_seconds(), "key": "|".join([fragment_version(), *map(str, parts)])}


def site_constants() -> dict:
    """What every page of a language shares (cached frames are rendered with only this)."""
    return {
        "site_name": settings.SITE_NAME,
        "quick_exit_url": settings.QUICK_EXIT_URL,
        # The help bar and footer are the same on every page of a language: rendered once.
        "layout": fragment("layout"),
    }
