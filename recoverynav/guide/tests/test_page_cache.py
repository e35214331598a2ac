"""Guide articles come from the page cache, yet each visitor gets a fresh comment form token
and published comments show (or vanish) on the next view."""

import re

import pytest
from django.test import Client

from recoverynav.comments.models import Comment, Status
from recoverynav.comments.tests.helpers import make_comment, post_comment
from recoverynav.comments.tokens import FORM_TOKEN_SLOT

pytestmark = pytest.mark.django_db

ARTICLE = "/guide/what-to-do/"
PAGE_KEY = "guide:what-to-do"


def token_in(html: str) -> str:
    return re.search(r'name="token" value="([^"]+)"', html).group(1)


def test_each_view_of_a_cached_article_carries_its_own_token(
    visitor: Client, hotlines: None
) -> None:
    first = visitor.get(ARTICLE).content.decode()
    second = visitor.get(ARTICLE).content.decode()

    assert FORM_TOKEN_SLOT not in first + second
    assert token_in(first) != token_in(second)
    # Everything else is the same page.
    assert first.replace(token_in(first), "") == second.replace(token_in(second), "")


def test_the_token_of_a_cached_copy_posts_a_comment(
    visitor: Client, hotlines: None, settings
) -> None:
    settings.COMMENTS_MIN_SECONDS = 0
    visitor.get(ARTICLE)
    token = token_in(visitor.get(ARTICLE).content.decode())

    response = post_comment(visitor, page_key=PAGE_KEY, token=token, page_url=ARTICLE)

    assert response.status_code in (302, 303)
    assert Comment.objects.filter(page_key=PAGE_KEY).exists()


def test_published_comments_change_the_page_at_once(visitor: Client, hotlines: None) -> None:
    assert "Two years in recovery" not in visitor.get(ARTICLE).content.decode()
    comment = make_comment(
        page_key=PAGE_KEY, page_url=ARTICLE, name="Robin", body="Two years in recovery."
    )
    assert "Two years in recovery" in visitor.get(ARTICLE).content.decode()

    # Erasing a commenter's name must not wait for the cache.
    comment.name = "Anonymous"
    comment.save()
    assert "Robin" not in visitor.get(ARTICLE).content.decode()

    comment.status = Status.REJECTED
    comment.save()
    assert "Two years in recovery" not in visitor.get(ARTICLE).content.decode()
