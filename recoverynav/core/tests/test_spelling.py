"""One spelling in English: US English, the site's default country's (issue 18).

The pages a visitor reads and the English text we write (interface strings, guide pages, the
fit rules, self-check results, hotline notes) must not bring British forms back. Proper names
keep their owners' spelling (ALLOWED_NAMES); URL slugs, anchors and code names are not text a
person reads, so only visible text and our own words are checked. Instrument questions and
answer choices reproduce published wording and are left out on purpose.
"""

import csv
import html
import re
from collections.abc import Iterator
from pathlib import Path

import polib
import pytest
import yaml
from django.test import Client

from recoverynav.core.tests.test_pages import PAGES, page_url
from recoverynav.guide.content import content_dir, slugs_for

PACKAGE_DIR = Path(__file__).resolve().parents[2]

BRITISH_FORMS = re.compile(
    r"\b("
    r"counsell(?:ing|or|ors|ed)"
    r"|behaviour(?:s|al)?"
    r"|colour(?:s|ed)?"
    r"|organis(?:e|ed|es|ing|ation|ations)"
    r"|recognis(?:e|ed|es|ing)"
    r"|licence[sd]?"
    r"|centre[sd]?"
    r"|judgement(?:al|s)?"
    r"|catalogue[sd]?"
    r"|hospitalisation"
    r"|neighbour(?:s|hood|ing)?"
    r"|defence"
    r"|practis(?:e|ed|ing)"
    r"|programme[sd]?"
    r"|cancell(?:ed|ing)"
    r"|grey"
    r"|whilst"
    r"|e-mail"
    r")\b",
    re.IGNORECASE,
)
# Names their owners spell the British way: they stay as written.
ALLOWED_NAMES = ("Centre for Addiction and Mental Health",)

HIDDEN = re.compile(r"<(script|style|template)\b.*?</\1>", re.IGNORECASE | re.DOTALL)
TAG = re.compile(r"<[^>]+>")
# Attributes a person reads or hears (tooltips, screen readers, placeholders, button values).
READ_ATTRIBUTES = re.compile(
    r'\s(?:title|aria-label|alt|placeholder|value|content)="([^"]*)"', re.IGNORECASE
)
FIT_ANSWERS = {
    "substances": ["alcohol", "opioids", "stimulants"],
    "impact": "some",
    "withdrawal": "no",
    "payment": "medicaid",
}


def british_forms(text: str) -> list[str]:
    for name in ALLOWED_NAMES:
        text = text.replace(name, "")
    return sorted({match.group(0) for match in BRITISH_FORMS.finditer(text)})


# Addresses (a hidden field's `/guide/counselling-and-therapy/`) are not words.
ADDRESS = re.compile(r"(?:https?:/)?/\S*")


def visible_text(page: str) -> str:
    page = HIDDEN.sub(" ", page)
    attributes = " ".join(READ_ATTRIBUTES.findall(page))
    return ADDRESS.sub(" ", html.unescape(TAG.sub(" ", page) + " " + attributes))


CATALOGS = sorted(PACKAGE_DIR.glob("*/locale/es/LC_MESSAGES/django.po"))


def english_msgids(po_path: Path) -> Iterator[str]:
    for entry in polib.pofile(str(po_path)):
        yield from (text for text in (entry.msgid, entry.msgid_plural) if text)


def english_values(data: object, *, skip: frozenset[str] = frozenset()) -> Iterator[str]:
    """Every `en:` text in a YAML tree, leaving out the subtrees named in `skip`."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "en" and isinstance(value, str):
                yield value
            elif key not in skip:
                yield from english_values(value, skip=skip)
    elif isinstance(data, list):
        for item in data:
            yield from english_values(item, skip=skip)


def test_it_catches_british_forms_and_spares_proper_names() -> None:
    assert british_forms("Counselling, a licence, the colour grey") == [
        "Counselling",
        "colour",
        "grey",
        "licence",
    ]
    assert british_forms("the Centre for Addiction and Mental Health, Toronto") == []
    assert british_forms("counseling, a license, the color gray") == []


@pytest.mark.parametrize("po_path", CATALOGS, ids=lambda path: path.parts[-5])
def test_every_interface_string_is_in_us_spelling(po_path: Path) -> None:
    found = {msgid: british_forms(msgid) for msgid in english_msgids(po_path)}
    assert not {msgid: forms for msgid, forms in found.items() if forms}


@pytest.mark.parametrize("slug", slugs_for("en"))
def test_every_english_guide_page_is_in_us_spelling(slug: str) -> None:
    text = (content_dir() / "en" / f"{slug}.md").read_text(encoding="utf-8")
    # Link targets are slugs and addresses (`../counselling-and-therapy/`), not words.
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"^(related|url):.*$", "", text, flags=re.MULTILINE)
    text = re.sub(r"https?://\S+", "", text)
    assert not british_forms(text)


@pytest.mark.parametrize(
    ("path", "skip"),
    [
        ("guide/data/fit_rules.yaml", frozenset()),
        ("screening/data/next_steps.yaml", frozenset()),
        *[
            (str(path.relative_to(PACKAGE_DIR)), frozenset({"items", "option_sets", "references"}))
            for path in sorted((PACKAGE_DIR / "screening" / "instruments").glob("*.yaml"))
        ],
    ],
)
def test_our_english_data_text_is_in_us_spelling(path: str, skip: frozenset[str]) -> None:
    data = yaml.safe_load((PACKAGE_DIR / path).read_text(encoding="utf-8"))
    found = {text: british_forms(text) for text in english_values(data, skip=skip)}
    assert not {text: forms for text, forms in found.items() if forms}


def test_our_hotline_notes_are_in_us_spelling() -> None:
    with (PACKAGE_DIR / "hotlines" / "data" / "hotlines.csv").open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    ours = ("hours_en", "languages_en", "who_for_en", "notes_en")
    found = {row["service"]: british_forms(" ".join(row[c] for c in ours)) for row in rows}
    assert not {service: forms for service, forms in found.items() if forms}


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_every_english_page_reads_in_us_spelling(
    visitor: Client, hotlines: None, name: str
) -> None:
    response = visitor.get(page_url(name, "en"))

    assert response.status_code == 200
    assert not british_forms(visible_text(response.content.decode()))


@pytest.mark.django_db
@pytest.mark.parametrize("slug", slugs_for("en"))
def test_every_english_guide_page_reads_in_us_spelling(
    visitor: Client, hotlines: None, slug: str
) -> None:
    response = visitor.get(f"/guide/{slug}/")

    assert response.status_code == 200
    assert not british_forms(visible_text(response.content.decode()))


@pytest.mark.django_db
def test_the_fit_result_reads_in_us_spelling(visitor: Client, hotlines: None) -> None:
    page = visitor.post("/guide/which-help-fits-me/", FIT_ANSWERS).content.decode()

    assert "Counseling that can help" in page  # the section the old spelling was in
    assert not british_forms(visible_text(page))
