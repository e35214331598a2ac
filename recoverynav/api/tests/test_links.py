"""api.links.AbsoluteUrl: a path in, a full URL on the asked host out."""

from django.test import RequestFactory
from ninja import Schema

from recoverynav.api.links import AbsoluteUrl


class LinkOut(Schema):
    url: AbsoluteUrl


def answered(path: str, host: str = "help.example.org") -> str:
    request = RequestFactory().get("/api/v1/", HTTP_HOST=host)
    return LinkOut.model_validate({"url": path}, context={"request": request}).url


def test_a_path_becomes_a_full_url_on_the_host_the_client_asked(settings) -> None:
    settings.ALLOWED_HOSTS = ["help.example.org"]

    assert answered("/treatment/7/") == "http://help.example.org/treatment/7/"


def test_an_empty_link_stays_empty_and_a_full_one_is_kept(settings) -> None:
    settings.ALLOWED_HOSTS = ["help.example.org"]

    assert answered("") == ""
    assert answered("https://988lifeline.org/") == "https://988lifeline.org/"


def test_without_a_request_the_path_is_kept() -> None:
    assert LinkOut.model_validate({"url": "/guide/"}).url == "/guide/"
