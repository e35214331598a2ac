from django.urls import path, re_path

from recoverynav.meetings import views

app_name = "meetings"

# The feed and the search calendar take their format as an argument: they are not HTML pages,
# so the crawl of parameterless pages (core/tests/test_pages.py) leaves them out.
urlpatterns = [
    path("", views.search, name="search"),
    re_path(r"^calendar\.(?P<fmt>ics)$", views.search_calendar, name="search_calendar"),
    re_path(r"^feed\.(?P<fmt>json)$", views.feed, name="feed"),
    path("<slug:slug>/", views.meeting, name="meeting"),
    path("<slug:slug>/calendar.ics", views.meeting_calendar, name="meeting_calendar"),
    path("<slug:slug>/report/", views.report, name="report"),
]
