"""Downloading SAMHSA's treatment locator (FindTreatment.gov) for the whole country.

The locator's JSON export, `GET {DIRECTORY_LOCATOR_API_URL}?sType=sa&sAddr=<lat,lon>&
limitType=2&limitValue=<meters>&pageSize=<n>&page=<n>&sort=0`, answers one page of
facilities nearest a point: `{"page", "totalPages", "recordCount", "rows": [...]}`, each
row as `importers.samhsa` reads it. A radius of 20,000 km around the middle of the
country covers every state and territory.

Every page is fetched before anything is written: a page that fails after its retries, an
answer that is cut short or too large, or a download that adds up to fewer facilities than
the locator announced stops the sync and the stored listings stay as they were.
"""

import http.client
import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from recoverynav.directory.importers.base import ImportFileError

# The geographic middle of the contiguous United States and a radius past Guam.
COUNTRY_CENTRE = "39.8283,-98.5795"
COUNTRY_RADIUS_METRES = 20_000_000
CHUNK = 64 * 1024
USER_AGENT = "RecoveryNavigator/1 (treatment directory sync)"
# Answers worth another try: the server or the network, not our request.
RETRY_STATUSES = {429, 500, 502, 503, 504}


class LocatorError(ImportFileError):
    """The download cannot be used; nothing was changed."""


class _TryAgain(Exception):
    """A failure another attempt may not have."""


@dataclass(frozen=True)
class LocatorQuery:
    base_url: str
    page_size: int = 500
    service_type: str = "sa"
    centre: str = COUNTRY_CENTRE
    radius_metres: int = COUNTRY_RADIUS_METRES

    def page_url(self, page: int) -> str:
        return (
            self.base_url
            + ("&" if "?" in self.base_url else "?")
            + urlencode(
                {
                    "sType": self.service_type,
                    "sAddr": self.centre,
                    "limitType": 2,
                    "limitValue": self.radius_metres,
                    "pageSize": self.page_size,
                    "page": page,
                    "sort": 0,
                }
            )
        )


@dataclass(frozen=True)
class Limits:
    timeout: float  # each wait for data, in seconds
    max_bytes: int  # per page
    retries: int = 3
    retry_wait: float = 2.0  # seconds before the first retry, doubled each time
    max_pages: int = 2000


def download(
    query: LocatorQuery,
    limits: Limits,
    *,
    say: Callable[[str], None],
    sleep: Callable[[float], None] = time.sleep,
) -> list[tuple[str, dict]]:
    """(where, row) for every facility of every page, or LocatorError."""
    rows: list[tuple[str, dict]] = []
    first = fetch_page(query.page_url(1), limits, sleep=sleep)
    total_pages, announced = _totals(first, limits)
    pages = [first]
    say(f"  page 1 of {total_pages}: {len(first['rows']):,} facilities")
    for number in range(2, total_pages + 1):
        page = fetch_page(query.page_url(number), limits, sleep=sleep)
        pages.append(page)
        received = sum(len(p["rows"]) for p in pages)
        say(f"  page {number} of {total_pages}: {received:,} facilities so far")
    for number, page in enumerate(pages, start=1):
        rows += [(f"page {number} row {i}", row) for i, row in enumerate(page["rows"], start=1)]
    if announced is not None and len(rows) != announced:
        raise LocatorError(
            f"The locator announced {announced:,} facilities but its {total_pages} pages held "
            f"{len(rows):,}: the download is incomplete."
        )
    if not rows:
        raise LocatorError("The locator sent no facilities.")
    return rows


def _totals(first: dict, limits: Limits) -> tuple[int, int | None]:
    try:
        total_pages = int(first.get("totalPages", 1))
        announced = int(first["recordCount"]) if "recordCount" in first else None
    except (TypeError, ValueError) as error:
        raise LocatorError(f"The locator's page counts are not numbers: {error}") from error
    if not 1 <= total_pages <= limits.max_pages:
        raise LocatorError(
            f"The locator says it has {total_pages} pages; this sync reads 1 to "
            f"{limits.max_pages} (--max-pages, or a larger --page-size)."
        )
    return total_pages, announced


def fetch_page(url: str, limits: Limits, *, sleep: Callable[[float], None]) -> dict:
    """One page, tried again after a network failure or a server error."""
    wait = limits.retry_wait
    for attempt in range(limits.retries + 1):
        try:
            return _page(_read(url, limits), url)
        except _TryAgain as error:
            if attempt == limits.retries:
                raise LocatorError(
                    f"Could not fetch {url} after {limits.retries + 1} tries: {error}"
                ) from error
            sleep(wait)
            wait *= 2
    raise AssertionError("unreachable")  # pragma: no cover


def _read(url: str, limits: Limits) -> bytes:
    """The answer's body, at most `max_bytes`, read within five waits' time overall (a
    server trickling a byte at a time would otherwise hold the sync for days)."""
    if not url.startswith(("http://", "https://")):
        raise LocatorError(f"{url} is not an http(s) address (DIRECTORY_LOCATOR_API_URL).")
    request = urllib.request.Request(  # noqa: S310 (the scheme is checked above)
        url, headers={"User-Agent": USER_AGENT, "Accept": "application/json"}
    )
    deadline = time.monotonic() + 5 * limits.timeout
    chunks: list[bytes] = []
    size = 0
    try:
        with urllib.request.urlopen(request, timeout=limits.timeout) as response:  # noqa: S310  # nosec B310
            while True:
                if time.monotonic() > deadline:
                    raise _TryAgain(f"the answer took longer than {5 * limits.timeout:g} s")
                chunk = response.read1(CHUNK)
                if not chunk:
                    # The connection closed before the length the server announced.
                    if response.length:
                        raise _TryAgain(f"the answer was cut short after {size:,} bytes")
                    break
                size += len(chunk)
                if size > limits.max_bytes:
                    raise LocatorError(
                        f"{url} answered more than {limits.max_bytes:,} bytes "
                        "(DIRECTORY_LOCATOR_MAX_BYTES): refused."
                    )
                chunks.append(chunk)
    except urllib.error.HTTPError as error:
        if error.code in RETRY_STATUSES:
            raise _TryAgain(f"HTTP {error.code}") from error
        raise LocatorError(f"{url} answered HTTP {error.code}: {error.reason}") from error
    except http.client.IncompleteRead as error:
        raise _TryAgain(f"the answer was cut short ({len(error.partial):,} bytes)") from error
    except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
        raise _TryAgain(str(getattr(error, "reason", error))) from error
    return b"".join(chunks)


def _page(data: bytes, url: str) -> dict:
    """The decoded page; an answer that is not a whole page is worth another try."""
    try:
        page = json.loads(data)
    except (UnicodeDecodeError, ValueError) as error:
        raise _TryAgain(f"the answer is not whole JSON ({error})") from error
    if not isinstance(page, dict) or not isinstance(page.get("rows"), list):
        raise LocatorError(f"{url} did not answer a locator page (no 'rows' list).")
    return page
