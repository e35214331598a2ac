"""Erasure on request, and purging old spam and rejected comments."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from recoverynav.comments.models import Comment, Status, UsedFormToken
from recoverynav.comments.tests.helpers import make_comment

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_erase_commenter_removes_everything_that_email_wrote() -> None:
    first = make_comment(email="leaving@example.org", body="mine")
    make_comment(email=" Leaving@Example.org", body="also mine", status=Status.SPAM)
    reply = make_comment(email="stays@example.org", body="a reply", parent=first)

    output = run("erase_commenter", "LEAVING@example.org")

    assert "Erased 2 comment(s)" in output
    assert "leaving@example.org" not in output.lower()
    assert list(Comment.objects.values_list("body", flat=True)) == ["a reply"]
    reply.refresh_from_db()
    assert reply.parent is None  # someone else's reply is kept


def test_erase_commenter_refuses_something_that_is_not_an_email() -> None:
    make_comment()

    with pytest.raises(CommandError, match="not an email address"):
        run("erase_commenter", "nobody")

    assert Comment.objects.count() == 1


def test_purge_deletes_old_spam_and_rejected_comments_only() -> None:
    old = timezone.now() - dt.timedelta(days=40)
    make_comment(body="old spam", status=Status.SPAM, created=old)
    make_comment(body="old rejected", status=Status.REJECTED, created=old)
    make_comment(body="old approved", created=old)
    make_comment(body="old pending", status=Status.PENDING, created=old)
    make_comment(body="new spam", status=Status.SPAM)

    output = run("purge_comments", "--days", "30")

    assert "Purged 2" in output
    assert sorted(Comment.objects.values_list("body", flat=True)) == [
        "new spam",
        "old approved",
        "old pending",
    ]


def test_purge_uses_the_retention_setting(settings) -> None:
    settings.COMMENTS_RETENTION_DAYS = 5
    make_comment(status=Status.SPAM, created=timezone.now() - dt.timedelta(days=6))

    run("purge_comments")

    assert not Comment.objects.exists()


def test_purge_forgets_spent_tokens() -> None:
    past = timezone.now() - dt.timedelta(days=2)
    UsedFormToken.objects.create(token_hash="a" * 64, expires=past)
    UsedFormToken.objects.create(token_hash="b" * 64, expires=timezone.now() + dt.timedelta(1))

    run("purge_comments")

    assert list(UsedFormToken.objects.values_list("token_hash", flat=True)) == ["b" * 64]
