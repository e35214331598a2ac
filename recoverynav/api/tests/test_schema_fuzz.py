"""Generated requests against every operation of the OpenAPI document (schemathesis, in
process through WSGI): no input gets a 5xx, and every response matches the document."""

from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from recoverynav.api.api import api

pytestmark = pytest.mark.fuzz
EXAMPLES_PER_OPERATION = 100


def fresh_wsgi_app(environ: dict, start_response):
    """A new handler per request, so its middleware reads the test's settings."""
    return get_wsgi_application()(environ, start_response)


schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1"))
schema.app = fresh_wsgi_app
# Valid and invalid inputs (wrong types, out of range, unknown values), NUL characters
# included: the document says where they are refused (api.api.declare_no_nul).
schema.config.generation.update(modes=list(schemathesis.GenerationMode))


@pytest.fixture
def open_api(hotlines: None, gazetteer: None, settings) -> Iterator[None]:
    """The bundled data, and no rate limits (the API's or the comments'): the fuzzer sends
    hundreds of requests, and every valid one must be answered 2xx.

    Like Django's test client, keep the test's database connection open between requests
    (a real handler closes "old" connections, which would end the test's transaction)."""
    settings.ALLOWED_HOSTS = ["*"]
    settings.RATE_LIMITS = dict.fromkeys(settings.RATE_LIMITS, "off")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    suppress_health_check=list(HealthCheck),
)
def test_it_answers_every_generated_request_without_a_server_error(case, open_api) -> None:
    """Every check, for every operation: no 5xx, responses as documented, every valid
    request accepted (2xx) and every invalid one refused (4xx)."""
    case.call_and_validate()
