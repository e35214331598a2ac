from django.urls import path

from recoverynav.comments import views

app_name = "comments"

urlpatterns = [
    path("moderate/<str:token>/", views.moderate, name="moderate"),
    path("pages/<path:page_key>/", views.post_comment, name="post"),
]
