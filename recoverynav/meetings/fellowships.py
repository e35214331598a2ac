"""Fellowships as a filter: the canonical codes, the spellings other pages link with, and each
fellowship's own meeting finders (plain links, shown where our listings run out)."""

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

from recoverynav.meetings.models import Fellowship

FINDERS_FILE = Path(__file__).resolve().parent / "data" / "fellowship_finders.csv"
VERIFIED = "verified"
# Spellings people and pages use, lower-cased, beside each canonical code (itself included).
ALIASES = {
    Fellowship.AA: ["aa", "a.a.", "alcoholics anonymous"],
    Fellowship.NA: ["na", "n.a.", "narcotics anonymous"],
    Fellowship.CA: ["ca", "c.a.", "cocaine anonymous"],
    Fellowship.CMA: ["cma", "crystal meth anonymous"],
    Fellowship.SMART: ["smart", "smart recovery", "smart-recovery", "smartrecovery"],
    Fellowship.AL_ANON: [
        "al-anon",
        "alanon",
        "al anon",
        "alateen",
        "al-anon/alateen",
        "al-anon-alateen",
        "al-anon family groups",
    ],
    Fellowship.NAR_ANON: ["nar-anon", "naranon", "nar anon", "narateen", "nar-anon family groups"],
    Fellowship.OTHER: ["other", "others"],
}
_CANONICAL = {alias: str(code) for code, aliases in ALIASES.items() for alias in aliases}


def canonical_fellowship(value: str) -> str:
    """The canonical code for a spelling ("AA", "Al-Anon", "SMART" → "aa", "al-anon",
    "smart"), or the value unchanged when it is none we know (the form then says so)."""
    return _CANONICAL.get(" ".join(value.strip().lower().split()), value)


@dataclass(frozen=True)
class Finder:
    fellowship: str
    finder_url: str
    online_finder_url: str
    checked: str
    status: str

    @property
    def name(self) -> str:
        return str(Fellowship(self.fellowship).label)

    @property
    def verified(self) -> bool:
        """Opened and checked by an operator (status `verified`, with the date in `checked`);
        the bundled rows are `needs-verification` until then."""
        return self.status == VERIFIED


@functools.cache
def finders() -> dict[str, Finder]:
    """Each fellowship's own finder pages, from data/fellowship_finders.csv."""
    with FINDERS_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {
        row["fellowship"]: Finder(
            fellowship=row["fellowship"],
            finder_url=row["finder_url"],
            online_finder_url=row["online_finder_url"],
            checked=row["checked"],
            status=row["status"],
        )
        for row in rows
    }


def finder_links(fellowships: list[str]) -> dict:
    """What a page needs to show the finders: the links, and whether any is unchecked (the
    page then says so, and what to do when a link fails)."""
    shown = finders_for(fellowships)
    return {"finders": shown, "finders_unchecked": any(not f.verified for f in shown)}


def finders_for(fellowships: list[str]) -> list[Finder]:
    """The finders of the chosen fellowships, or of the main ones when none was chosen."""
    known = finders()
    chosen = [code for code in fellowships if code in known]
    if not chosen:
        chosen = [Fellowship.AA, Fellowship.NA, Fellowship.SMART, Fellowship.AL_ANON]
    return [known[code] for code in chosen]
