"""Guide fixtures: a small content folder an operator might write."""

from pathlib import Path

import pytest

PAGE = """---
title: "{title}"
summary: "{summary}"
section: types
order: {order}
reviewed: 2026-11-27
sources:
  - name: "NIDA"
    url: "https://nida.nih.gov"
related: [{related}]
---
{body}
"""


def write_page(root: Path, language: str, slug: str, **fields: object) -> Path:
    values = {"title": slug, "summary": "A summary.", "order": 1, "related": "", "body": "Text."}
    values.update(fields)
    folder = root / language
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{slug}.md"
    path.write_text(PAGE.format(**values), encoding="utf-8")
    return path


@pytest.fixture
def content_dir(tmp_path: Path, settings) -> Path:
    """An empty content folder the guide reads instead of the shipped one, whose edits the
    site sees at once (it checks the files once a second otherwise)."""
    settings.GUIDE_CONTENT_DIR = tmp_path
    settings.GUIDE_CHECK_SECONDS = 0
    return tmp_path
