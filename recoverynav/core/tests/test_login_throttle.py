"""Guessing admin passwords is slowed down per username and per network, storing neither."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from recoverynav.core.client_address import shortened_network
from recoverynav.core.models import RateCounter

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def operator() -> None:
    get_user_model().objects.create_superuser("operator", "operator@example.org", PASSWORD)


def sign_in(client: Client, password: str, address: str = "198.51.100.23", username="operator"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def test_it_locks_a_username_after_five_failures_with_a_clear_message(operator, settings) -> None:
    settings.LANGUAGE_CODE = "en"
    client = Client()
    for _ in range(5):
        assert sign_in(client, "wrong").status_code == 200

    response = sign_in(client, PASSWORD)

    assert response.status_code == 429
    assert b"Too many failed sign-ins for this username" in response.content
    assert b"15 minutes" in response.content
    assert int(response["Retry-After"]) > 800


def test_the_lock_does_not_hit_the_same_username_from_another_network(operator) -> None:
    client = Client()
    for _ in range(5):
        sign_in(client, "wrong", address="198.51.100.23")

    response = sign_in(client, PASSWORD, address="203.0.113.9")

    assert response.status_code == 302


def test_a_successful_sign_in_clears_the_count(operator) -> None:
    client = Client()
    for _ in range(4):
        sign_in(client, "wrong")

    assert sign_in(client, PASSWORD).status_code == 302
    for _ in range(4):
        sign_in(client, "wrong")
    assert sign_in(client, PASSWORD).status_code == 302


def test_the_lock_ends_after_the_window(operator, settings, time_machine) -> None:
    time_machine.move_to("2026-11-27 10:00:00+00:00", tick=False)
    client = Client()
    for _ in range(5):
        sign_in(client, "wrong")
    assert sign_in(client, PASSWORD).status_code == 429

    time_machine.move_to("2026-11-27 10:16:00+00:00", tick=False)

    assert sign_in(client, PASSWORD).status_code == 302


def test_it_stores_neither_the_username_nor_the_address(operator) -> None:
    client = Client()
    sign_in(client, "wrong", address="198.51.100.23", username="someone@example.org")

    stored = " ".join(f"{row.key} {row.count}" for row in RateCounter.objects.all())
    assert RateCounter.objects.count() == 2  # the username from this network; the network
    assert "someone" not in stored
    assert "198.51" not in stored


def test_trying_many_usernames_from_one_network_is_stopped(operator) -> None:
    """Issue 19: 30 usernames from one address were all tried; the lock was per username."""
    client = Client()
    statuses = [
        sign_in(client, "wrong", username=f"guess{number}").status_code for number in range(30)
    ]

    assert statuses.count(200) == 20  # RATE_LIMITS["admin_login_network"]: 20 per 15 minutes
    assert set(statuses[20:]) == {429}
    refused = sign_in(client, PASSWORD, address="198.51.100.99")
    assert refused.status_code == 429  # the same /24, even with the right password
    assert b"Too many failed sign-ins from your network" in refused.content
    assert sign_in(client, PASSWORD, address="203.0.113.9").status_code == 302


def test_the_network_budget_is_a_setting(operator, rate_limits) -> None:
    rate_limits(admin_login_network="3/900")
    client = Client()
    for number in range(3):
        sign_in(client, "wrong", username=f"guess{number}")

    assert sign_in(client, PASSWORD).status_code == 429


@pytest.mark.parametrize(
    ("address", "network"),
    [
        ("198.51.100.23", "198.51.100.0/24"),
        ("2001:db8:abcd:12::1", "2001:db8:abcd::/48"),
        ("not an address", "unknown"),
    ],
)
def test_it_shortens_addresses_to_their_network(address: str, network: str) -> None:
    assert shortened_network(address) == network
