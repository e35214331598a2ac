"""Reading an import file: CSV (also gzip-compressed, in a given encoding) and JSON. A file
that cannot be read raises ImportFileError, naming the file and what to try, before any row
is imported."""

import csv
import gzip
import io
import json
from pathlib import Path

from recoverynav.directory.importers.base import ImportFileError


def read_csv(path: Path, *, encoding: str = "utf-8") -> list[tuple[int, dict[str, str]]]:
    """(line number, row) pairs; an unreadable file raises ImportFileError before any row,
    naming the line where the text stops being `encoding`."""
    try:
        raw = path.read_bytes()
        if path.suffix == ".gz":  # large bundled files are kept compressed
            raw = gzip.decompress(raw)
    except (OSError, EOFError) as error:
        raise ImportFileError(
            f"Cannot open {path.name}: {getattr(error, 'strerror', '') or error}"
        ) from error
    try:
        text = raw.decode("utf-8-sig" if encoding.lower().replace("_", "-") in UTF8 else encoding)
    except LookupError:
        raise ImportFileError(f"{encoding!r} is not an encoding Python knows.") from None
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ImportFileError(
            f"{path.name} is not a readable {encoding} CSV file: line {line} has the byte "
            f"{raw[error.start : error.start + 1].hex(' ').upper()} "
            "(saved in another encoding? try --encoding cp1252 or --encoding latin-1)."
        ) from error
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        if not reader.fieldnames:
            raise ImportFileError(f"{path.name} is empty.")
        rows = []
        # Each row's first line in the file, also after a quoted value that spans lines.
        first_line = reader.line_num + 1
        for row in reader:
            rows.append((first_line, row))
            first_line = reader.line_num + 1
    except csv.Error as error:
        raise ImportFileError(f"{path.name} is not a readable CSV file: {error}") from error
    return rows


UTF8 = {"utf-8", "utf8", "utf-8-sig"}


def require_columns(path: Path, row: dict[str, str], columns: set[str]) -> None:
    missing = columns - set(row)
    if missing:
        raise ImportFileError(
            f"{path.name} is missing the column(s) {', '.join(sorted(missing))}: "
            "is it the right format for this command?"
        )


def read_json(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ImportFileError(f"Cannot open {path.name}: {error.strerror or error}") from error
    except (UnicodeDecodeError, ValueError) as error:
        raise ImportFileError(f"{path.name} is not valid JSON: {error}") from error
