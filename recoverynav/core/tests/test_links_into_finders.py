"""Every link the site builds into a finder lands on a working search (issue 18).

A crawl that only checks for HTTP 200 passed while every "Find an AA meeting" ended in
"Select a valid choice". Here each link into the treatment finder or the meeting finder is
followed, and the page it lands on must show no form error (an error summary, an error list, a
field marked invalid, "Select a valid choice", a place that could not be found), not even
inside a folded panel. The links come from:

- every page reachable by links from the parameterless pages, in English and Spanish (home,
  help-now, the guide with the family page, the plan, privacy, data sources…);
- "Which help fits me?" answered for every substance, impact and withdrawal answer, and with
  the optional answers that change its links (payment, pregnancy, home, mental health);
- the self-check's result for a spread of answers (each audience, substance and age group,
  from the lowest answers to the highest), in both languages;
- the finders' own pages after a search with filters (filters to remove, other pages) and the
  facility and meeting pages reached from them ("Back to the search").

The demo data is loaded once for the module (`demo_database`).
"""

import html
import re
from collections import deque
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.test import Client

from recoverynav.core.tests.test_pages import PAGES, page_url
from recoverynav.guide.forms import IMPACT, SUBSTANCES, WITHDRAWAL
from recoverynav.screening import flow
from recoverynav.screening.selectors import get_instrument

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "es"]
FINDER = re.compile(r"^(?:/es)?/(?:treatment|meetings)/(?:\?.*)?$")
DETAIL = re.compile(r"^(?:/es)?/(?:treatment/\d+|meetings/[\w-]+)/$")
SKIPPED = re.compile(r"^(?:/es)?/(?:static|api|admin|healthz|comments)/|\.(?:ics|json|csv)\b")
LINK = re.compile(r'<a\s[^>]*href="([^"#][^"]*)"')
FORM_ERRORS = [
    re.compile(r'class="[^"]*\b(?:error-summary|errorlist|error|has-error)\b'),
    re.compile(r'aria-invalid="true"'),
    re.compile(r'id="place-error"'),
    re.compile(r"Select a valid choice|Escoja una opción válida"),
]


def internal_links(page: str, base: str) -> list[str]:
    """The page's links to this site, as paths with their query (relative ones, such as a
    filter chip's "?medication=…", resolved against the page's own address)."""
    found = []
    for href in LINK.findall(page):
        href = html.unescape(href)
        if re.match(r"^[a-z][a-z0-9+.-]*:|^//", href):  # another site, tel:, sms:, mailto:…
            continue
        parts = urlsplit(urljoin(f"http://testserver{base}", urldefrag(href)[0]))
        url = parts.path + (f"?{parts.query}" if parts.query else "")
        if not SKIPPED.search(url):
            found.append(url)
    return found


def form_errors(page: str) -> list[str]:
    return [match.group(0) for pattern in FORM_ERRORS for match in pattern.finditer(page)]


class FinderLinks:
    """Links into a finder, each with the first page it was found on."""

    def __init__(self) -> None:
        self.found: dict[str, str] = {}

    def collect(self, page: str, where: str, *, address: str = "") -> list[str]:
        """Records the finder links of `page`, found at `where` (its address, or what led to
        it; `address` when that is not it); returns all its links to this site."""
        links = internal_links(page, address or where)
        for url in links:
            if FINDER.match(url):
                self.found.setdefault(url, where)
        return links


def crawl(client: Client, finder_links: FinderLinks) -> int:
    """Follows same-site links from every parameterless page in both languages; finder
    pages are targets, not crawled further. Returns the number of pages read."""
    queue = deque(page_url(name, language) for name in PAGES for language in LANGUAGES)
    seen = set(queue)
    while queue:
        url = queue.popleft()
        response = client.get(url)
        if "text/html" not in response.get("Content-Type", ""):
            continue
        for link in finder_links.collect(response.content.decode(), url):
            path = urlsplit(link).path
            if link not in seen and not FINDER.match(link) and not DETAIL.match(path):
                seen.add(link)
                queue.append(link)
    return len(seen)


