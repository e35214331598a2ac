from django.contrib.sitemaps import Sitemap
from django.urls import reverse

# The site's entry points in every language; the guide adds its own pages.
ENTRY_POINTS = [
    "core:home",
    "hotlines:help_now",
    "screening:start",
    "directory:search",
    "meetings:search",
    "plan:plan",
    "plan:tracker",
    "core:privacy",
    "core:data_sources",
]


class EntryPointsSitemap(Sitemap):
    i18n = True
    languages = ["en", "es"]
    alternates = True

    def items(self) -> list[str]:
        return ENTRY_POINTS

    def location(self, item: str) -> str:
        return reverse(item)
