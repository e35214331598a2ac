from django.urls import path

from recoverynav.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("privacy/", views.privacy, name="privacy"),
    path("data-sources/", views.data_sources, name="data_sources"),
]
