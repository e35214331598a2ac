"""Under `make run` a template edit shows on the next request, also on the pages kept in the
cache (framed finders, shared pages): runserver's reloader reports the change through
Django's `file_changed` signal, as these tests do, and nothing rendered by the old
template may be served again."""

import copy
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.test import RequestFactory, override_settings
from django.utils import translation
from django.utils.autoreload import file_changed

from recoverynav.core import fragments
from recoverynav.core.frames import render_framed_page
from recoverynav.core.page_cache import render_shared_page

pytestmark = pytest.mark.django_db

PAGE = """{% extends "core/base.html" %}{% load frame_tags %}
{% block content %}<h1>HEADING</h1>{% slot "answer" %}{{ typed }}{% endslot %}{% endblock %}"""


@pytest.fixture
def app_template(tmp_path: Path, monkeypatch) -> Iterator[Path]:
    """A template of an app of this installation, on disk where the reloader watches it."""
    templates = tmp_path / "devapp" / "templates"
    path = templates / "dev" / "page.html"
    path.parent.mkdir(parents=True)
    path.write_text(PAGE.replace("HEADING", "The first heading"))
    options = copy.deepcopy(settings.TEMPLATES)
    options[0]["DIRS"] = [str(templates)]
    monkeypatch.setattr(fragments, "PACKAGE_DIR", tmp_path)
    fragments.code_fingerprint.cache_clear()
    with override_settings(TEMPLATES=options):
        yield path
    fragments.code_fingerprint.cache_clear()


def _edit(path: Path, heading: str) -> None:
    """What a developer does in the editor, and what runserver's reloader then reports."""
    path.write_text(PAGE.replace("HEADING", heading))
    file_changed.send(sender=None, file_path=path)


def _framed() -> str:
    with translation.override("en"):
        request = RequestFactory().get("/dev/")
        return render_framed_page(request, "dev/page.html", {"typed": "x"}).content.decode()


def _shared() -> str:
    with translation.override("en"):
        request = RequestFactory().get("/dev/")
        return render_shared_page(request, "dev/page.html", context=dict).content.decode()


@pytest.mark.parametrize("render", [_framed, _shared], ids=["framed page", "shared page"])
def test_an_edited_template_is_served_on_the_next_request(app_template: Path, render) -> None:
    assert "<h1>The first heading</h1>" in render()
    assert "<h1>The first heading</h1>" in render()  # now from the cache

    _edit(app_template, "The edited heading")

    assert "<h1>The edited heading</h1>" in render()


def test_a_changed_python_file_leaves_the_cached_pages_alone(app_template: Path) -> None:
    """Only templates and translations are part of the fingerprint (a .py change restarts
    the server anyway)."""
    before = fragments.code_fingerprint()
    file_changed.send(sender=None, file_path=app_template.with_suffix(".py"))

    assert fragments.code_fingerprint.cache_info().currsize == 1
    assert fragments.code_fingerprint() == before
