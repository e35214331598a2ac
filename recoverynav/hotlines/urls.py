from django.urls import path

from recoverynav.hotlines import views

app_name = "hotlines"

urlpatterns = [
    path("help-now/", views.help_now, name="help_now"),
]
