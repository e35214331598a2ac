"""Moderators: the admin queue (single and bulk actions, filters) and signed email links."""

import datetime as dt
import re

import pytest
import time_machine
from django.core import signing
from django.test import Client
from django.utils import timezone

from recoverynav.comments.models import Comment, Status
from recoverynav.comments.tests.helpers import (
    make_comment,
    make_known_commenter,
    post_comment,
)
from recoverynav.comments.tokens import moderation_token

pytestmark = [pytest.mark.django_db, pytest.mark.urls("recoverynav.comments.tests.urls")]
CHANGELIST = "/admin/comments/comment/"


def test_the_queue_filters_by_status_and_page(moderator: Client) -> None:
    make_comment(body="waiting here", status=Status.PENDING)
    make_comment(body="waiting elsewhere", status=Status.PENDING, page_key="guide:other")
    make_comment(body="published here")

    by_status = moderator.get(CHANGELIST, {"status__exact": "pending"}).content.decode()
    by_page = moderator.get(
        CHANGELIST, {"status__exact": "pending", "page_key": "test:page"}
    ).content.decode()

    assert "waiting here" in by_status
    assert "waiting elsewhere" in by_status
    assert "published here" not in by_status
    assert "waiting elsewhere" not in by_page
    assert "waiting here" in by_page


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("mark_approved", Status.APPROVED),
        ("mark_spam", Status.SPAM),
        ("mark_rejected", Status.REJECTED),
    ],
)
def test_a_moderator_can_act_on_several_comments_at_once(
    moderator: Client, action: str, status: Status
) -> None:
    chosen = [make_comment(status=Status.PENDING, body=f"c{n}") for n in range(3)]
    untouched = make_comment(status=Status.PENDING, body="leave me")

    response = moderator.post(
        CHANGELIST, {"action": action, "_selected_action": [c.pk for c in chosen]}, follow=True
    )

    assert response.status_code == 200
    assert "3 comments changed." in response.content.decode()
    assert set(Comment.objects.filter(status=status).values_list("pk", flat=True)) == {
        c.pk for c in chosen
    }
    untouched.refresh_from_db()
    assert untouched.status == Status.PENDING
    assert all(c.moderated for c in Comment.objects.filter(status=status))


def test_approval_in_the_admin_publishes_the_comment(moderator: Client, visitor: Client) -> None:
    post_comment(visitor)
    comment = Comment.objects.get()

    moderator.post(CHANGELIST, {"action": "mark_approved", "_selected_action": [comment.pk]})

    assert "Reading this helped my family" in visitor.get("/test-page/").content.decode()


def test_a_moderator_can_change_one_comments_status(moderator: Client) -> None:
    comment = make_comment(status=Status.PENDING)

    response = moderator.post(f"{CHANGELIST}{comment.pk}/change/", {"status": "spam"})

    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == Status.SPAM
    assert comment.moderated is not None


def test_a_moderator_can_delete_comments(moderator: Client) -> None:
    doomed = [make_comment(body=f"d{n}") for n in range(2)]

    moderator.post(
        CHANGELIST,
        {"action": "delete_selected", "_selected_action": [c.pk for c in doomed], "post": "yes"},
    )

    assert not Comment.objects.exists()


def test_a_moderator_cannot_write_a_comment_in_the_admin(moderator: Client) -> None:
    assert moderator.get(f"{CHANGELIST}add/").status_code == 403


def test_the_moderators_get_an_email_with_signed_links(visitor: Client, mailoutbox) -> None:
    post_comment(visitor)

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["moderators@example.org"]
    assert "test:page" in message.subject
    links = re.findall(r"http://testserver/comments/moderate/\S+/", message.body)
    assert len(links) == 2


def test_no_email_for_published_or_spam_comments(visitor: Client, mailoutbox) -> None:
    post_comment(visitor, homepage="robot")
    make_known_commenter()
    post_comment(visitor, comment="A later comment from a known writer")

    assert mailoutbox == []


def test_no_email_when_no_moderators_are_set(visitor: Client, mailoutbox, settings) -> None:
    settings.MODERATOR_EMAILS = []

    post_comment(visitor)

    assert mailoutbox == []
    assert Comment.objects.exists()


def test_a_failed_email_never_loses_the_comment(visitor: Client, settings, monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("recoverynav.comments.services.send_mail", broken)

    response = post_comment(visitor)

    assert response.status_code == 302
    assert Comment.objects.exists()


def test_a_signed_link_shows_the_comment_and_changes_nothing_until_confirmed(
    visitor: Client,
) -> None:
    comment = make_comment(status=Status.PENDING, body="please approve")
    url = f"/comments/moderate/{moderation_token(comment_id=comment.pk, action='approve')}/"

    page = visitor.get(url)
    comment.refresh_from_db()
    assert page.status_code == 200
    assert "please approve" in page.content.decode()
    assert comment.status == Status.PENDING

    done = Client(enforce_csrf_checks=False).post(url)
    comment.refresh_from_db()
    assert "the comment is published" in done.content.decode()
    assert comment.status == Status.APPROVED


def test_a_signed_reject_link_rejects(visitor: Client) -> None:
    comment = make_comment(status=Status.PENDING)

    visitor.post(f"/comments/moderate/{moderation_token(comment_id=comment.pk, action='reject')}/")

    comment.refresh_from_db()
    assert comment.status == Status.REJECTED


def swap_payload(token: str, old: bytes, new: bytes) -> str:
    """The same signature on a different payload, as an attacker would try."""
    payload, rest = token.split(":", 1)
    changed = signing.b64_encode(signing.b64_decode(payload.encode()).replace(old, new))
    return changed.decode() + ":" + rest


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: swap_payload(token, b"approve", b"reject"),
        lambda token: "not-a-token",
    ],
)
def test_a_tampered_link_is_refused(visitor: Client, tamper) -> None:
    comment = make_comment(status=Status.PENDING)
    token = tamper(moderation_token(comment_id=comment.pk, action="approve"))

    response = visitor.post(f"/comments/moderate/{token}/")

    assert response.status_code == 400
    assert "This link is not valid" in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == Status.PENDING


def test_an_expired_link_is_refused(visitor: Client, settings) -> None:
    comment = make_comment(status=Status.PENDING)
    token = moderation_token(comment_id=comment.pk, action="approve")
    later = timezone.now() + dt.timedelta(seconds=settings.COMMENTS_MODERATION_LINK_MAX_AGE + 60)

    with time_machine.travel(later, tick=False):
        response = visitor.post(f"/comments/moderate/{token}/")

    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == Status.PENDING


def test_a_link_to_a_deleted_comment_says_so(visitor: Client) -> None:
    comment = make_comment(status=Status.PENDING)
    token = moderation_token(comment_id=comment.pk, action="approve")
    comment.delete()

    response = visitor.get(f"/comments/moderate/{token}/")

    assert response.status_code == 404
    assert "already been deleted" in response.content.decode()
