from django.contrib.sitemaps.views import sitemap
from django.urls import path

from recoverynav.guide import views
from recoverynav.guide.sitemaps import GuideSitemap

app_name = "guide"

urlpatterns = [
    path("", views.index, name="index"),
    path("which-help-fits-me/", views.fit, name="fit"),
    # Pages other sections link to by name; the same view and URL as guide:page.
    path("types-of-help/", views.page, {"slug": "types-of-help"}, name="types_of_help"),
    path("family-and-friends/", views.page, {"slug": "family-and-friends"}, name="family"),
    # Unnamed on purpose: it is XML, so the page crawl (which checks HTML) leaves it out.
    path("sitemap.xml", sitemap, {"sitemaps": {"guide": GuideSitemap}}),
    path("<slug:slug>/", views.page, name="page"),
]
