from django.urls import path

from recoverynav.screening import views

app_name = "screening"

urlpatterns = [
    path("", views.start, name="start"),
    path("about/", views.about, name="about"),
    path("questions/", views.flow, name="flow"),
    path(
        "fhir/Questionnaire/<slug:instrument_id>.json",
        views.fhir_questionnaire,
        name="fhir_questionnaire",
    ),
    path(
        "fhir/QuestionnaireResponse/<slug:instrument_id>.json",
        views.fhir_response,
        name="fhir_response",
    ),
]
