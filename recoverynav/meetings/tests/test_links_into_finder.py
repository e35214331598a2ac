"""Every link the site builds into the meeting finder lands on a working search.

The guide's pages (English and Spanish, the family page among them), "Which help fits me?"
for every substance and impact, and the self-check's next steps for every result level,
audience and substance: each link to /meetings/ is followed, and the page it lands on must
show results or a question, never a form error. (A crawl that only checks for HTTP 200 passed
while all of these ended in "Select a valid choice".)"""

import html as html_lib
import re

import pytest
from django.utils import translation

from recoverynav.guide.forms import IMPACT, SUBSTANCES
from recoverynav.guide.selectors import list_pages
from recoverynav.screening.definitions import LEVELS
from recoverynav.screening.guidance import _data as next_steps_data
from recoverynav.screening.guidance import next_steps

pytestmark = pytest.mark.django_db
FINDER_LINK = re.compile(r'href="((?:/es)?/meetings/(?:\?[^"#]*)?)"')
FORM_ERRORS = ('class="error-summary"', 'class="errorlist"', "Select a valid choice")
# Every spelling of a fellowship that the pages of other areas use today.
LINKED_VALUES = {"AA", "NA", "SMART", "AL-ANON", "Al-Anon", "Nar-Anon"}


def finder_links(page_html: str) -> set[str]:
    return {html_lib.unescape(url) for url in FINDER_LINK.findall(page_html)}


def guide_links(client, language: str) -> dict[str, str]:
    prefix = "/es" if language == "es" else ""
    found = {}
    with translation.override(language):
        pages = list_pages(language)
    for page in pages:
        url = page.url if page.url.startswith(prefix + "/") else prefix + page.url
        for link in finder_links(client.get(url).content.decode()):
            found.setdefault(link, url)
    return found


def fit_links(client, language: str) -> dict[str, str]:
    prefix = "/es" if language == "es" else ""
    found = {}
    for substance, _label in SUBSTANCES:
        for impact, _label in IMPACT:
            answers = {"substances": [substance], "impact": impact, "withdrawal": "no"}
            page = client.post(f"{prefix}/guide/which-help-fits-me/", answers)
            for link in finder_links(page.content.decode()):
                found.setdefault(link, f"which help fits ({substance}, {impact})")
    return found


def self_check_links(language: str) -> dict[str, str]:
    found = {}
    with translation.override(language):
        for audience, by_substance in next_steps_data()["groups"].items():
            for level in LEVELS:
                for substance in by_substance:
                    steps = next_steps(level=level, substances=[substance], audience=audience)
                    for url in [steps.meetings_url, *(group.url for group in steps.groups)]:
                        if url and "/meetings/" in url:
                            found.setdefault(url, f"self-check ({audience}, {substance})")
    return found


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_link_into_the_meeting_finder_lands_on_a_working_search(
    visitor, hotlines, language
) -> None:
    links = {
        **guide_links(visitor, language),
        **fit_links(visitor, language),
        **self_check_links(language),
    }
    named = {value for url in links for value in re.findall(r"fellowship=([^&]+)", url)}

    assert {"AA", "NA", "SMART"} <= named, named  # the links are there to follow
    assert len(links) >= 5, links
    broken = []
    for url, where in sorted(links.items()):
        response = visitor.get(url)
        body = response.content.decode()
        if response.status_code != 200:
            broken.append(f"{url} (from {where}): HTTP {response.status_code}")
        elif any(error in body for error in FORM_ERRORS):
            broken.append(f"{url} (from {where}): the page shows a form error")
    assert not broken, "\n".join(broken)


@pytest.mark.parametrize("value", sorted(LINKED_VALUES))
@pytest.mark.parametrize("prefix", ["", "/es"])
def test_each_spelling_in_use_today_is_a_working_search(visitor, value, prefix) -> None:
    body = visitor.get(f"{prefix}/meetings/", {"fellowship": value}).content.decode()

    assert not any(error in body for error in FORM_ERRORS)
