"""A person walking the site on a phone, and the checks every page they reach must pass.

`Person` speaks in a person's actions (`opens`, `taps`, `chooses`, `types`, `presses`,
`goes_back`); after each action that loads a page, `page_problems` looks at the page and the
problems are collected, so one run of a journey reports everything it met on the way, with
the step and the address. `test_journeys.py` walks the six journeys of issue 18 with it.

What every page must pass (docs/quality.md, "Journeys"):

- **no sideways scroll**: the document is no wider than the phone (390 px);
- **no form error after a link**: a page reached by a link (or a typed address, or Back) shows
  no error summary, error list, field marked invalid or "Select a valid choice", not even in
  a folded panel; a page answering a form the person sent may;
- **a call link in every crisis panel**: each `.crisis-panel` and `[data-crisis]` block holds
  a `tel:` link, shown or not yet shown;
- **results first**: after a search, the first result (or the "nothing found" notice) starts
  within 1.5 screens of the top;
- **no English data on a Spanish path**: see `ENGLISH_MARKERS`;
- **axe-core**: no WCAG 2.0-2.2 A/AA violation;
- and no script error or failed load, and nothing fetched from another host.
"""

from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

# Words common in English text and absent from Spanish (words both languages share, or that
# are Spanish words too, are left out: "a", "no", "me", "has", "use", "can", "son", "miles",
# "online", "who"). On a page under /es/, a run of text containing two of them, or made only
# of them ("Closed", "Open now"), is English shown to a Spanish reader. Names are exempt when
# the page marks them: text inside an element with translate="no" (a name, left as it is) or
# a lang other than Spanish (lang="en": the site says this part is in English, so screen
# readers read it in English and the reader knows). Everything else must be in Spanish.
ENGLISH_MARKERS = frozenset(
    """
    the and with for only your you please this that these those from are is was were will
    would should must not or of to in on at by it be we our they their there here what when
    where which how about after before more most near open closed now call text phone hours
    free help get find people women men meeting meetings treatment services service program
    accepts english spanish languages language medications disorders days weekdays weekends
    daily monday tuesday wednesday thursday friday saturday sunday available without other
    also all any each interpreters many some every walk appointment required
    """.split()  # noqa: SIM905 (a paragraph of words reads better than 100 strings)
)

FORM_ERROR_TEXTS = ("Select a valid choice", "Escoja una opción válida")

# One evaluation in the page gathers every fact the checks judge.
PAGE_FACTS = """
({markers, errorTexts, spanish}) => {
  const describe = el => {
    const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
      + (el.className && typeof el.className === "string"
         ? "." + el.className.trim().split(/\\s+/).join(".") : "");
    return name + ' "' + (el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 70) + '"';
  };
  const hidden = el => el.closest("[hidden]") !== null;
  // The layout viewport: on a phone, innerWidth grows to fit a page that is too wide.
  const width = document.documentElement.clientWidth;
  const facts = {scrollWidth: document.documentElement.scrollWidth, viewportWidth: width};
  facts.tooWide = [...document.body.querySelectorAll("*")]
    .filter(el => el.getBoundingClientRect().right > width + 1 && !hidden(el)
      && !el.querySelector("*") )
    .slice(0, 3).map(describe);

  facts.formErrors = [...document.querySelectorAll(
      ".error-summary, .errorlist, .has-error, p.error, [aria-invalid='true']")]
    .filter(el => !hidden(el) && (el.textContent.trim() || el.matches("[aria-invalid]")))
    .map(describe);
  const text = document.body.textContent;
  for (const phrase of errorTexts) {
    if (text.includes(phrase)) { facts.formErrors.push('text "' + phrase + '"'); }
  }

  facts.panelsWithoutCall = [...document.querySelectorAll(".crisis-panel, [data-crisis]")]
    .filter(panel => !panel.querySelector("a[href^='tel:']")).map(describe);

  const first = document.querySelector("main .results > li")
    || document.querySelector("main .no-results");
  facts.firstResult = first
    ? {y: Math.round(first.getBoundingClientRect().top + window.scrollY), what: describe(first)}
    : null;

  facts.english = [];
  if (spanish) {
    const markerSet = new Set(markers);
    const exempt = el => el.closest("script, style, [translate='no']")
      || !(el.closest("[lang]")?.lang || "es").toLowerCase().startsWith("es");
    const judge = (words, where) => {
      const found = (words.toLowerCase().match(/[a-záéíóúüñ]+/g) || []);
      const hits = found.filter(word => markerSet.has(word));
      if (hits.length >= 2 || (hits.length && hits.length === found.length)) {
        facts.english.push(where + ' "' + words.trim().replace(/\\s+/g, " ").slice(0, 80) + '"');
      }
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.textContent.trim() && !exempt(node.parentElement)) {
        judge(node.textContent, node.parentElement.tagName.toLowerCase());
      }
    }
    const labelled = "[aria-label], [alt], [title], [placeholder]";
    for (const el of document.body.querySelectorAll(labelled)) {
      if (exempt(el)) { continue; }
      for (const attribute of ["aria-label", "alt", "title", "placeholder"]) {
        const value = el.getAttribute(attribute);
        if (value) { judge(value, el.tagName.toLowerCase() + "[" + attribute + "]"); }
      }
    }
  }
  return facts;
}
"""

