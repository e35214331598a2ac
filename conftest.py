"""Personas shared by every app's tests."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client


@pytest.fixture
def visitor() -> Client:
    """Someone on the public site: no account, no cookies."""
    return Client()


@pytest.fixture
def moderator(db) -> Client:
    """A staff member who moderates comments and listings in the admin."""
    user = get_user_model().objects.create_user(
        "moderator", "moderator@example.org", "correct horse battery staple", is_staff=True
    )
    from django.contrib.auth.models import Permission

    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["comments", "directory", "meetings"])
    )
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def admin_client_(db) -> Client:
    """An operator with every permission."""
    user = get_user_model().objects.create_superuser(
        "admin", "admin@example.org", "correct horse battery staple"
    )
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def hotlines(db) -> None:
    """The bundled hotline data, as `make run` loads it."""
    from recoverynav.hotlines.services import load_hotlines

    load_hotlines()


@pytest.fixture(autouse=True)
def _plain_http_in_tests(settings) -> None:
    """Production settings redirect to HTTPS and serve collected static files; tests use
    plain HTTP and the app directories' static files."""
    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


# Real gazetteer rows for the states the bundled samples and feeds need (loaded once a session).
GAZETTEER_TEST_STATES = {"VA", "DC", "MD", "TX", "PA", "NJ", "DE", "CA", "MO", "KS"}


@pytest.fixture(scope="session")
def _gazetteer_loaded(django_db_setup, django_db_blocker) -> None:
    from recoverynav.geo.services import load_gazetteer

    with django_db_blocker.unblock():
        load_gazetteer(states=GAZETTEER_TEST_STATES)


@pytest.fixture
def gazetteer(_gazetteer_loaded, db) -> None:
    """ZIP codes, places and counties of VA, DC, MD, TX, PA, NJ, DE, CA, MO and KS."""
    from recoverynav.geo.models import PostalCode
    from recoverynav.geo.services import load_gazetteer

    if not PostalCode.objects.exists():  # a transactional test flushed the tables
        load_gazetteer(states=GAZETTEER_TEST_STATES)
