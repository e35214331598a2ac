from django.urls import path

from recoverynav.comments import views

app_name = "comments"

urlpatterns = [
    path("moderate/<str:token>/", views.moderate, name="moderate"),
    path("verify/<str:token>/", views.verify_email, name="verify"),
    path("pages/<path:page_key>/", views.post_comment, name="post"),
]
