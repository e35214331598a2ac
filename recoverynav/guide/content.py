"""Reading the guide's Markdown files: front matter, body, and an in-memory cache per file.

Operators edit `content/<language>/<slug>.md`; a changed file is picked up on the next request
(its modification time is part of the cache key), so text changes need no restart.
"""

import datetime
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.conf import settings

from recoverynav.guide.front_matter import read_front_matter

# The language every page must exist in; other languages fall back to it.
REFERENCE_LANGUAGE = "en"

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n(.*)\Z", re.DOTALL)


class ContentError(ValueError):
    """A content file an operator needs to fix; the message names the file and the problem."""


@dataclass(frozen=True)
class Source:
    name: str
    url: str


@dataclass(frozen=True)
class PageFile:
    """One parsed Markdown file, before links are resolved for a language."""

    slug: str
    language: str
    title: str
    summary: str
    section: str
    order: int
    reviewed: datetime.date
    sources: tuple[Source, ...]
    related: tuple[str, ...]
    markdown: str


def content_dir() -> Path:
    return Path(getattr(settings, "GUIDE_CONTENT_DIR", Path(__file__).parent / "content"))


def page_path(*, slug: str, language: str) -> Path | None:
    if not SLUG.match(slug):
        return None
    path = content_dir() / language / f"{slug}.md"
    return path if path.is_file() else None


_versions: dict[tuple[str, str], tuple[float, str]] = {}


def content_version(language: str) -> str:
    """Changes when a page file of `language` or English is added, removed or edited, so
    pages cached from the files follow edits made while the site runs. Every guide page
    served asks, and reading the folders cost a fifth of a cached article's time: the
    answer is reused for GUIDE_CHECK_SECONDS (an edit shows within a second)."""
    root = content_dir()
    key = (str(root), language)
    now = time.monotonic()
    known = _versions.get(key)
    if known is not None and now - known[0] < settings.GUIDE_CHECK_SECONDS:
        return known[1]
    stamps = []
    for folder in sorted({str(root / REFERENCE_LANGUAGE), str(root / language)}):
        try:
            entries = list(os.scandir(folder))
        except (FileNotFoundError, NotADirectoryError):
            continue
        stamps.extend(
            f"{folder}/{entry.name}:{entry.stat().st_mtime_ns}"
            for entry in entries
            if entry.name.endswith(".md")
        )
    version = str(root) + ";" + ";".join(sorted(stamps))
    _versions[key] = (now, version)
    return version


def slugs_for(language: str) -> list[str]:
    folder = content_dir() / language
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob("*.md") if SLUG.match(p.stem))


def parse_page_file(*, text: str, slug: str, language: str, origin: str) -> PageFile:
    """Split front matter from Markdown and check it against the declared format
    (`front_matter`): every field an operator must fill in."""
    match = FRONT_MATTER.match(text.replace("\r\n", "\n"))
    if not match:
        raise ContentError(f"{origin}: the file must start with front matter between '---' lines")
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as error:
        raise ContentError(f"{origin}: the front matter is not valid YAML ({error})") from error
    if not isinstance(meta, dict):
        raise ContentError(f"{origin}: the front matter must be a list of 'field: value' lines")
    try:
        front = read_front_matter(meta)
    except ValueError as error:
        raise ContentError(f"{origin}: {error}") from None
    return PageFile(
        slug=slug,
        language=language,
        title=front.title,
        summary=front.summary,
        section=front.section,
        order=front.order,
        reviewed=front.reviewed,
        sources=tuple(Source(name=s.name, url=s.url) for s in front.sources),
        related=tuple(front.related),
        markdown=match.group(2),
    )


_cache: dict[Path, tuple[int, PageFile]] = {}


def load_page_file(path: Path, *, language: str) -> PageFile:
    """The parsed file, re-read only when its modification time changes."""
    mtime_ns = path.stat().st_mtime_ns
    cached = _cache.get(path)
    if cached is not None and cached[0] == mtime_ns:
        return cached[1]
    text = path.read_text(encoding="utf-8")
    page = parse_page_file(text=text, slug=path.stem, language=language, origin=str(path.name))
    _cache[path] = (mtime_ns, page)
    return page
