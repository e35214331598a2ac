"""The `{% cache %}` fragments' cache (core/markup_cache.py): markup kept per process,
uncopied, expiring like any cache."""

import pytest
import time_machine
from django.core.cache import caches
from django.template import Context, Template

from recoverynav.core.markup_cache import MarkupCache


def fresh() -> MarkupCache:
    cache = MarkupCache("test-markup", {"OPTIONS": {"MAX_ENTRIES": 10}})
    cache.clear()
    return cache


def test_it_gives_back_the_same_markup_until_it_expires() -> None:
    cache = fresh()
    with time_machine.travel("2026-12-05 12:00:00Z", tick=False) as clock:
        cache.set("card", "<p>Hope House</p>", 60)
        assert cache.get("card") == "<p>Hope House</p>"
        clock.shift(61)
        assert cache.get("card") is None


def test_it_keeps_strings_and_tuples_of_them_only_since_nothing_is_copied() -> None:
    cache = fresh()

    with pytest.raises(TypeError):
        cache.set("list", ["shared", "by", "everyone"], 60)
    cache.set("frame", ("<p>", "slot", "</p>"), 60)  # a frame: a tuple of strings
    assert cache.get("frame") == ("<p>", "slot", "</p>")
    assert cache.add("a", "<p>a</p>", 60) is True
    assert cache.add("a", "<p>b</p>", 60) is False
    assert cache.get("a") == "<p>a</p>"


def test_template_fragments_are_kept_there() -> None:
    template = Template(
        '{% load cache %}{% cache 60 "greeting" name %}<p>Hi {{ name }}</p>{% endcache %}'
    )

    html = template.render(Context({"name": "Sam"}))

    assert html == "<p>Hi Sam</p>"
    assert "<p>Hi Sam</p>" in caches["template_fragments"]._cache.values()
