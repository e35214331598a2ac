"""Every directory setting and import command is documented for operators."""

from pathlib import Path

from django.conf import settings

DOC = Path(__file__).resolve().parents[3] / "docs" / "directory.md"
COMMANDS = Path(__file__).resolve().parents[1] / "management" / "commands"


def test_every_directory_setting_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    names = [name for name in dir(settings) if name.startswith("DIRECTORY_")]

    assert len(names) >= 4
    assert [name for name in names if f"`{name}`" not in text] == []


def test_every_directory_command_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    commands = [path.stem for path in COMMANDS.glob("*.py") if not path.stem.startswith("_")]

    assert len(commands) >= 10
    assert [name for name in commands if f"`{name}`" not in text] == []
