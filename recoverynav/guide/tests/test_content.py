"""The content files: front matter rules, the cache, and the shipped pages themselves."""

import datetime
import gzip
import os
import re
from pathlib import Path

import pytest
from django.core import checks
from django.test import Client

from recoverynav.guide.content import ContentError, parse_page_file
from recoverynav.guide.selectors import get_page
from recoverynav.guide.tests.conftest import write_page

SHIPPED = Path(__file__).resolve().parents[1] / "content"
SHIPPED_SLUGS = sorted(p.stem for p in (SHIPPED / "en").glob("*.md"))
GOOD = """---
title: "T"
summary: "S"
section: types
order: 1
reviewed: 2026-11-27
sources:
  - name: "NIDA"
    url: "https://nida.nih.gov"
---
Body
"""


def parse(text: str):
    return parse_page_file(text=text, slug="page", language="en", origin="page.md")


def test_it_reads_the_front_matter_fields() -> None:
    page = parse(GOOD)

    assert page.title == "T"
    assert page.reviewed == datetime.date(2026, 11, 27)
    assert page.sources[0].url == "https://nida.nih.gov"
    assert page.related == ()
    assert page.markdown == "Body\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("No front matter here", "must start with front matter"),
        ("---\ntitle: [unclosed\n---\nBody", "not valid YAML"),
        ("---\n- a list\n---\nBody", "'field: value'"),
        (GOOD.replace('title: "T"\n', ""), "missing front matter field(s): title"),
        (GOOD.replace("reviewed: 2026-11-27", "reviewed: soon"), "'reviewed' must be a date"),
        (GOOD.replace("order: 1", "order: first"), "'order' must be a whole number"),
        (GOOD.replace('    url: "https://nida.nih.gov"\n', ""), "needs a name and a url"),
        (GOOD.replace("https://nida", "javascript://nida"), "must start with https://"),
    ],
)
def test_it_explains_what_is_wrong_with_a_file(text: str, message: str) -> None:
    with pytest.raises(ContentError, match=re.escape(message)):
        parse(text)


def test_it_picks_up_an_edited_file_without_a_restart(content_dir: Path) -> None:
    path = write_page(content_dir, "en", "edited", title="Before")
    assert get_page("edited", "en").title == "Before"

    write_page(content_dir, "en", "edited", title="After")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))

    assert get_page("edited", "en").title == "After"


def test_the_pages_version_follows_edits_checked_at_most_once_a_second(
    content_dir: Path, settings, monkeypatch
) -> None:
    from recoverynav.guide import content

    settings.GUIDE_CHECK_SECONDS = 1
    clock = [1000.0]
    monkeypatch.setattr(content.time, "monotonic", lambda: clock[0])
    path = write_page(content_dir, "en", "edited", title="Before")
    before = content.content_version("en")

    write_page(content_dir, "en", "edited", title="After")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    clock[0] += 0.5
    assert content.content_version("en") == before  # not looked at again yet
    clock[0] += 0.6
    assert content.content_version("en") != before


def test_the_check_framework_reports_a_broken_file(content_dir: Path) -> None:
    (content_dir / "en").mkdir()
    (content_dir / "en" / "broken.md").write_text("no front matter", encoding="utf-8")

    errors = [e for e in checks.run_checks() if e.id == "guide.E001"]

    assert len(errors) == 1
    assert "broken.md" in errors[0].msg


def test_the_shipped_content_passes_the_checks() -> None:
    assert not [e for e in checks.run_checks() if e.id.startswith("guide.")]


@pytest.mark.parametrize("slug", SHIPPED_SLUGS)
def test_every_page_has_a_full_spanish_version(slug: str) -> None:
    english = (SHIPPED / "en" / f"{slug}.md").read_text(encoding="utf-8")
    spanish = (SHIPPED / "es" / f"{slug}.md").read_text(encoding="utf-8")

    # Same headings and roughly the same length: a translation, not a summary.
    assert english.count("\n## ") == spanish.count("\n## ")
    assert len(spanish) > 0.85 * len(english)


@pytest.mark.parametrize("language", ["en", "es"])
def test_links_between_pages_point_to_pages_that_exist(language: str) -> None:
    for path in (SHIPPED / language).glob("*.md"):
        for target in re.findall(r"\]\(\.\./([a-z0-9-]+)/\)", path.read_text(encoding="utf-8")):
            assert (SHIPPED / language / f"{target}.md").is_file(), f"{path.name} → {target}"


@pytest.mark.parametrize("language", ["en", "es"])
def test_related_pages_exist(language: str) -> None:
    for slug in SHIPPED_SLUGS:
        for related in get_page(slug, language).related:
            assert (SHIPPED / language / f"{related}.md").is_file(), f"{slug} → {related}"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("slug", SHIPPED_SLUGS)
def test_every_page_stays_under_30_kb_compressed(
    visitor: Client, hotlines: None, slug: str, language: str
) -> None:
    prefix = "/es" if language == "es" else ""
    html = visitor.get(f"{prefix}/guide/{slug}/").content

    assert len(gzip.compress(html)) <= 30 * 1024
