"""Spam and abuse: each sign is caught, the comment is stored as spam and the writer told."""

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from recoverynav.comments.models import Comment, Status, UsedFormToken
from recoverynav.comments.services import erase_commenter
from recoverynav.comments.tests.helpers import EMAIL, form_token, make_comment, post_comment

pytestmark = [pytest.mark.django_db, pytest.mark.urls("recoverynav.comments.tests.urls")]

SPAM_SIGNS = [
    ("honeypot", {"homepage": "http://cheap.example"}),
    ("too-fast", {"token": lambda: form_token(seconds_ago=1)}),
    ("bad-token", {"token": "forged"}),
    ("bad-token", {"token": None}),
    ("bad-token", {"token": lambda: form_token(page_key="other:page")}),
    (
        "too-many-links",
        {"comment": "See https://a.example and https://b.example and www.c.example"},
    ),
    ("blocked-words", {"comment": "Cheap VIAGRA here"}),
    ("blocked-words", {"name": "Payday Loan Experts"}),
]


@pytest.mark.parametrize(("sign", "overrides"), SPAM_SIGNS)
def test_each_spam_sign_stores_the_comment_as_spam_and_tells_the_writer(
    visitor: Client, sign: str, overrides: dict
) -> None:
    fields = {name: value() if callable(value) else value for name, value in overrides.items()}
    response = post_comment(visitor, **fields)

    assert response["Location"] == "/test-page/?comment=spam#comment-status"
    comment = Comment.objects.get()
    assert comment.status == Status.SPAM
    assert sign in comment.spam_reasons
    html = visitor.get(response["Location"]).content.decode()
    assert "Your comment is awaiting moderation" in html
    assert "a person will check it" in html


def test_a_comment_within_the_limits_is_not_spam(visitor: Client) -> None:
    post_comment(visitor, comment="Two links are fine: https://a.example and https://b.example")

    assert Comment.objects.get().spam_reasons == []


def test_a_blocked_word_must_be_a_whole_word(visitor: Client, settings) -> None:
    settings.COMMENTS_BLOCKED_WORDS = ["cialis"]

    post_comment(visitor, comment="My specialist helped a lot.")

    assert Comment.objects.get().status == Status.PENDING


def test_it_catches_the_same_text_posted_again(visitor: Client) -> None:
    make_comment(body="Exactly the same words", email="else@example.org")

    post_comment(visitor, comment="Exactly the same words")

    assert Comment.objects.latest("created").spam_reasons == ["duplicate"]


def test_spam_from_a_known_commenter_is_still_spam(visitor: Client) -> None:
    make_comment(email=EMAIL)

    post_comment(visitor, homepage="filled")

    assert Comment.objects.latest("created").status == Status.SPAM


def test_a_spam_comment_is_never_shown(visitor: Client) -> None:
    post_comment(visitor, homepage="filled", comment="Hidden words")

    assert "Hidden words" not in visitor.get("/test-page/").content.decode()


def test_a_form_token_can_be_used_only_once(visitor: Client) -> None:
    token = form_token()
    post_comment(visitor, token=token, comment="First comment")

    response = post_comment(visitor, token=token, comment="Second comment with the same token")

    assert response["Location"] == "/test-page/?comment=spam#comment-status"
    replay = Comment.objects.get(body="Second comment with the same token")
    assert replay.status == Status.SPAM
    assert replay.spam_reasons == ["token-reused"]
    assert UsedFormToken.objects.count() == 1


def test_a_double_click_stores_one_comment_and_answers_the_same(visitor: Client) -> None:
    token = form_token()
    first = post_comment(visitor, token=token)

    second = post_comment(visitor, token=token)

    assert Comment.objects.count() == 1
    assert second["Location"] == first["Location"]


def test_the_used_token_table_keeps_only_a_hash(visitor: Client) -> None:
    token = form_token()
    post_comment(visitor, token=token)

    assert UsedFormToken.objects.get().token_hash != token
    assert len(UsedFormToken.objects.get().token_hash) == 64


def test_it_limits_comments_per_network(visitor: Client) -> None:
    for number in range(5):
        post_comment(visitor, comment=f"Comment number {number}", email=f"p{number}@example.org")

    response = post_comment(visitor, comment="One too many", email="p9@example.org")

    assert response.status_code == 429
    html = response.content.decode()
    assert "You have sent several comments in a short time" in html
    assert "One too many" in html  # kept in the form, not lost
    assert Comment.objects.count() == 5


def test_the_network_limit_covers_the_whole_slash_24(settings) -> None:
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "comment_network": "1/600"}
    first = Client(REMOTE_ADDR="198.51.100.7")
    neighbour = Client(REMOTE_ADDR="198.51.100.200")
    elsewhere = Client(REMOTE_ADDR="203.0.113.9")

    assert post_comment(first, comment="a", email="a@example.org").status_code == 302
    assert post_comment(neighbour, comment="b", email="b@example.org").status_code == 429
    assert post_comment(elsewhere, comment="c", email="c@example.org").status_code == 302


def test_it_limits_comments_per_email_across_networks(settings) -> None:
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "comment_email": "2/3600"}
    for number in range(2):
        client = Client(REMOTE_ADDR=f"203.0.{number}.1")
        assert post_comment(client, comment=f"Comment {number}").status_code == 302

    response = post_comment(Client(REMOTE_ADDR="203.0.9.1"), comment="Third")

    assert response.status_code == 429


def test_the_limit_opens_again_in_the_next_window(visitor: Client, settings) -> None:
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "comment_network": "1/600"}
    post_comment(visitor, comment="first")
    assert post_comment(visitor, comment="second").status_code == 429

    with time_machine.travel(timezone.now() + dt.timedelta(minutes=11), tick=False):
        response = post_comment(visitor, comment="second", token=form_token())

    assert response.status_code == 302


def test_the_cache_backend_limits_the_same_way(visitor: Client, settings) -> None:
    cache.clear()
    settings.RATE_LIMIT_CACHE = "default"
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "comment_network": "2/600"}
    post_comment(visitor, comment="one")
    post_comment(visitor, comment="two")

    assert post_comment(visitor, comment="three").status_code == 429
    assert Comment.objects.count() == 2


def test_a_token_stays_spent_after_its_comment_is_erased(visitor: Client) -> None:
    token = form_token()
    post_comment(visitor, token=token)
    erase_commenter(email=EMAIL)

    post_comment(visitor, token=token)

    assert Comment.objects.get().spam_reasons == ["token-reused"]
