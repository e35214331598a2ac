"""/treatment/hsds.json: each page built once per data change and served from a file, with
the bytes the view rendered before, validators, 304s and a gzip copy; never stale after an
import or an admin edit; a page past the last is not kept (issue 19)."""

import datetime as dt
import gzip
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.test import Client
from django.utils import translation

from recoverynav.core import export_files
from recoverynav.core.params import MAX_PAGE
from recoverynav.directory import exports
from recoverynav.directory.models import Facility
from recoverynav.directory.services import mark_verified
from recoverynav.directory.tests.factories import make_facility
from recoverynav.directory.tests.test_importers import DATA

pytestmark = pytest.mark.django_db


def rendered_the_old_way(page: int, language: str = "en") -> bytes:
    """The page as the view rendered it before it was built once (JsonResponse)."""
    with translation.override(language):
        document = exports.services_page(page=page)
    return json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False).encode()


@pytest.fixture
def listed() -> list[Facility]:
    return [
        make_facility(name=f"Place {n}", attributes={"setting": ["outpatient"]})
        for n in range(exports.HSDS_PAGE_SIZE + 5)
    ]


def test_each_page_is_the_same_bytes_as_before(visitor: Client, listed) -> None:
    for page in (1, 2):
        response = visitor.get("/treatment/hsds.json", {"page": page})
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        assert response.content == rendered_the_old_way(page)
    assert json.loads(response.content)["size"] == 5
    assert visitor.get("/es/treatment/hsds.json").content == rendered_the_old_way(1, "es")


def test_the_spanish_page_is_its_own_file(visitor: Client, listed) -> None:
    english = visitor.get("/treatment/hsds.json")
    spanish = visitor.get("/es/treatment/hsds.json")
    assert english["ETag"] != spanish["ETag"]
    assert len(list(export_files.folder().glob("hsds-services-page-*.json"))) == 2


def test_a_client_that_has_the_page_gets_304(visitor: Client, listed) -> None:
    first = visitor.get("/treatment/hsds.json")
    assert visitor.get("/treatment/hsds.json", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    since = first["Last-Modified"]
    assert visitor.get("/treatment/hsds.json", HTTP_IF_MODIFIED_SINCE=since).status_code == 304
    other_page = visitor.get("/treatment/hsds.json?page=2", HTTP_IF_NONE_MATCH=first["ETag"])
    assert other_page.status_code == 200


def test_a_client_that_accepts_gzip_gets_the_same_json_compressed(visitor: Client, listed) -> None:
    packed = visitor.get("/treatment/hsds.json", HTTP_ACCEPT_ENCODING="gzip")
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert json.loads(gzip.decompress(packed.content)) == json.loads(rendered_the_old_way(1))


def test_an_import_or_edit_is_never_followed_by_the_old_page(visitor: Client, listed) -> None:
    before = visitor.get("/treatment/hsds.json?page=2")
    make_facility(name="Opened today")  # as an import adds one
    added = visitor.get("/treatment/hsds.json?page=2", HTTP_IF_NONE_MATCH=before["ETag"])
    assert added.status_code == 200
    assert "Opened today" in [s["name"] for s in json.loads(added.content)["contents"]]

    facility = Facility.objects.get(name="Place 101")
    facility.phone = "434-555-0199"
    facility.save()  # as the admin does: same count, no import run
    edited = json.loads(visitor.get("/treatment/hsds.json?page=2").content)
    phones = [p["number"] for s in edited["contents"] for p in s["phones"]]
    assert "434-555-0199" in phones
    assert visitor.get("/treatment/hsds.json?page=2").content == rendered_the_old_way(2)


def test_a_page_past_the_last_is_empty_and_kept_nowhere(visitor: Client, listed) -> None:
    for page in ("3", "99999999999999999999", "9" * 5000):
        response = visitor.get("/treatment/hsds.json", {"page": page})
        assert response.status_code == 200
        body = response.json()
        assert (body["empty"], body["contents"], body["last_page"]) == (True, [], True)
        # core.params reads every page number: one beyond any page that can exist is the last.
        assert body["page_number"] == (3 if page == "3" else MAX_PAGE)
    assert not list(export_files.folder().glob("*.json"))


@pytest.mark.parametrize("page", ["²", "-1", "0", "two", ""])
def test_a_page_that_is_not_a_number_from_1_is_the_first(visitor: Client, listed, page) -> None:
    response = visitor.get("/treatment/hsds.json", {"page": page})
    assert response.status_code == 200
    assert response.content == rendered_the_old_way(1)


def test_an_import_command_rebuilds_the_pages_that_were_served(visitor: Client, listed) -> None:
    visitor.get("/treatment/hsds.json")
    visitor.get("/treatment/hsds.json?page=2")
    make_facility(name="Opened today")
    assert export_files.rebuild_stale() == 2
    assert export_files.rebuild_stale() == 0


def test_marking_listings_verified_shows_the_new_date(visitor: Client, listed) -> None:
    visitor.get("/treatment/hsds.json")
    mark_verified(facilities=listed[:1], on=dt.date(2026, 12, 1))  # an update(): no signal
    first = json.loads(visitor.get("/treatment/hsds.json").content)["contents"][0]
    assert first["assured_date"] == "2026-12-01"


def test_a_directory_import_command_rebuilds_the_pages_that_were_served(
    visitor: Client, listed
) -> None:
    visitor.get("/treatment/hsds.json")
    out = StringIO()

    call_command("import_samhsa_locator", str(DATA / "locator_sample.json"), stdout=out)

    assert "Rebuilt 1 served export file(s)" in out.getvalue()
    assert export_files.rebuild_stale() == 0
