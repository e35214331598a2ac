"""`manage.py check` tells operators about a broken guide file before readers meet it."""

from django.core import checks
from django.urls import NoReverseMatch

from recoverynav.guide.content import ContentError, content_dir, load_page_file, slugs_for
from recoverynav.guide.fit import RULES_PATH, RulesError, load_rules
from recoverynav.guide.rendering import render_markdown
from recoverynav.guide.selectors import route_url


@checks.register()
def check_guide_content(app_configs: object = None, **kwargs: object) -> list[checks.CheckMessage]:
    errors: list[checks.CheckMessage] = []
    for language in ("en", "es"):
        for slug in slugs_for(language):
            path = content_dir() / language / f"{slug}.md"
            try:
                page = load_page_file(path, language=language)
            except ContentError as error:
                errors.append(checks.Error(str(error), id="guide.E001"))
                continue
            errors += [
                checks.Error(f"{path}: no page of the site is called {name!r}", id="guide.E003")
                for name in unknown_routes(page.markdown)
            ]
    try:
        load_rules(RULES_PATH.read_text(encoding="utf-8"))
    except RulesError as error:
        errors.append(checks.Error(str(error), id="guide.E002"))
    return errors


def unknown_routes(markdown: str) -> list[str]:
    """The `route:` link names in a page that the site's URLconf does not have."""
    unknown: list[str] = []

    def resolve(spec: str) -> str | None:
        try:
            return route_url(spec)
        except NoReverseMatch:
            unknown.append(spec.partition("?")[0])
            return None

    render_markdown(markdown, resolve_route=resolve)
    return unknown
