"""Reading the files operators bring: encodings other than UTF-8 when they say so, compressed
files, quoted values across lines, and the error that names the line where the text stops
being what it claims."""

import gzip
from pathlib import Path

import pytest

from recoverynav.directory.importers.base import ImportFileError
from recoverynav.directory.importers.files import read_csv


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_a_windows_spreadsheet_is_read_when_its_encoding_is_given(tmp_path) -> None:
    path = write(tmp_path, "county.csv", "name,city\nCentro Niño,Española\n".encode("cp1252"))

    rows = read_csv(path, encoding="cp1252")

    assert rows == [(2, {"name": "Centro Niño", "city": "Española"})]


@pytest.mark.parametrize("encoding", ["utf-8", "UTF8", "utf_8", "utf-8-sig"])
def test_every_spelling_of_utf8_reads_a_file_with_or_without_its_mark(tmp_path, encoding) -> None:
    plain = write(tmp_path, "a.csv", "name\nNiño\n".encode())
    marked = write(tmp_path, "b.csv", "\ufeffname\nNiño\n".encode())

    assert read_csv(plain, encoding=encoding) == read_csv(marked, encoding=encoding)


def test_a_latin1_file_read_as_utf8_names_the_line_and_suggests_the_encoding(tmp_path) -> None:
    path = write(tmp_path, "county.csv", b"name\nfine\nNi\xf1o\n")

    with pytest.raises(ImportFileError) as raised:
        read_csv(path)

    message = str(raised.value)
    assert "county.csv is not a readable utf-8 CSV file: line 3 has the byte F1" in message
    assert "--encoding cp1252" in message


def test_a_compressed_file_is_read_like_the_plain_one(tmp_path) -> None:
    text = b"name,city\nA,B\nC,D\n"
    plain = write(tmp_path, "list.csv", text)
    packed = write(tmp_path, "list.csv.gz", gzip.compress(text))

    assert read_csv(packed) == read_csv(plain)


def test_an_encoding_python_does_not_know_is_named(tmp_path) -> None:
    path = write(tmp_path, "a.csv", b"name\nA\n")

    with pytest.raises(ImportFileError, match="'klingon' is not an encoding Python knows"):
        read_csv(path, encoding="klingon")


def test_a_header_without_rows_reads_as_no_rows(tmp_path) -> None:
    assert read_csv(write(tmp_path, "a.csv", b"name,city\n")) == []
