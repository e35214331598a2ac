"""Leaving a comment: held first, published once known, and the writer always told."""

import datetime as dt
import re

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from recoverynav.comments.models import Comment, Status
from recoverynav.comments.tests.helpers import (
    EMAIL,
    form_token,
    make_comment,
    make_known_commenter,
    post_comment,
)

pytestmark = [pytest.mark.django_db, pytest.mark.urls("recoverynav.comments.tests.urls")]


def test_it_holds_a_first_comment_from_an_unknown_email(visitor: Client) -> None:
    response = post_comment(visitor)

    assert response.status_code == 302
    assert response["Location"] == "/test-page/?comment=pending#comment-status"
    comment = Comment.objects.get()
    assert comment.status == Status.PENDING
    html = visitor.get(response["Location"]).content.decode()
    assert "Your comment is awaiting moderation" in html
    assert "Reading this helped my family" not in html


def test_it_shows_a_comment_once_approved(visitor: Client) -> None:
    post_comment(visitor)
    Comment.objects.update(status=Status.APPROVED)

    html = visitor.get("/test-page/").content.decode()

    assert "Reading this helped my family" in html
    assert "1 comment" in html


def test_it_publishes_a_later_comment_from_a_confirmed_and_approved_email(visitor: Client) -> None:
    make_known_commenter()

    response = post_comment(visitor, email="  Ana.Private@Example.org ")

    comment = Comment.objects.latest("created")
    assert comment.status == Status.APPROVED
    assert response["Location"] == f"/test-page/?comment=published&c={comment.pk}#comment-status"
    html = visitor.get(response["Location"]).content.decode()
    assert "Your comment is published" in html
    assert f'href="#comment-{comment.pk}"' in html


def test_an_email_with_only_pending_or_spam_comments_is_still_held(visitor: Client) -> None:
    make_comment(email=EMAIL, status=Status.PENDING)
    make_comment(email=EMAIL, status=Status.SPAM, body="another one")

    post_comment(visitor)

    assert Comment.objects.latest("created").status == Status.PENDING


def test_the_pages_own_form_is_accepted_after_a_human_pause(visitor: Client) -> None:
    html = visitor.get("/test-page/").content.decode()
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)

    with time_machine.travel(timezone.now() + dt.timedelta(seconds=30), tick=False):
        response = post_comment(visitor, token=token)

    assert response["Location"].endswith("comment=pending#comment-status")
    assert Comment.objects.get().spam_reasons == []


def test_it_keeps_the_values_and_lists_the_errors_when_a_field_is_missing(
    visitor: Client,
) -> None:
    response = post_comment(visitor, name="", email="not-an-email", consent=None)

    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert 'href="#comment-name"' in html
    assert 'href="#comment-email"' in html
    assert 'href="#comment-consent"' in html
    assert "Reading this helped my family" in html  # the comment text is kept
    assert 'value="not-an-email"' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="comment-name-error"' in html
    assert not Comment.objects.exists()


def test_a_comment_over_the_maximum_length_is_refused_with_the_text_kept(
    visitor: Client, settings
) -> None:
    settings.COMMENTS_MAX_LENGTH = 100
    long_text = "word " * 30

    response = post_comment(visitor, comment=long_text)

    assert response.status_code == 400
    assert "at most 100 characters" in response.content.decode()
    assert long_text.strip() in response.content.decode()
    assert not Comment.objects.exists()


def test_an_expired_form_is_sent_back_with_a_fresh_token(visitor: Client, settings) -> None:
    old = form_token(seconds_ago=settings.COMMENTS_TOKEN_MAX_AGE + 10)

    response = post_comment(visitor, token=old)

    assert response.status_code == 400
    html = response.content.decode()
    assert "This form was open for a long time" in html
    assert "Reading this helped my family" in html
    assert old not in html
    assert not Comment.objects.exists()


def test_the_outcome_travels_in_the_address_not_a_cookie(visitor: Client) -> None:
    response = post_comment(visitor)

    assert not response.cookies
    assert not visitor.get(response["Location"]).cookies


def test_a_page_with_comments_sets_no_cookie(visitor: Client) -> None:
    make_comment()

    response = visitor.get("/test-page/")

    assert response.status_code == 200
    assert not response.cookies


def test_it_refuses_a_get_on_the_post_address(visitor: Client) -> None:
    assert visitor.get("/comments/pages/test:page/").status_code == 405


def test_it_reads_in_spanish(visitor: Client) -> None:
    response = visitor.post(
        "/es/comments/pages/test:page/", {"comment": "", "email": "", "name": ""}
    )

    html = response.content.decode()
    assert "Hay un problema" in html
    assert "Dejar un comentario" in html


def test_an_over_long_page_key_is_refused_kindly(visitor: Client) -> None:
    response = post_comment(visitor, page_key="k" * 300)

    assert response.status_code == 400
    assert "This page cannot take comments." in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.parametrize("page_url", ["//evil.example/", "/" + "x" * 600, "javascript:alert(1)"])
def test_a_strange_page_url_sends_the_writer_home(visitor: Client, page_url: str) -> None:
    response = post_comment(visitor, page_url=page_url)

    assert response["Location"].startswith("/?comment=")


def test_a_huge_parent_number_is_a_form_error_not_a_crash(visitor: Client) -> None:
    response = post_comment(visitor, parent=str(10**30))

    assert response.status_code == 400
