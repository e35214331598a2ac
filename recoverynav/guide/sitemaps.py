from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from recoverynav.guide.selectors import REFERENCE_LANGUAGE, list_pages

TOOL_PAGES = ["guide:index", "guide:fit"]


class GuideSitemap(Sitemap):
    """Every guide page in English and Spanish, with hreflang alternates."""

    i18n = True
    languages = ["en", "es"]
    alternates = True

    def items(self) -> list[str]:
        return TOOL_PAGES + [page.key for page in list_pages(REFERENCE_LANGUAGE)]

    def location(self, item: str) -> str:
        if item in TOOL_PAGES:
            return reverse(item)
        return reverse("guide:page", kwargs={"slug": item})
