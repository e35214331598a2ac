"""Every comments setting is documented for operators."""

from pathlib import Path

from django.conf import settings

DOC = Path(__file__).resolve().parents[3] / "docs" / "comments.md"


def test_every_comments_setting_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    names = [name for name in dir(settings) if name.startswith("COMMENTS_")]

    assert len(names) >= 10
    assert [name for name in names if f"`{name}`" not in text] == []
