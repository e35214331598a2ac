"""Page weight of every public page: compressed bytes of the HTML and everything it loads.

Budget (docs/DESIGN.md): at most 30 KB compressed per page, 0 bytes from other hosts. Pages are
every parameterless page in English and Spanish plus the pages their links reach (so pages of
apps that land later are measured without editing this file), rendered with production
settings and the collected, compressed static files.
"""

import gzip
import os
import re
import statistics
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bench import _site

BUDGET_BYTES = 30 * 1024
MAX_PAGES = 80
# In-process render time (median; same middleware, no network): steadier than HTTP here.
RENDERS = 10
# What a browser fetches to show the page: scripts, images and the links it loads
# (stylesheets, icons). `<link rel="alternate">` (the feed, the other language, the HSDS
# export) only names another document and is not fetched.
RESOURCE = re.compile(
    r"<(?:script|img|source)\b[^>]*?\ssrc=[\"']([^\"']+)[\"']"
    r"|<link\b(?=[^>]*\srel=[\"'](?:stylesheet|icon|preload|modulepreload)[\"'])"
    r"[^>]*?\shref=[\"']([^\"']+)[\"']",
    re.IGNORECASE,
)
LINK = re.compile(r"<a\b[^>]*?\shref=[\"']([^\"'#]+)", re.IGNORECASE)
SKIPPED = ("/static/", "/api/", "/admin/", "/healthz", "/bench/")


def compressed(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


# Long because: one crawl of the throw-away site measuring each page as it goes (size, render
# time, third-party resources) and the summary; shortening it is the bench owner's call.
def run() -> dict:
    with _site.temporary_folder() as folder:
        env = _site.production_env(Path(folder))
        _site.prepare(env)
        os.environ.update(env)
        os.environ["DJANGO_SETTINGS_MODULE"] = "recoverynav.settings"
        import django

        django.setup()
        from django.test import Client

        from recoverynav.core.tests.test_pages import PAGES, page_url

        client = Client()
        queue = [page_url(name, language) for language in ("en", "es") for name in PAGES]
        seen = set(queue)
        pages = {}
        while queue and len(pages) < MAX_PAGES:
            url = queue.pop(0)
            response = client.get(url)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            html = response.content
            timings = []
            for _ in range(RENDERS):
                started = time.perf_counter()
                client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
            render_ms = statistics.median(timings)
            text = html.decode(errors="replace")
            own, foreign = 0, 0
            found = (src or href for src, href in RESOURCE.findall(text))
            for resource in dict.fromkeys(found):
                if urlsplit(resource).netloc:
                    foreign += 1
                    continue
                asset = client.get(urljoin(url, resource))
                body = b"".join(asset.streaming_content) if asset.streaming else asset.content
                own += compressed(body)
            pages[url] = {
                "html_gzip": compressed(html),
                "total_gzip": compressed(html) + own,
                "third_party_resources": foreign,
                "render_ms": round(render_ms, 2),
            }
            for link in LINK.findall(text):
                target = urljoin(url, link)
                if target.startswith("/") and not target.startswith(SKIPPED) and target not in seen:
                    seen.add(target)
                    queue.append(target)
    heaviest = max(pages, key=lambda u: pages[u]["total_gzip"])
    over = sorted(u for u, p in pages.items() if p["total_gzip"] > BUDGET_BYTES)
    for url, figures in sorted(pages.items()):
        print(f"   {figures['total_gzip'] / 1024:6.1f} KB {figures['render_ms']:7.2f} ms  {url}")
    return {
        "pages": len(pages),
        "budget_kb": BUDGET_BYTES // 1024,
        "heaviest": {"url": heaviest, "kb": round(pages[heaviest]["total_gzip"] / 1024, 1)},
        "over_budget": over,
        "third_party_resources": sum(p["third_party_resources"] for p in pages.values()),
        "per_page_kb": {u: round(p["total_gzip"] / 1024, 1) for u, p in sorted(pages.items())},
        "per_page_render_ms": {u: p["render_ms"] for u, p in sorted(pages.items())},
    }
