"""The commenter's email never appears anywhere; addresses are never stored."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client

from recoverynav.comments import privacy
from recoverynav.comments.models import Comment, Status
from recoverynav.comments.tests.helpers import EMAIL, post_comment
from recoverynav.core.client_address import client_ip

pytestmark = [pytest.mark.django_db, pytest.mark.urls("recoverynav.comments.tests.urls")]

SECRETS = [EMAIL, EMAIL.split("@")[0], "203.0.113.77"]


def assert_private(html: str) -> None:
    for secret in SECRETS:
        assert secret.lower() not in html.lower(), f"{secret} leaked"


@pytest.fixture
def published(visitor: Client) -> Comment:
    post_comment(Client(REMOTE_ADDR="203.0.113.77"))
    # A website given when the form still asked for one stays shown with the comment.
    Comment.objects.update(status=Status.APPROVED, website="https://ana.example")
    return Comment.objects.get()


def test_the_email_is_never_on_the_page(visitor: Client, published: Comment) -> None:
    html = visitor.get("/test-page/").content.decode()

    assert "Reading this helped my family" in html
    assert 'href="https://ana.example"' in html
    assert_private(html)


def test_the_email_is_never_in_the_admin_for_a_moderator(
    moderator: Client, published: Comment
) -> None:
    listing = moderator.get("/admin/comments/comment/")
    detail = moderator.get(f"/admin/comments/comment/{published.pk}/change/")

    assert listing.status_code == 200
    assert detail.status_code == 200
    assert "Ana" in listing.content.decode()
    assert_private(listing.content.decode())
    assert_private(detail.content.decode())


def test_a_superuser_can_read_the_email_to_answer_a_request(
    admin: Client, published: Comment
) -> None:
    listing = admin.get("/admin/comments/comment/").content.decode()
    detail = admin.get(f"/admin/comments/comment/{published.pk}/change/").content.decode()

    assert EMAIL not in listing
    assert EMAIL in detail


def test_the_moderators_email_does_not_carry_the_commenters(visitor: Client, mailoutbox) -> None:
    post_comment(Client(REMOTE_ADDR="203.0.113.77"))

    assert len(mailoutbox) == 1
    assert_private(mailoutbox[0].subject + mailoutbox[0].body)


def test_the_database_holds_neither_the_email_nor_the_address(published: Comment) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM comments_comment")
        stored = " ".join(str(value) for row in cursor.fetchall() for value in row)

    assert_private(stored)
    assert privacy.decrypt_email(published.email_encrypted) == EMAIL


def test_the_email_hash_ignores_case_and_spaces() -> None:
    assert privacy.email_hash(" Ana@Example.ORG ") == privacy.email_hash("ana@example.org")
    assert privacy.email_hash("ana@example.org") != privacy.email_hash("bob@example.org")


def test_the_email_key_setting_changes_the_keys(settings) -> None:
    before = privacy.email_hash("ana@example.org")
    settings.COMMENTS_EMAIL_KEY = "an operator's own long random secret"

    assert privacy.email_hash("ana@example.org") != before
    assert privacy.decrypt_email(privacy.encrypt_email("ana@example.org")) == "ana@example.org"


def test_an_unreadable_email_reads_as_empty() -> None:
    assert privacy.decrypt_email(b"not a fernet token") == ""


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("198.51.100.7", "198.51.100.250"),
        ("2001:db8:abcd:1::1", "2001:db8:abcd:ffff::2"),
        ("::ffff:198.51.100.7", "198.51.100.9"),
    ],
)
def test_addresses_in_one_small_network_share_a_hash(one: str, other: str) -> None:
    now = dt.datetime(2026, 11, 27, 12, tzinfo=dt.UTC)

    assert privacy.ip_hash(one, now=now) == privacy.ip_hash(other, now=now)


def test_different_networks_have_different_hashes() -> None:
    now = dt.datetime(2026, 11, 27, 12, tzinfo=dt.UTC)

    assert privacy.ip_hash("198.51.100.7", now=now) != privacy.ip_hash("198.51.101.7", now=now)
    assert privacy.ip_hash("2001:db8:abcd::1", now=now) != privacy.ip_hash(
        "2001:db8:abce::1", now=now
    )


def test_the_network_hash_key_changes_every_day() -> None:
    today = dt.datetime(2026, 11, 27, 23, 59, tzinfo=dt.UTC)
    tomorrow = today + dt.timedelta(minutes=2)

    assert privacy.ip_hash("198.51.100.7", now=today) != privacy.ip_hash(
        "198.51.100.7", now=tomorrow
    )


def test_an_unparseable_address_still_gets_a_hash() -> None:
    assert len(privacy.ip_hash("", now=dt.datetime.now(dt.UTC))) == 64


def test_no_response_carries_the_email(
    visitor: Client, moderator: Client, published: Comment, mailoutbox
) -> None:
    """A scan: every page a visitor or moderator can reach with this comment in it."""
    post_comment(visitor, comment="A second comment", token=None)  # stored as spam
    urls = [
        (visitor, "/test-page/"),
        (visitor, "/test-page/?comment=published&c=1"),
        (visitor, f"/test-page/?replyto={published.pk}"),
        (moderator, "/admin/comments/comment/"),
        (moderator, "/admin/comments/comment/?status__exact=spam"),
        (moderator, "/admin/comments/comment/?q=Ana"),
        (moderator, f"/admin/comments/comment/{published.pk}/change/"),
        (moderator, f"/admin/comments/comment/{published.pk}/history/"),
    ]
    for client, url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_private(response.content.decode())


@pytest.mark.parametrize(
    ("hops", "forwarded", "expected"),
    [
        (0, "198.51.100.1", "10.0.0.5"),  # no trusted proxy: the header is ignored
        (1, "198.51.100.1", "198.51.100.1"),
        (1, "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # a client's forged entry is skipped
        (2, "198.51.100.1, 10.0.0.9", "198.51.100.1"),
        (2, "198.51.100.1", "10.0.0.5"),  # fewer entries than proxies: not trusted
    ],
)
def test_it_reads_the_client_address_through_trusted_proxies(
    rf, settings, hops: int, forwarded: str, expected: str
) -> None:
    settings.TRUSTED_PROXY_HOPS = hops
    request = rf.post("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="10.0.0.5")

    assert client_ip(request) == expected
