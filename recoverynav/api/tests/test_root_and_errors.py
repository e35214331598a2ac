"""The API root, the OpenAPI document, and one error shape for every kind of failure."""

import json

import pytest
from django.test import Client, RequestFactory
from ninja.errors import HttpError

from recoverynav.api.api import api, on_http_error

pytestmark = pytest.mark.django_db


def test_the_root_links_to_every_part_of_the_api(visitor: Client) -> None:
    body = visitor.get("/api/v1/").json()

    assert body["name"] == "Recovery Navigator API"
    assert body["version"] == "1"
    links = body["links"]
    assert links["openapi"] == "http://testserver/api/v1/openapi.json"
    assert links["docs"] == "http://testserver/api/v1/docs"
    assert links["hotlines"] == "http://testserver/api/v1/hotlines/"
    assert links["places"].startswith("http://testserver/api/v1/places/")


def test_every_link_from_the_root_answers(visitor: Client, hotlines: None, gazetteer: None) -> None:
    for name, url in visitor.get("/api/v1/").json()["links"].items():
        assert visitor.get(url).status_code == 200, name


def test_the_openapi_document_describes_every_operation_with_its_errors(visitor: Client) -> None:
    document = visitor.get("/api/v1/openapi.json").json()

    assert document["openapi"].startswith("3.")
    assert document["info"]["version"] == "1"
    for path, operations in document["paths"].items():
        assert path.startswith("/api/v1/")
        for method, operation in operations.items():
            statuses = set(operation["responses"])
            assert {"400", "429"} <= statuses, (method, path)
            assert any(status.startswith("2") for status in statuses), (method, path)


def test_an_unknown_address_gets_a_json_404(visitor: Client) -> None:
    response = visitor.get("/api/v1/no-such-thing")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_a_method_the_address_does_not_have_gets_a_json_405(visitor: Client) -> None:
    response = visitor.delete("/api/v1/hotlines/")

    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"
    assert response["Allow"] == "GET, HEAD"


def test_a_body_that_is_not_json_gets_a_400_with_the_error_shape() -> None:
    # django-ninja raises HttpError(400) for a body it cannot parse.
    request = RequestFactory().post("/api/v1/", data="{not json", content_type="application/json")

    response = on_http_error(request, HttpError(400, "Cannot parse request body"))

    assert response.status_code == 400
    assert json.loads(response.content) == {
        "code": "invalid_body",
        "message": "The request body is not valid JSON.",
    }


def test_the_api_is_versioned_in_its_path() -> None:
    assert api.version == "1"
    assert all(path.startswith("/api/v1/") for path in api.get_openapi_schema()["paths"])


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("/api/v1/no-such-thing", "not_found"),
        ("/api/v1/hotlines/ZZ", "not_found"),
        ("/api/v1/facilities/?place=22903&radius=9999", "invalid_parameters"),
    ],
)
def test_an_error_message_is_in_the_asked_language_and_its_code_is_not(
    visitor: Client, hotlines: None, url: str, code: str
) -> None:
    english = visitor.get(url).json()
    spanish = visitor.get(url, HTTP_ACCEPT_LANGUAGE="es").json()
    asked = visitor.get(f"{url}{'&' if '?' in url else '?'}lang=es").json()

    assert english["code"] == spanish["code"] == asked["code"] == code
    assert spanish["message"] != english["message"]
    assert asked["message"] == spanish["message"]


def test_a_parameter_refused_before_the_operation_runs_is_explained_in_spanish(
    visitor: Client,
) -> None:
    response = visitor.get("/api/v1/hotlines/", {"lang": "fr"}, HTTP_ACCEPT_LANGUAGE="es")

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_parameters"
    assert response.json()["message"] == "Algunos parámetros no son válidos."
    assert response["Content-Language"] == "es"


def test_an_unreadable_body_is_explained_in_spanish(visitor: Client) -> None:
    response = visitor.post(
        "/api/v1/screening/score",
        "{not json",
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="es",
    )

    assert response.status_code == 400
    assert response.json() == {
        "code": "invalid_body",
        "message": "El cuerpo de la petición no es JSON válido.",
    }


def test_a_spanish_request_does_not_leave_its_language_behind(visitor: Client) -> None:
    from django.utils import translation

    with translation.override("en"):
        visitor.get("/api/v1/hotlines/", HTTP_ACCEPT_LANGUAGE="es")

        # Whatever this thread does next (an import, another test) is not in Spanish.
        assert translation.get_language() == "en"
