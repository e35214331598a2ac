"""Big exports (the meeting feed, the HSDS pages) built once per data change, kept as files.

Building the whole meeting feed takes seconds of a worker's time; two clients fetching it
in a loop once slowed every other page of the site twentyfold. So an export is written once
per data version to a file under the data directory, with a gzip copy beside it, and every
request after that is a file read: a strong ETag (a hash of the bytes), Last-Modified,
`304 Not Modified` for a client that already has it, and the gzip copy for a client that
accepts it.

An export *kind* is registered with two functions: `version(params)`, cheap, says which
data the file holds (it must change whenever the export's output would: an import); and
`chunks(params)`, the body, piece by piece. `params` (a dict of strings: the origin the
absolute URLs use, the language, the page…) names one file of the kind. A request whose
file is missing or older than the data builds it, under a lock, so two requests (threads
or worker processes) never both build; `rebuild_stale()` (after an import or sync) rebuilds
every file that was served before, so the first reader after an import does not wait.
`mark_stale()` is for edits that do not change the version (an admin edit of one record).

Files are replaced atomically (body and gzip first, then the description that names their
ETag), so a reader sees either the old export or the new one, never half of one.
"""

import fcntl
import gzip
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

PACKAGE_DIR = Path(__file__).resolve().parent.parent
GZIP_LEVEL = 6
ACCEPTS_GZIP = re.compile(r"\bgzip\b(?!\s*;\s*q=0(?:\.0*)?\s*(?:,|$))", re.IGNORECASE)


@dataclass(frozen=True)
class ExportKind:
    name: str
    content_type: str
    version: Callable[[dict], str]
    chunks: Callable[[dict], Iterable[str | bytes]]
    # Sent from the open file (big exports) or read into the response (pages of one size).
    streamed: bool = True


@dataclass(frozen=True)
class BuiltExport:
    """One built file and what its responses say about it."""

    body: Path
    gzipped: Path
    etag: str  # without quotes; the gzip copy's is this with "-gzip"
    last_modified: datetime
    content_type: str
    size: int
    streamed: bool


KINDS: dict[str, ExportKind] = {}


def register(kind: ExportKind) -> ExportKind:
    KINDS[kind.name] = kind
    return kind


def folder() -> Path:
    path = Path(settings.DATA_DIR) / "exports"
    path.mkdir(parents=True, exist_ok=True)
    return path


@cache
def code_stamp() -> str:
    """Changes when this installation's code or translations change: a file built by the
    code before a deployment is built again, even when the data did not change."""
    digest = hashlib.blake2b(digest_size=8)
    for pattern in ("**/*.py", "*/locale/*/LC_MESSAGES/*.mo"):
        for path in sorted(PACKAGE_DIR.glob(pattern)):
            stat = path.stat()
            digest.update(
                f"{path.relative_to(PACKAGE_DIR)}:{stat.st_mtime_ns}:{stat.st_size}".encode()
            )
    return digest.hexdigest()


def _version(kind: ExportKind, params: dict) -> str:
    return f"{code_stamp()}|{kind.version(params)}"


def _stem(kind: str, params: dict) -> str:
    key = json.dumps(params, sort_keys=True, ensure_ascii=False)
    return f"{kind}-{hashlib.blake2b(key.encode(), digest_size=12).hexdigest()}"


