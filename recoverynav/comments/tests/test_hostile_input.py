"""Input an attacker sends on purpose: control characters in a page key, a tampered reply
number, Unicode digits in the page's parameters. Each gets a clear answer, never a 500, and
nothing already stored is lost."""

import json
import re
from urllib.parse import quote

import pytest
from django.test import Client
from django.utils import timezone

from recoverynav.comments.models import Comment, Status
from recoverynav.comments.services import notify_moderators
from recoverynav.comments.tests.helpers import form_data, form_token, make_comment, post_comment
from recoverynav.comments.tests.urls import PAGE_URL

pytestmark = [pytest.mark.django_db, pytest.mark.urls("recoverynav.comments.tests.urls")]

# The form's address cannot carry a line feed (the URL pattern stops at it); a carriage
# return, a NUL or an escape it can. The API's JSON body can carry anything.
BROKEN_KEYS = ["guide:x\rBcc: everyone@example.org", "guide:\x00nul", "guide:\x1b[31mred"]


@pytest.mark.parametrize("page_key", BROKEN_KEYS)
def test_a_page_key_with_control_characters_is_refused_with_a_clear_400(
    visitor: Client, page_key: str, mailoutbox
) -> None:
    response = visitor.post(
        f"/comments/pages/{quote(page_key)}/",
        form_data(token=form_token(page_key=page_key)),
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "This page cannot take comments." in html
    assert "Reading this helped my family" in html  # the writer's words are kept
    assert not Comment.objects.exists()
    assert mailoutbox == []


def test_the_api_refuses_a_page_key_with_a_line_break(visitor: Client) -> None:
    body = {
        "page": "guide:x\r\nBcc: everyone@example.org",
        "page_url": PAGE_URL,
        "token": "",
        "comment": "Hello",
        "name": "Ana",
        "email": "ana@example.org",
        "consent": True,
    }

    response = visitor.post("/api/v1/comments/", json.dumps(body), content_type="application/json")

    assert response.status_code == 400
    assert response.json()["errors"][0]["msg"] == "This page cannot take comments."
    assert not Comment.objects.exists()


def test_a_comment_already_stored_with_a_line_break_in_its_key_still_reaches_the_moderators(
    mailoutbox,
) -> None:
    held = make_comment(page_key="guide:x\r\nBcc: everyone@example.org", status=Status.PENDING)

    notify_moderators(comment=held, base_url="https://example.org/")

    [message] = mailoutbox
    assert "\n" not in message.subject
    assert "\r" not in message.subject
    assert message.subject == (
        "A comment on guide:x Bcc: everyone@example.org is waiting for moderation"
    )
    assert message.to == ["moderators@example.org"]
    assert Comment.objects.get(pk=held.pk).page_key == held.page_key  # kept as stored


@pytest.mark.parametrize("parent", ["abc", "-1", "0", "1.5", "²", str(10**30)])
def test_a_tampered_reply_number_is_explained_and_the_next_send_works(
    visitor: Client, parent: str
) -> None:
    response = post_comment(visitor, parent=parent)

    assert response.status_code == 400
    html = response.content.decode()
    assert "We could not tell which comment you are replying to" in html
    assert 'class="error-summary"' in html
    assert "Reading this helped my family" in html
    hidden_parent = re.search(r'<input type="hidden" name="parent"[^>]*>', html).group(0)
    assert "value=" not in hidden_parent  # sent again, it posts a new comment

    again = post_comment(visitor, parent="")  # what the returned form now sends

    assert again.status_code == 302
    assert Comment.objects.get().parent is None


def test_a_reply_to_a_published_comment_still_attaches(visitor: Client) -> None:
    parent = make_comment()

    post_comment(visitor, parent=str(parent.pk), comment="Same here, thank you.")

    assert Comment.objects.get(body="Same here, thank you.").parent == parent


@pytest.mark.parametrize(
    "query",
    [
        "replyto=²",
        "replyto=١٢",
        "replyto=" + "9" * 40,
        "comment=published&c=²",
        "comment=published&c=" + "9" * 40,
        "page=²",
    ],
)
def test_unicode_digits_in_the_pages_parameters_are_ignored(visitor: Client, query: str) -> None:
    make_comment()

    response = visitor.get(f"/test-page/?{query}")

    assert response.status_code == 200
    assert "Leave a Comment" in response.content.decode()


def test_a_real_reply_number_still_opens_the_reply_form(visitor: Client) -> None:
    parent = make_comment(name="Sam", created=timezone.now())

    html = visitor.get(f"/test-page/?replyto={parent.pk}").content.decode()

    assert "Reply to Sam" in html


@pytest.mark.urls("recoverynav.urls")
@pytest.mark.parametrize("query", ["replyto=²", "comment=published&c=²", "page=²", "replyto=1%0A"])
def test_a_guide_page_answers_unicode_digits_with_the_page(visitor: Client, query: str) -> None:
    response = visitor.get(f"/guide/overdose/?{query}")

    assert response.status_code == 200
    assert "Leave a Comment" in response.content.decode()