SCREEN_HEIGHT = 844
RESULTS_WITHIN = 1.5 * SCREEN_HEIGHT


def page_problems(tab: Any, *, arrived_by: str, spanish: bool) -> list[str]:
    """What is wrong with the page the tab shows. `arrived_by` is "link" (a link, a typed
    address, Back), "form" (an answer to a form the person sent) or "search" (a form that
    searches: its results must come first)."""
    facts = tab.page.evaluate(
        PAGE_FACTS,
        {"markers": sorted(ENGLISH_MARKERS), "errorTexts": FORM_ERROR_TEXTS, "spanish": spanish},
    )
    problems = []
    if facts["scrollWidth"] > facts["viewportWidth"]:
        problems.append(
            f"the page is {facts['scrollWidth']} px wide on a {facts['viewportWidth']} px "
            f"phone (sticking out: {facts['tooWide']})"
        )
    if arrived_by == "link" and facts["formErrors"]:
        problems.append(f"a link led to a form error: {facts['formErrors'][:4]}")
    if facts["panelsWithoutCall"]:
        problems.append(f"a crisis panel has no call link: {facts['panelsWithoutCall']}")
    if arrived_by == "search":
        first = facts["firstResult"]
        if first is None:
            problems.append("a search showed neither results nor a 'nothing found' notice")
        elif first["y"] > RESULTS_WITHIN:
            problems.append(
                f"the results start at y = {first['y']} px, below 1.5 screens "
                f"({RESULTS_WITHIN:.0f} px): {first['what']}"
            )
    if facts["english"]:
        problems.append(f"English on a Spanish page: {facts['english'][:6]}")
    problems += [
        f"axe {violation['id']}: {violation['help']} {violation['targets']}"
        for violation in tab.axe_violations()
    ]
    return problems


