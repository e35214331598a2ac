"""Reading what a meeting source sends: a Meeting Guide feed, or a BMLT root server's (or
aggregator's) answers, from a URL (size- and time-limited), a file on the server, or a file
that comes with Recovery Navigator (`bundled:NAME`); parsing a feed, and the gazetteer
look-ups its meetings may need. Nothing here writes to the database."""

import json
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings

from recoverynav.geo import selectors as geo
from recoverynav.meetings.importers import FeedError
from recoverynav.meetings.importers.bmlt import BmltAnswer, formats_of, meetings_of, parse_answer
from recoverynav.meetings.importers.meeting_guide import FeedContext
from recoverynav.meetings.models import FeedSource, Fellowship

BUNDLED_DIR = Path(__file__).resolve().parent / "data"
BUNDLED = "bundled:"
DOWNLOAD_CHUNK = 256 * 1024
BMLT_LANGUAGES = ("en", "es")
# Parameters of ours in a BMLT URL; an operator's own (services[], weekdays[]…) are kept.
BMLT_OWN = {"switcher", "lang_enum", "get_used_formats"}


def read_source(source: FeedSource) -> bytes | BmltAnswer:
    """What the source sends, ready for its importer."""
    if source.kind == FeedSource.Kind.BMLT:
        return read_bmlt(source.url, source.filters)
    return read_feed(source.url)


def read_feed(location: str) -> bytes:
    """The bytes at an http(s) URL (time-limited), a file, or a bundled file, size-capped."""
    limit = settings.MEETINGS_FEED_MAX_BYTES
    if location.startswith(("http://", "https://")):
        data = _download(location, limit)
    else:
        path = local_path(location)
        try:
            if path.stat().st_size > limit:
                raise FeedError(
                    f"{location} is larger than {limit} bytes (MEETINGS_FEED_MAX_BYTES)."
                )
            data = path.read_bytes()
        except OSError as error:
            raise FeedError(f"Could not read {location}: {error.strerror or error}") from error
    if len(data) > limit:
        raise FeedError(f"{location} is larger than {limit} bytes (MEETINGS_FEED_MAX_BYTES).")
    return data


def local_path(location: str) -> Path:
    """A file on the server; `bundled:meetings/x.json` names one under meetings/data/."""
    if not location.startswith(BUNDLED):
        return Path(location)
    name = location.removeprefix(BUNDLED)
    path = (BUNDLED_DIR / name).resolve()
    if BUNDLED_DIR not in path.parents:
        raise FeedError(f"{location}: a bundled file must be inside the meetings data folder.")
    return path


