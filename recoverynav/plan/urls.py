from django.urls import path

from recoverynav.plan import views

app_name = "plan"

urlpatterns = [
    path("", views.plan_page, name="plan"),
    path("tracker/", views.tracker_page, name="tracker"),
]
