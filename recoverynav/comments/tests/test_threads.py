"""Replies are threaded, and replying works without JavaScript."""

import pytest
from django.test import Client

from recoverynav.comments.models import Comment, Status
from recoverynav.comments.selectors import approved_comments_for
from recoverynav.comments.tests.helpers import make_comment, post_comment
from recoverynav.comments.tests.urls import PAGE_KEY

pytestmark = [pytest.mark.django_db, pytest.mark.urls("recoverynav.comments.tests.urls")]


def test_replies_nest_under_their_parent() -> None:
    first = make_comment(body="first")
    reply = make_comment(body="reply", parent=first)
    make_comment(body="reply to reply", parent=reply)
    make_comment(body="second")

    threads = approved_comments_for(PAGE_KEY)

    assert [c.body_html for c in threads] == ["<p>first</p>", "<p>second</p>"]
    assert threads[0].replies[0].body_html == "<p>reply</p>"
    assert threads[0].replies[0].replies[0].body_html == "<p>reply to reply</p>"
    assert threads[0].replies[0].replies[0].depth == 2


def test_replies_deeper_than_the_limit_are_shown_at_the_deepest_level(settings) -> None:
    settings.COMMENTS_MAX_DEPTH = 2
    first = make_comment(body="first")
    reply = make_comment(body="reply", parent=first)
    make_comment(body="deeper", parent=reply)

    threads = approved_comments_for(PAGE_KEY)

    assert [c.body_html for c in threads[0].replies] == ["<p>reply</p>", "<p>deeper</p>"]


def test_a_reply_whose_parent_is_hidden_stands_alone() -> None:
    parent = make_comment(body="parent", status=Status.SPAM)
    make_comment(body="orphan", parent=parent)

    assert [c.body_html for c in approved_comments_for(PAGE_KEY)] == ["<p>orphan</p>"]


def test_only_this_pages_approved_comments_are_listed() -> None:
    make_comment(body="here")
    make_comment(body="elsewhere", page_key="guide:other")
    make_comment(body="waiting", status=Status.PENDING)

    assert [c.body_html for c in approved_comments_for(PAGE_KEY)] == ["<p>here</p>"]


def test_a_reply_link_opens_the_form_for_that_comment_without_javascript(visitor: Client) -> None:
    parent = make_comment(name="Jordan")

    page = visitor.get("/test-page/").content.decode()
    assert f'href="/test-page/?replyto={parent.pk}#respond"' in page
    html = visitor.get(f"/test-page/?replyto={parent.pk}").content.decode()

    assert "Reply to Jordan" in html
    assert f'name="parent" value="{parent.pk}"' in html
    assert 'href="/test-page/#respond"' in html  # cancel reply


def test_a_reply_to_an_unknown_comment_shows_the_plain_form(visitor: Client) -> None:
    html = visitor.get("/test-page/?replyto=999999").content.decode()

    assert "Leave a Comment" in html
    assert 'name="parent" value=' not in html


def test_a_posted_reply_is_stored_under_its_parent(visitor: Client) -> None:
    parent = make_comment()

    post_comment(visitor, parent=str(parent.pk), comment="Thank you for sharing this.")

    assert Comment.objects.get(body="Thank you for sharing this.").parent == parent


def test_a_reply_to_a_comment_on_another_page_stands_alone(visitor: Client) -> None:
    other = make_comment(page_key="guide:other")

    post_comment(visitor, parent=str(other.pk), comment="A reply")

    assert Comment.objects.get(body="A reply").parent is None


def test_the_section_takes_a_bounded_number_of_queries(
    visitor: Client, django_assert_max_num_queries
) -> None:
    for number in range(20):
        top = make_comment(body=f"top {number}")
        make_comment(body=f"reply {number}", parent=top)

    with django_assert_max_num_queries(1):
        html = visitor.get("/test-page/").content.decode()

    assert "40 comments" in html
