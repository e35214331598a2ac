"""A site where every tool the guide links to exists, each answered by a trivial view."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import include, path


def tool(request):
    return HttpResponse("tool")


urlpatterns = i18n_patterns(
    path("", include("recoverynav.core.urls")),
    path("", include("recoverynav.hotlines.urls")),
    path("guide/", include("recoverynav.guide.urls")),
    path("self-check/", include(([path("", tool, name="start")], "screening"))),
    path("treatment/", include(([path("", tool, name="search")], "directory"))),
    path("meetings/", include(([path("", tool, name="search")], "meetings"))),
    path("plan/", include(([path("", tool, name="plan")], "plan"))),
    prefix_default_language=False,
)