def _description(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def _as_built(found: dict, stem: Path, kind: ExportKind) -> BuiltExport:
    return BuiltExport(
        body=stem.with_suffix(".body"),
        gzipped=stem.with_suffix(".gz"),
        etag=found["etag"],
        last_modified=datetime.fromisoformat(found["last_modified"]),
        content_type=found["content_type"],
        size=found["size"],
        streamed=kind.streamed,
    )


def _current(description: Path, version: str) -> dict | None:
    found = _description(description)
    if found is None or found.get("version") != version:
        return None
    stem = description.with_suffix("")
    if not (stem.with_suffix(".body").exists() and stem.with_suffix(".gz").exists()):
        return None
    return found


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock between threads and worker processes (flock locks an open file
    description, so two threads of one process exclude each other too)."""
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def built(kind_name: str, params: dict) -> BuiltExport:
    """The export `params` of a kind, built now if missing or older than its data."""
    kind = KINDS[kind_name]
    stem = folder() / _stem(kind_name, params)
    description = stem.with_suffix(".json")
    version = _version(kind, params)
    found = _current(description, version)
    if found is None:
        with _locked(stem.with_suffix(".lock")):
            # Another request may have built it while this one waited for the lock.
            found = _current(description, version) or _build(kind, params, version, stem)
    return _as_built(found, stem, kind)


def _build(kind: ExportKind, params: dict, version: str, stem: Path) -> dict:
    """Write body and gzip copy in one pass, then the description naming them. The version
    was read before the data, so a change during the build makes the next request build
    again instead of keeping a file labelled newer than its content."""
    # Scraps of a build whose process was killed (this one holds the lock, so none is live).
    for pattern in (f"{stem.name}?*.body", f"{stem.name}?*.gz"):
        for scrap in stem.parent.glob(pattern):
            scrap.unlink(missing_ok=True)
    digest = hashlib.blake2b(digest_size=16)
    size = 0
    temporary = []
    try:
        for suffix in (".body", ".gz"):
            handle, name = tempfile.mkstemp(dir=stem.parent, prefix=stem.name, suffix=suffix)
            os.close(handle)
            temporary.append(Path(name))
        with (
            temporary[0].open("wb") as body,
            temporary[1].open("wb") as raw,
            gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=GZIP_LEVEL, mtime=0) as packed,
        ):
            for chunk in kind.chunks(params):
                data = chunk.encode() if isinstance(chunk, str) else chunk
                body.write(data)
                packed.write(data)
                digest.update(data)
                size += len(data)
        os.replace(temporary[0], stem.with_suffix(".body"))
        os.replace(temporary[1], stem.with_suffix(".gz"))
    finally:
        for path in temporary:
            path.unlink(missing_ok=True)
    etag = digest.hexdigest()
    before = _description(stem.with_suffix(".json")) or {}
    # The same bytes as before (an import that changed nothing) keep their date too.
    modified = before.get("last_modified") if before.get("etag") == etag else None
    found = {
        "kind": kind.name,
        "params": params,
        "version": version,
        "etag": etag,
        "last_modified": modified or datetime.now(UTC).replace(microsecond=0).isoformat(),
        "content_type": kind.content_type,
        "size": size,
    }
    _write_atomically(stem.with_suffix(".json"), json.dumps(found, ensure_ascii=False))
    return found


def _write_atomically(path: Path, text: str) -> None:
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    with os.fdopen(handle, "w") as out:
        out.write(text)
    os.replace(name, path)


def _descriptions(kind_name: str | None = None) -> Iterator[tuple[Path, dict]]:
    pattern = f"{kind_name}-*.json" if kind_name else "*.json"
    for path in sorted(folder().glob(pattern)):
        found = _description(path)
        if found is not None and found.get("kind") in KINDS:
            yield path, found


def mark_stale(kind_name: str) -> None:
    """Every file of a kind is built again when next asked for (or by `rebuild_stale`):
    for an edit the kind's version does not see."""
    for path, found in _descriptions(kind_name):
        # No lock, so an edit never waits for a build: should a build finish in between, its
        # description is overwritten with an empty version, and the next request builds again.
        _write_atomically(path, json.dumps({**found, "version": ""}, ensure_ascii=False))


def rebuild_stale(kind_name: str | None = None) -> int:
    """Build again every file that was served before and is older than its data (after an
    import or sync), so no reader waits for it; how many were built."""
    rebuilt = 0
    for _path, found in _descriptions(kind_name):
        params = found["params"]
        version = _version(KINDS[found["kind"]], params)
        if found.get("version") != version:
            built(found["kind"], params)
            rebuilt += 1
    return rebuilt


def rebuild_exports(say: Callable[[str], object]) -> None:
    """For import and sync commands: rebuild what the new data made stale, and say so."""
    rebuilt = rebuild_stale()
    if rebuilt:
        say(f"Rebuilt {rebuilt} served export file(s) (feeds, HSDS pages) for the new data.")


def accepts_gzip(request: HttpRequest) -> bool:
    return bool(ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))


def response_for(request: HttpRequest, export: BuiltExport) -> HttpResponse:
    """The export as a response: 304 when the client has it, else the file itself (the gzip
    copy when the client accepts gzip), with its validators."""
    zipped = accepts_gzip(request)
    etag = f'"{export.etag}-gzip"' if zipped else f'"{export.etag}"'
    modified = int(export.last_modified.timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=modified)
    if response is None:
        path = export.gzipped if zipped else export.body
        if export.streamed:
            response = FileResponse(path.open("rb"), content_type=export.content_type)
            del response["Content-Disposition"]  # a document to read, not a named download
        else:
            response = HttpResponse(path.read_bytes(), content_type=export.content_type)
        if zipped:
            response["Content-Encoding"] = "gzip"
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified)
    # Stored by clients and caches, but asked about again each time: never stale.
    patch_cache_control(response, no_cache=True)
    patch_vary_headers(response, ["Accept-Encoding"])
    return response