def _download(url: str, limit: int) -> bytes:
    """At most `limit` + 1 bytes, within MEETINGS_FEED_DEADLINE seconds overall.

    urlopen's timeout bounds each wait for data, not the download: a server sending a byte
    every few seconds would hold a sync for days. So the body is read a chunk at a time (read1
    returns whatever one receive gives) and the clock is checked between chunks."""
    deadline = time.monotonic() + settings.MEETINGS_FEED_DEADLINE
    request = urllib.request.Request(  # noqa: S310 (read_feed checked the scheme)
        url, headers={"User-Agent": "RecoveryNavigator/1 (meeting feed sync)"}
    )
    chunks: list[bytes] = []
    size = 0
    try:
        with urllib.request.urlopen(  # noqa: S310  # nosec B310 (read_feed checked the scheme)
            request, timeout=settings.MEETINGS_FEED_TIMEOUT
        ) as response:
            while size <= limit:
                if time.monotonic() > deadline:
                    raise FeedError(
                        f"Could not fetch {url}: the download took longer than "
                        f"{settings.MEETINGS_FEED_DEADLINE:g} seconds (MEETINGS_FEED_DEADLINE); "
                        f"{size} bytes had arrived."
                    )
                chunk = response.read1(min(DOWNLOAD_CHUNK, limit + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
        raise FeedError(f"Could not fetch {url}: {error}") from error
    return b"".join(chunks)


def read_bmlt(location: str, filters: str = "") -> BmltAnswer:
    """A root server's (or aggregator's) meetings, formats (English and Spanish) and service
    bodies, from its semantic API, or from a saved GetSearchResults file with its formats
    beside it. Any answer that fails fails the whole read: nothing half-read is imported."""
    if location.startswith(("http://", "https://")):
        urls = bmlt_urls(location, filters)
        answers = {name: parse_answer(read_feed(url), name) for name, url in urls.items()}
    else:
        answers = _bmlt_files(location)
    meetings = meetings_of(answers["GetSearchResults"])
    formats = {
        language: formats_of(answers[f"GetFormats ({language})"], language)
        for language in BMLT_LANGUAGES
        if f"GetFormats ({language})" in answers
    }
    if not formats and isinstance(answers["GetSearchResults"], dict):
        formats = {"en": formats_of(answers["GetSearchResults"].get("formats"), "en")}
    if not formats:
        raise FeedError(
            f"{location}: the formats are missing. Save GetFormats next to the meetings as "
            "NAME-GetFormats-en.json (and -es.json), or ask GetSearchResults with "
            "get_used_formats=1."
        )
    bodies = answers.get("GetServiceBodies") or []
    if not isinstance(bodies, list):
        raise FeedError("The GetServiceBodies answer must be a JSON list of service bodies.")
    return BmltAnswer(meetings=meetings, formats=formats, service_bodies=bodies)


def bmlt_urls(location: str, filters: str = "") -> dict[str, str]:
    """The semantic API's URLs for a root server's address ("https://x.org/main_server/"),
    or for a GetSearchResults URL whose own parameters (service bodies…) are kept."""
    parts = urlsplit(location)
    path = parts.path
    marker = path.find("/client_interface/")
    base_path = (path[:marker] if marker >= 0 else path).rstrip("/") + "/client_interface/json/"
    kept = [(k, v) for k, v in parse_qsl(parts.query) if k not in BMLT_OWN]
    kept += [(k, v) for k, v in parse_qsl(filters.lstrip("?&")) if k not in BMLT_OWN]

    def url(params: list[tuple[str, str]]) -> str:
        return urlunsplit((parts.scheme, parts.netloc, base_path, urlencode(params), ""))

    urls = {"GetSearchResults": url([("switcher", "GetSearchResults"), *kept])}
    for language in BMLT_LANGUAGES:
        urls[f"GetFormats ({language})"] = url(
            [("switcher", "GetFormats"), ("lang_enum", language)]
        )
    urls["GetServiceBodies"] = url([("switcher", "GetServiceBodies")])
    return urls


def _bmlt_files(location: str) -> dict[str, object]:
    """NAME-GetSearchResults.json, with NAME-GetFormats-en.json, NAME-GetFormats-es.json and
    NAME-service-bodies.json beside it when they exist."""
    answers: dict[str, object] = {
        "GetSearchResults": parse_answer(read_feed(location), "GetSearchResults")
    }
    if "GetSearchResults" not in location:
        return answers
    siblings = {
        **{f"GetFormats ({lang})": f"GetFormats-{lang}" for lang in BMLT_LANGUAGES},
        "GetServiceBodies": "service-bodies",
    }
    for name, part in siblings.items():
        sibling = location.replace("GetSearchResults", part)
        if local_path(sibling).exists():
            answers[name] = parse_answer(read_feed(sibling), name)
    return answers


def parse_feed(data: bytes) -> list[Any]:
    """The list of meetings a Meeting Guide feed holds, or a FeedError that says why not."""
    try:
        items = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FeedError(f"The feed is not valid JSON: {error}") from error
    if not isinstance(items, list):
        raise FeedError(
            "The feed must be a JSON list of meetings (Meeting Guide format), "
            f"not a {type(items).__name__}."
        )
    return items


def feed_context(source: FeedSource) -> FeedContext:
    """Gazetteer look-ups used when a meeting lacks a time zone or coordinates."""

    def point(place: Any) -> tuple[float, float] | None:
        return (place.latitude, place.longitude) if place else None

    return FeedContext(
        source=source.name,
        fellowship=source.fellowship
        or (Fellowship.NA if source.kind == FeedSource.Kind.BMLT else ""),
        default_timezone=source.default_timezone,
        zone_from_place=source.zone_from_place,
        postal_timezone=geo.timezone_for_postal_code,
        postal_place=lambda code: point(geo.place_for_postal_code(code)),
        city_place=lambda city, state: point(geo.place_for_city(city=city, state=state)),
    )
