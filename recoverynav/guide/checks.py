"""`manage.py check` tells operators about a broken guide file before readers meet it."""

from django.core import checks

from recoverynav.guide.content import ContentError, content_dir, load_page_file, slugs_for
from recoverynav.guide.fit import RULES_PATH, RulesError, load_rules


@checks.register()
def check_guide_content(app_configs: object = None, **kwargs: object) -> list[checks.CheckMessage]:
    errors: list[checks.CheckMessage] = []
    for language in ("en", "es"):
        for slug in slugs_for(language):
            try:
                load_page_file(content_dir() / language / f"{slug}.md", language=language)
            except ContentError as error:
                errors.append(checks.Error(str(error), id="guide.E001"))
    try:
        load_rules(RULES_PATH.read_text(encoding="utf-8"))
    except RulesError as error:
        errors.append(checks.Error(str(error), id="guide.E002"))
    return errors
