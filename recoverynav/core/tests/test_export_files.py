"""core/export_files: an export is built once per version, replaced whole, and served with
validators and a gzip copy. The meeting feed and HSDS pages have their own tests
(meetings/tests/test_feed_file.py, directory/tests/test_hsds_files.py)."""

import gzip
import multiprocessing
import os
import time

import pytest
from django.test import RequestFactory

from recoverynav.core import export_files

KIND = "test-export"


@pytest.fixture
def kind():
    """A kind whose version and body the test sets, counting its builds."""
    state = {"version": "1", "body": ["[1,", "2]"], "builds": 0}

    def chunks(params):
        state["builds"] += 1
        yield from state["body"]

    export_files.register(
        export_files.ExportKind(KIND, "application/json", lambda p: state["version"], chunks)
    )
    yield state
    export_files.KINDS.pop(KIND)


def test_it_builds_once_per_version(kind) -> None:
    first = export_files.built(KIND, {"page": "1"})
    again = export_files.built(KIND, {"page": "1"})
    assert kind["builds"] == 1
    assert first == again
    assert first.body.read_bytes() == b"[1,2]"
    assert gzip.decompress(first.gzipped.read_bytes()) == b"[1,2]"
    kind["version"], kind["body"] = "2", ["[3]"]
    assert export_files.built(KIND, {"page": "1"}).body.read_bytes() == b"[3]"
    assert kind["builds"] == 2


def test_each_set_of_params_is_its_own_file(kind) -> None:
    one = export_files.built(KIND, {"page": "1"})
    two = export_files.built(KIND, {"page": "2"})
    assert one.body != two.body
    assert kind["builds"] == 2


def test_a_failed_build_keeps_the_old_file_and_leaves_no_scraps(kind) -> None:
    old = export_files.built(KIND, {})
    kind["version"] = "2"

    def broken():
        yield "[half"
        raise RuntimeError("the database went away")

    kind["body"] = broken()
    with pytest.raises(RuntimeError):
        export_files.built(KIND, {})
    assert old.body.read_bytes() == b"[1,2]"
    names = sorted(path.suffix for path in export_files.folder().iterdir())
    assert names == [".body", ".gz", ".json", ".lock"]


def test_a_damaged_description_is_built_again(kind) -> None:
    built = export_files.built(KIND, {})
    built.body.with_suffix(".json").write_text("{not json")
    assert export_files.built(KIND, {}).etag == built.etag
    assert kind["builds"] == 2


def test_a_new_deployment_builds_again(kind, monkeypatch) -> None:
    export_files.built(KIND, {})
    monkeypatch.setattr(export_files, "code_stamp", lambda: "other code")
    export_files.built(KIND, {})
    assert kind["builds"] == 2


def test_marked_stale_it_is_built_again_by_the_next_request_or_the_rebuild(kind) -> None:
    export_files.built(KIND, {})
    export_files.mark_stale(KIND)
    assert export_files.rebuild_stale(KIND) == 1
    assert export_files.rebuild_stale(KIND) == 0
    export_files.built(KIND, {})
    assert kind["builds"] == 2


@pytest.mark.parametrize(
    ("header", "accepted"),
    [
        ("gzip", True),
        ("deflate, gzip;q=0.5, br", True),
        ("GZIP", True),
        ("gzip;q=0", False),
        ("gzip; q=0.0, br", False),
        ("br, deflate", False),
        ("", False),
        ("x-gzipped", False),
    ],
)
def test_gzip_is_sent_only_to_clients_that_accept_it(header, accepted) -> None:
    request = RequestFactory().get("/", headers={"Accept-Encoding": header})
    assert export_files.accepts_gzip(request) is accepted


def test_a_head_request_gets_the_headers_and_304_like_a_get(kind) -> None:
    built = export_files.built(KIND, {})
    head = export_files.response_for(RequestFactory().head("/"), built)
    assert head.status_code == 200
    assert head["ETag"] == f'"{built.etag}"'
    assert head["Cache-Control"] == "no-cache"
    request = RequestFactory().head("/", headers={"If-None-Match": head["ETag"]})
    assert export_files.response_for(request, built).status_code == 304


def test_the_same_bytes_built_again_keep_their_date(kind) -> None:
    first = export_files.built(KIND, {})
    kind["version"] = "2"
    same = export_files.built(KIND, {})
    assert (same.etag, same.last_modified) == (first.etag, first.last_modified)
    assert kind["builds"] == 2


def test_scraps_of_a_killed_build_are_cleared_by_the_next_build(kind) -> None:
    built = export_files.built(KIND, {})
    stem = built.body.with_suffix("")
    scraps = [stem.parent / f"{stem.name}k1ll3d.body", stem.parent / f"{stem.name}k1ll3d.gz"]
    for scrap in scraps:
        scrap.write_bytes(b"[half")
    kind["version"] = "2"
    export_files.built(KIND, {})
    assert not any(scrap.exists() for scrap in scraps)
    assert built.body.exists()
    assert built.gzipped.exists()


def _build_in_a_worker_process(marks: str) -> None:
    export_files.built("two-processes", {"marks": marks})


def test_two_worker_processes_asking_at_once_build_it_once(tmp_path) -> None:
    """As two gunicorn workers would: the lock is a file lock, not a thread lock."""
    marks = tmp_path / "marks"
    marks.mkdir()

    def chunks(params):
        (marks / str(os.getpid())).touch()
        time.sleep(0.5)
        yield "[]"

    export_files.register(
        export_files.ExportKind("two-processes", "application/json", lambda p: "1", chunks)
    )
    context = multiprocessing.get_context("fork")
    try:
        workers = [
            context.Process(target=_build_in_a_worker_process, args=(str(marks),)) for _ in range(2)
        ]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(20)
    finally:
        export_files.KINDS.pop("two-processes")
    assert [worker.exitcode for worker in workers] == [0, 0]
    assert len(list(marks.iterdir())) == 1
