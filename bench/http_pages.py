"""The pages the HTTP benchmark measures, found the way a visitor finds them: the first guide
article the index links to, and a search form filled in with a different ZIP code each time.
Shared by the same-run and scale-out scenarios."""

import csv
import re
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

from bench import _site
from bench.http_server import fetch

ZIP_FILE = _site.REPO / "recoverynav/geo/data/us_zipcodes_zipcodes-pkg-3.0.0.csv"


def guide_page(base: str) -> str | None:
    """The first guide article the index links to (an article carries the comments and the
    comment form; the guide's tools, like the fit questionnaire, do not), as a visitor would
    open one; the index itself if it links to none."""
    status, html = fetch(base, "/guide/")
    if status != 200:
        return None
    for href in dict.fromkeys(re.findall(r'href="(/guide/[^"#?]+/)"', html)):
        if href != "/guide/" and 'id="comments"' in fetch(base, href)[1]:
            return href
    return "/guide/"


def search_script(base: str, entry: str, folder: Path, name: str) -> tuple[str, Path] | None:
    """A wrk script that sends the entry page's search form as a person would who types a
    ZIP code into the place field and presses Search (every other field as the page set it),
    with a different ZIP code each time; None when the app has no such page on this branch."""
    from recoverynav.core.tests.forms import as_submitted, forms_in

    status, html = fetch(base, entry)
    if status != 200:
        return None
    for form in forms_in(html):
        if form.method != "get":
            continue
        if "place" not in form.names():
            continue
        data = as_submitted(form, typed={"place": "PLACE"})
        path = urlsplit(urljoin(base + entry, form.action or entry)).path
        query = urlencode(data, doseq=True).replace("PLACE", "{place}")
        with ZIP_FILE.open(newline="", encoding="utf-8") as handle:
            zips = [row["zip_code"] for row in csv.DictReader(handle)][::40]
        lua = folder / f"{name}.lua"
        places = ",".join(f'"{z}"' for z in zips)
        lua.write_text(
            f"local places = {{{places}}}\n"
            "local i = 0\n"
            "request = function()\n"
            "  i = i + 1\n"
            f'  local query = string.gsub("{query}", "{{place}}", places[(i % #places) + 1])\n'
            f'  return wrk.format("GET", "{path}?" .. query)\n'
            "end\n"
        )
        return path, lua
    return None
