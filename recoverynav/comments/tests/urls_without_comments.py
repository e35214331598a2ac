"""A site that carries the comment tag in a page but leaves the comments URLs out."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from recoverynav.comments.tests.urls import test_page

urlpatterns = [
    path("test-page/", test_page),
    *i18n_patterns(
        path("", include("recoverynav.core.urls")),
        path("", include("recoverynav.hotlines.urls")),
        prefix_default_language=False,
    ),
]