@dataclass
class Person:
    """Someone on a phone, with JavaScript or without, reading English or Spanish. Every page
    their actions load is checked; the problems wait in `problems` until `is_done()`."""

    tab: Any
    javascript: bool
    language: str = "en"
    problems: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)

    @property
    def page(self) -> Any:
        return self.tab.page

    @property
    def prefix(self) -> str:
        return "" if self.language == "en" else f"/{self.language}"

    # --- Actions that load a page -----------------------------------------------------------
    def opens(self, path: str) -> None:
        """Types an address (or follows a bookmark)."""
        self.tab.goto(self.prefix + path)
        self._look(f"opens {path}", arrived_by="link")

    def taps(
        self, name: str, *, exact: bool = False, within: str = "body", search: bool = False
    ) -> None:
        """Taps the first link called `name` (its accessible name, as a screen reader says it);
        `search`: the link runs a search, whose results must come first."""
        links = self.page.locator(within).get_by_role("link", name=name, exact=exact)
        with self.page.expect_navigation():
            links.filter(visible=True).first.tap()
        self._look(f'taps "{name}"', arrived_by="search" if search else "link")

    def opens_the_first_result(self) -> str:
        """Taps the name of the first result of a search; returns that name."""
        link = self.page.locator("main .results > li a").first
        name = link.inner_text()
        with self.page.expect_navigation():
            link.tap()
        self._look(f'opens the first result, "{name}"', arrived_by="link")
        return name

    def presses(self, name: str, *, search: bool = False) -> None:
        """Presses a button that sends a form."""
        button = self.page.get_by_role("button", name=name, exact=True).filter(visible=True)
        with self.page.expect_navigation():
            button.first.tap()
        self._look(f'presses "{name}"', arrived_by="search" if search else "form")

    def goes_back(self) -> None:
        """The phone's Back button."""
        self.page.go_back()
        self._look("goes back", arrived_by="link")

    def reloads(self) -> None:
        self.page.reload()
        self._look("reloads the page", arrived_by="link")

    # --- Actions within a page --------------------------------------------------------------
    def presses_in_page(self, name: str) -> None:
        """Presses a button a script answers in the page (nothing loads)."""
        self.page.get_by_role("button", name=name, exact=True).filter(visible=True).first.tap()

    def chooses(self, label: str, *, within: str = "main", exact: bool = True) -> None:
        """Ticks a checkbox or picks a radio button by its label."""
        self.page.locator(within).get_by_label(label, exact=exact).first.check()

    def unfolds(self, summary: str) -> None:
        """Opens a folded part of the page (a <details> whose summary says `summary`)."""
        fold = self.page.locator("main summary", has_text=summary).first
        if fold.evaluate("summary => !summary.parentElement.open"):
            fold.tap()

    def selects(self, label: str, option: str) -> None:
        self.page.get_by_label(label, exact=True).select_option(label=option)

    def is_at(self, *, latitude: float, longitude: float) -> None:
        """Lets the site know where the phone is, when it asks (JavaScript's geolocation)."""
        self.page.context.grant_permissions(["geolocation"])
        self.page.context.set_geolocation({"latitude": latitude, "longitude": longitude})

    def types(self, label: str, text: str) -> None:
        """Types into the first field shown whose label contains `label`."""
        fields = self.page.get_by_label(label).and_(self.page.locator("input, textarea"))
        fields.filter(visible=True).first.fill(text)

    def looks_again(self, why: str) -> None:
        """The page changed without loading (a script showed something): check it again."""
        self._look(why, arrived_by="link")

    # --- What they see ------------------------------------------------------------------------
    def sees(self, text: str) -> None:
        try:  # a script may still be writing it
            self.page.get_by_text(text).filter(visible=True).first.wait_for(timeout=5_000)
        except PlaywrightTimeoutError:
            raise AssertionError(f'"{text}" is not on {self.page.url}') from None

    def prints_it(self, *keeps: str) -> None:
        """Prints the page: what to act on (`keeps`: a name, a phone number…) is on paper;
        buttons and links that only work on a screen (save, share, report, search again)
        are not."""
        self.page.emulate_media(media="print")
        try:
            printed = self.page.locator("main").inner_text()
            missing = [text for text in keeps if text not in printed]
            if missing:
                self.problems.append(f"{self.page.url}: printed without {missing}")
            screen_only = self.page.locator(
                "main button, main [data-plan-save], main [data-share], main form, "
                "main a[href$='/report/']"
            ).filter(visible=True)
            shown = [screen_only.nth(i).inner_text().strip() for i in range(screen_only.count())]
            if shown:
                self.problems.append(f"{self.page.url}: printed with screen-only controls {shown}")
        finally:
            self.page.emulate_media(media="screen")

    def shares_it(self) -> None:
        """With JavaScript: "Share" or "Copy link" passes on the page's own address."""
        self.page.context.grant_permissions(["clipboard-read", "clipboard-write"])
        button = self.page.locator("[data-share] button")
        if not button.is_visible():
            self.problems.append(f"{self.page.url}: no Share or Copy link control")
            return
        button.tap()
        self.page.get_by_text("Link copied").wait_for()
        copied = self.page.evaluate("navigator.clipboard.readText()")
        address = self.page.url.split("?")[0].split("#")[0]
        if copied != address:
            self.problems.append(f"{self.page.url}: the link copied was {copied}")

    def sees_results(self) -> bool:
        """Whether the search found anything (else its notice says what to try)."""
        return self.page.locator("main .results > li").count() > 0

    def cannot_see_button(self, name: str) -> None:
        """No such button is shown (one that would do nothing here)."""
        if self.page.get_by_role("button", name=name).filter(visible=True).count():
            self.problems.append(f'{self.page.url}: a "{name}" button is shown')

    def does_not_see(self, text: str) -> None:
        main = self.page.locator("main").inner_text()
        if text in main:
            self.problems.append(f'{self.page.url}: "{text}" is on the page')

    def can_add_it_to_a_calendar(self) -> None:
        """The page offers an iCalendar file of the meeting."""
        link = self.page.locator("main a[href$='.ics']")
        if not link.count():
            self.problems.append(f"{self.page.url}: no link to add the meeting to a calendar")

    def can_call(self, number: str) -> None:
        """The page has a call link that dials `number` (whatever its words)."""
        digits = "".join(c for c in number if c.isdigit())
        dialled = self.page.eval_on_selector_all(
            "a[href^='tel:']", "links => links.map(a => a.href.replace(/\\D/g, ''))"
        )
        if not any(d.endswith(digits) for d in dialled):
            self.problems.append(f"{self.page.url}: no call link to {number}")

    def can_call_on_the_first_screen(self, name: str) -> None:
        """A call button `name` is on the page before any scrolling."""
        button = self.page.locator("a[href^='tel:']").filter(has_text=name).first
        box = button.bounding_box() if button.count() else None
        if box is None or box["y"] + box["height"] > SCREEN_HEIGHT:
            self.problems.append(
                f'{self.page.url}: "{name}" is not a call link within the first screen '
                f"(at {box and round(box['y'])})"
            )

    def is_done(self) -> None:
        """The journey ended: nothing it met was wrong, and nothing left our site."""
        assert not self.problems, "\n".join(self.problems)
        assert not self.tab.foreign_requests(), self.tab.foreign_requests()

    # --- The checks ---------------------------------------------------------------------------
    def _look(self, step: str, *, arrived_by: str) -> None:
        url = self.page.url.removeprefix(self.tab.origin)
        self.pages.append(url)
        label = f"step {len(self.pages)} ({step}) {url}"
        found = page_problems(self.tab, arrived_by=arrived_by, spanish=self.language == "es")
        self.problems += [f"{label}: {problem}" for problem in found]
        errors = [error for error in self.tab.console_errors if self._counts(error, arrived_by)]
        if errors:
            self.problems.append(f"{label}: script errors or failed loads {errors}")
        self.tab.console_errors.clear()

    def _counts(self, error: str, arrived_by: str) -> bool:
        """A console error that is a fault. Scripts refused on purpose (no JavaScript) are
        not; nor is a form's own answer with its errors (400 or 422, by design)."""
        if not self.javascript and ("ERR_FAILED" in error or ".js" in error):
            return False
        return not (arrived_by != "link" and self.page.url in error)
