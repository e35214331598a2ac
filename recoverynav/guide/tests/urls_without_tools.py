"""A site where only the guide, core and hotlines exist: tool links must disappear."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

urlpatterns = i18n_patterns(
    path("", include("recoverynav.core.urls")),
    path("", include("recoverynav.hotlines.urls")),
    path("guide/", include("recoverynav.guide.urls")),
    prefix_default_language=False,
)
