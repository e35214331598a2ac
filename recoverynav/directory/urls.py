from django.urls import path

from recoverynav.directory import views

app_name = "directory"

urlpatterns = [
    path("", views.search, name="search"),
    path("<int:pk>/", views.facility, name="facility"),
    path("<int:pk>/report/", views.report_problem, name="report"),
    # JSON, not a page: left unnamed so the page crawl (which reverses names) skips it.
    path("hsds.json", views.hsds_services),
]
