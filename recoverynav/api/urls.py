from django.urls import path

from recoverynav.api.api import api

urlpatterns = [path("", api.urls)]
