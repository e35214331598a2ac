"""Pages with per-request parts: the frame is rendered once per language and code, and only
the `{% slot %}` parts for each request. The page must be what a whole render gives, and a
visitor's data must never end up in the frame another visitor is served."""

import copy

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.template import TemplateSyntaxError, engines
from django.test import Client, RequestFactory, override_settings
from django.utils import timezone, translation

from recoverynav.core import frames
from recoverynav.core.frames import render_framed_page

pytestmark = pytest.mark.django_db

PAGE = """{% extends "core/base.html" %}{% load frame_tags %}
{% block content %}<h1>Same for everyone</h1>
{% slot "answer" %}<p>You typed {{ typed }}.</p>{% endslot %}
<p>Outside a slot: {{ typed }}</p>{% endblock %}"""


def _with_templates(**templates: str) -> override_settings:
    """The site's template settings plus in-memory templates for the test."""
    options = copy.deepcopy(settings.TEMPLATES)
    options[0]["APP_DIRS"] = False
    options[0]["OPTIONS"]["loaders"] = [
        ("django.template.loaders.locmem.Loader", templates),
        "django.template.loaders.app_directories.Loader",
    ]
    return override_settings(TEMPLATES=options)


def _page(typed: str, path: str = "/test/") -> str:
    request = RequestFactory().get(path)
    with translation.override("en"):
        return render_framed_page(request, "test/page.html", {"typed": typed}).content.decode()


@_with_templates(**{"test/page.html": PAGE})
def test_slots_are_rendered_for_each_request_and_the_rest_is_shared() -> None:
    first, second = _page("first"), _page("second")

    assert "<p>You typed first.</p>" in first
    assert "<p>You typed second.</p>" in second
    assert first.replace("first", "second") == second


@_with_templates(**{"test/page.html": PAGE})
def test_a_visitors_value_outside_a_slot_is_never_part_of_the_shared_frame() -> None:
    first = _page("first-secret")
    second = _page("second")

    assert "Outside a slot: </p>" in first
    assert "first-secret" not in second


@_with_templates(**{"test/page.html": PAGE})
def test_the_frame_is_rendered_once(monkeypatch) -> None:
    renders = []
    real = frames.Template.render

    def counting(template, context):
        renders.append(template.name)
        return real(template, context)

    monkeypatch.setattr(frames.Template, "render", counting)
    for typed in ("a", "b", "c"):
        _page(typed)

    assert renders.count("test/page.html") == 1


@_with_templates(**{"test/page.html": PAGE})
def test_the_language_links_keep_each_requests_query_string() -> None:
    page = _page("x", "/treatment/?place=22903&radius=25")

    assert 'hreflang="es" href="/es/treatment/?place=22903&amp;radius=25"' in page
    assert 'href="/es/treatment/?place=22903&amp;radius=25" hreflang="es"' in page
    assert "place=22903" not in _page("x", "/treatment/")


@_with_templates(**{"test/page.html": PAGE})
def test_with_the_page_cache_off_the_page_is_rendered_whole(settings) -> None:
    settings.PAGE_CACHE_ENABLED = False

    assert "Outside a slot: leaks into this page only</p>" in _page("leaks into this page only")


@_with_templates(
    **{
        "test/page.html": PAGE.replace(
            '{% slot "answer" %}<p>You typed {{ typed }}.</p>{% endslot %}',
            '{% include "test/part.html" %}',
        ),
        "test/part.html": '{% load frame_tags %}{% slot "hidden" %}{{ typed }}{% endslot %}',
    }
)
def test_a_slot_the_page_cannot_find_means_the_page_is_rendered_whole() -> None:
    """Slots belong in the page's own template or one it extends, not in an include."""
    assert "Outside a slot: whole</p>" in _page("whole")


def test_a_slot_needs_a_quoted_name() -> None:
    with pytest.raises(TemplateSyntaxError, match="slot"):
        engines["django"].from_string("{% load frame_tags %}{% slot name %}{% endslot %}")


FINDER_PATHS = [
    "/treatment/?place=22903&radius=25",
    "/treatment/?place=22903&setting=outpatient&otp=on&page=2",
    "/treatment/?place=Springfield",
    "/treatment/?place=00000",
    "/treatment/?radius=7",
    "/es/treatment/?place=22903",
    "/meetings/?place=22903&radius=10",
    "/meetings/?attendance=online&when=now",
    "/es/meetings/?place=zzzz",
]


SLOT_RULE = (
    "The framed page differs from a whole render of {path}. The rule of framed pages "
    "(core/frames.py, and the comment atop directory/search.html and meetings/search.html): "
    "a visitor's value (request, form data, results) belongs inside a "
    '{{% slot "name" %}}…{{% endslot %}} in the page\'s own template or one it extends, never '
    "outside a slot and never in an {{% include %}}."
)


def test_the_finders_are_the_same_pages_as_whole_renders(demo_data, settings) -> None:
    visitor = Client()
    # Frozen: "ends in N minutes" would change between the renders at a minute boundary.
    with time_machine.travel(timezone.now(), tick=False):
        framed = {path: visitor.get(path) for path in FINDER_PATHS}
        again = {path: visitor.get(path).content for path in FINDER_PATHS}
        settings.PAGE_CACHE_ENABLED = False
        cache.clear()
        wholes = {path: visitor.get(path) for path in FINDER_PATHS}
    for path, whole in wholes.items():
        assert framed[path].status_code == whole.status_code, path
        assert framed[path].content == again[path], path
        assert framed[path].content == whole.content, SLOT_RULE.format(path=path)


def test_the_test_client_sees_a_framed_pages_template_and_context(visitor: Client) -> None:
    """As for a whole render: specification tests read `response.context`."""
    response = visitor.get("/treatment/")

    assert "directory/search.html" in [template.name for template in response.templates]
    assert response.context["panel_open"] is True
