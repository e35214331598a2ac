"""Every public page: renders in English and Spanish, carries the help bar, stays on our origin."""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

# Resources a page loads (not links a person may follow) must come from our own origin.
EXTERNAL_RESOURCE = re.compile(
    r"<(?:script|img|iframe|source|audio|video|embed|object)\b[^>]*\s(?:src|data)=[\"']?(?:https?:)?//"
    r"|<link\b[^>]*\shref=[\"']?(?:https?:)?//",
    re.IGNORECASE,
)


def parameterless_page_names() -> list[str]:
    """Names of all page URLs (under the language prefix) that need no arguments."""
    names = []

    def walk(patterns: list, namespace: str = "") -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace
                walk(pattern.url_patterns, f"{namespace}{ns}:" if ns else namespace)
            elif (
                isinstance(pattern, URLPattern)
                and pattern.name
                and not pattern.pattern.regex.groups
            ):
                names.append(namespace + pattern.name)

    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and "LocalePrefixPattern" in type(entry.pattern).__name__:
            walk(entry.url_patterns)
    return sorted(set(names))


PAGES = parameterless_page_names()


def page_url(name: str, language: str) -> str:
    with translation.override(language):
        return reverse(name)


def test_it_finds_the_public_pages() -> None:
    assert {"core:home", "core:privacy", "hotlines:help_now"} <= set(PAGES)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("name", PAGES)
def test_every_page_renders_with_the_help_bar(
    visitor: Client, hotlines: None, name: str, language: str
) -> None:
    response = visitor.get(page_url(name, language))

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert 'class="help-bar"' in html
    assert f'href="{page_url("hotlines:help_now", language)}"' in html
    assert 'href="#main"' in html  # skip link
    assert not EXTERNAL_RESOURCE.search(html), "a page loads something from another host"
    assert not response.cookies, "public pages set no cookies"


@pytest.mark.django_db
def test_spanish_pages_are_in_spanish(visitor: Client, hotlines: None) -> None:
    html = visitor.get("/es/").content.decode()

    assert "Obtener ayuda ahora" in html
    assert "Need help now?" not in html


@pytest.mark.django_db
def test_the_language_switch_links_to_the_same_page_in_the_other_language(
    visitor: Client, hotlines: None
) -> None:
    html = visitor.get("/help-now/").content.decode()

    assert 'href="/es/help-now/" hreflang="es" lang="es"' in html


@pytest.mark.django_db
def test_the_home_page_links_only_to_sections_that_exist(visitor: Client) -> None:
    html = visitor.get("/").content.decode()

    for href in re.findall(r'<ul class="paths">(.*?)</ul>', html, re.S)[0].split('href="')[1:]:
        url = href.split('"')[0]
        assert visitor.get(url).status_code == 200, url


@pytest.mark.django_db
def test_the_health_check_reports_the_database() -> None:
    response = Client().get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_the_health_check_answers_503_when_the_database_is_down(monkeypatch) -> None:
    from django.db import OperationalError, connection

    def broken_cursor(*args, **kwargs):
        raise OperationalError("database is gone")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = Client().get("/healthz")

    assert response.status_code == 503


@pytest.mark.django_db
def test_the_home_page_puts_help_now_first_and_apart_and_someone_worried_near_the_top(
    visitor: Client,
) -> None:
    html = visitor.get("/").content.decode()
    items = re.findall(r'<li( class="path-urgent")?><a href="([^"]+)">', html)

    assert items[0] == (' class="path-urgent"', reverse("hotlines:help_now"))
    assert [urgent for urgent, _url in items[1:]] == [""] * (len(items) - 1)
    urls = [url for _urgent, url in items]
    assert urls.index(reverse("guide:family")) == 2  # after "Is it time to get help?"
