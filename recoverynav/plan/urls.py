from django.urls import path

from recoverynav.plan import views

app_name = "plan"

urlpatterns = [
    path("", views.plan_page, name="plan"),
    path("tracker/", views.tracker_page, name="tracker"),
    # Unnamed on purpose: it is a script, not a page, so the page crawler must not visit it.
    # It sits next to the plan page so its default scope (the folder) covers both pages.
    path("sw.js", views.service_worker),
]
