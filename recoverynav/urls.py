from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView

from recoverynav.core import views as core_views
from recoverynav.core.sitemaps import EntryPointsSitemap
from recoverynav.guide.sitemaps import GuideSitemap
from recoverynav.meetings import views as meetings_views

admin.site.site_header = settings.SITE_NAME
# Built at start-up from bundled data: the emergency numbers even when everything else fails.
handler500 = "recoverynav.core.server_error.server_error"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"site": EntryPointsSitemap, "guide": GuideSitemap}},
        name="sitemap",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="core/robots.txt", content_type="text/plain"),
    ),
    path("api/v1/", include("recoverynav.api.urls")),
    path("meetings.json", meetings_views.feed, {"fmt": "json"}, name="meeting_guide_feed"),
    path(settings.ADMIN_PATH, admin.site.urls),
]

# Pages: English at the root, Spanish under /es/ — stable URLs in both languages, no cookie.
urlpatterns += i18n_patterns(
    path("", include("recoverynav.core.urls")),
    path("", include("recoverynav.hotlines.urls")),
    path("guide/", include("recoverynav.guide.urls")),
    path("comments/", include("recoverynav.comments.urls")),
    path("self-check/", include("recoverynav.screening.urls")),
    path("places/", include("recoverynav.geo.urls")),
    path("treatment/", include("recoverynav.directory.urls")),
    path("meetings/", include("recoverynav.meetings.urls")),
    path("plan/", include("recoverynav.plan.urls")),
    prefix_default_language=False,
)