def fit_answers() -> list[dict]:
    grid = [
        {"substances": [substance], "impact": impact, "withdrawal": withdrawal}
        for substance, _ in SUBSTANCES
        for impact, _ in IMPACT
        for withdrawal, _ in WITHDRAWAL
    ]
    optional = [
        {"payment": payment, "pregnant": "yes", "home": "unstable", "mental_health": "yes"}
        for payment in ["medicaid", "medicare", "private_insurance", "none"]
    ]
    mixed = {"substances": ["alcohol", "opioids"], "impact": "most", "withdrawal": "yes"}
    return grid + [{**mixed, **extra} for extra in optional]


def self_check_result(client: Client, prefix: str, *, audience, substance, age, choice) -> str:
    """The result page for answers that pick the choice at index `choice` (or the last one)
    on every question, sent the way the one-page (JavaScript) self-check sends them."""
    start = {"audience": audience, "substances": substance, "age_band": age, "sex": ""}
    page = client.post(f"{prefix}/self-check/questions/", {**start, "layout": "single"})
    token = re.search(r'name="token" value="([^"]+)"', page.content.decode()).group(1)
    answers = {"token": token, "action": "all", "safety-answer": "no"}
    for instrument_id in flow.loads(token).instruments:
        for item in get_instrument(instrument_id).items:
            name = f"{flow.step_key(instrument_id, item.id)}-answer"
            options = item.options
            answers[name] = options[min(choice, len(options) - 1)].code if options else choice
    result = client.post(f"{prefix}/self-check/questions/", answers)
    assert result.status_code == 200
    return result.content.decode()


def test_every_link_the_site_builds_into_a_finder_lands_on_a_working_search(
    demo_database,
) -> None:
    client = Client()
    links = FinderLinks()

    pages_read = crawl(client, links)

    for language in LANGUAGES:
        prefix = "" if language == "en" else "/es"
        for answers in fit_answers():
            page = client.post(f"{prefix}/guide/which-help-fits-me/", answers)
            where = f"which help fits me {answers}"
            links.collect(
                page.content.decode(), where, address=f"{prefix}/guide/which-help-fits-me/"
            )
        for audience in ["self", "other"]:
            for substance in ["alcohol", "opioids", "stimulants", "cannabis", "sedatives"]:
                for age, choice in [("21-64", 0), ("21-64", 1), ("21-64", 9), ("12-17", 2)]:
                    page = self_check_result(
                        client,
                        prefix,
                        audience=audience,
                        substance=substance,
                        age=age,
                        choice=choice,
                    )
                    where = f"self-check {audience} {substance} {age} {choice}"
                    links.collect(page, where, address=f"{prefix}/self-check/questions/")
        searches = [
            "/treatment/?place=22903&radius=25&medication=buprenorphine&payment=medicaid",
            "/meetings/?place=19103&radius=10",
            "/meetings/?attendance=online",
        ]
        for search in searches:
            page = client.get(prefix + search).content.decode()
            for link in links.collect(page, prefix + search):
                if DETAIL.match(urlsplit(link).path):
                    detail = client.get(link).content.decode()
                    links.collect(detail, link)
                    break

    broken = []
    for url, where in sorted(links.found.items()):
        response = client.get(url)
        if response.status_code != 200:
            broken.append(f"{url} (from {where}): HTTP {response.status_code}")
        elif errors := form_errors(response.content.decode()):
            broken.append(f"{url} (from {where}): a form error {errors[:3]}")
    finders = {urlsplit(url).path for url in links.found}
    with_query = [url for url in links.found if "?" in url]
    assert pages_read > 50
    assert finders >= {"/treatment/", "/meetings/", "/es/treatment/", "/es/meetings/"}
    assert len(with_query) > 20, with_query  # the walk reached the links that carry a search
    fellowships = {value for url in links.found for value in re.findall(r"fellowship=([^&]+)", url)}
    assert {"AA", "NA", "SMART"} <= {value.upper() for value in fellowships}, fellowships
    assert not broken, f"{len(broken)} of {len(links.found)} links:\n" + "\n".join(broken)
