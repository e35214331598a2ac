"""Reads: the published comments of a page, threaded, with nothing private in them."""

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.http import HttpRequest

from recoverynav.comments.models import Comment, Status
from recoverynav.core import sql
from recoverynav.hotlines.models import Country
from recoverynav.hotlines.selectors import (
    countries_with_hotlines,
    country_code_for_request,
    country_with_hotlines,
)

PUBLIC_FIELDS = ("id", "parent_id", "name", "website", "body_html", "created", "email_verified")


@dataclass
class PublicComment:
    """What anyone may see of a comment: no email, no network hash, no moderation notes;
    `verified` says the writer confirmed their address (never which one)."""

    id: int
    name: str
    website: str
    body_html: str
    created: dt.datetime
    verified: bool = False
    depth: int = 0
    replies: list["PublicComment"] = field(default_factory=list)


def published_version(page_key: str) -> str:
    """Changes whenever anything visible of the page's published comments changes (a new
    approval, an edit, an erased name, a removal): pages cached with their comments key on it."""
    # Every guide article served runs this: plain SQL, the ORM's compilation doubled its cost.
    rows = sql.fetch_all(
        sql.select(
            Comment, PUBLIC_FIELDS, where=["{status} = %s", "{page_key} = %s"], order_by=["id"]
        ),
        [Status.APPROVED.value, page_key],
    )
    return hashlib.blake2b(repr(rows).encode(), digest_size=16).hexdigest()


def approved_comments_for(page_key: str) -> list[PublicComment]:
    """Top-level comments, oldest first, each with its replies nested (one query).

    Replies deeper than COMMENTS_MAX_DEPTH are shown at the deepest level; a reply whose
    parent is no longer published is shown as a top-level comment."""
    rows = (
        Comment.objects.approved()
        .filter(page_key=page_key)
        .order_by("created", "id")
        .values_list(*PUBLIC_FIELDS)
    )
    by_id: dict[int, PublicComment] = {}
    parents: dict[int, int | None] = {}
    for pk, parent_id, name, website, body_html, created, verified in rows:
        by_id[pk] = PublicComment(pk, name, website, body_html, created, verified)
        parents[pk] = parent_id
    top: list[PublicComment] = []
    max_depth = settings.COMMENTS_MAX_DEPTH
    for pk, comment in by_id.items():  # oldest first, so a parent is placed before its replies
        parent = by_id.get(parents[pk])
        while parent is not None and parent.depth >= max_depth - 1:
            parent = by_id.get(parents[parent.id])
        if parent is None:
            top.append(comment)
        else:
            comment.depth = parent.depth + 1
            parent.replies.append(comment)
    return top


def count_comments(threads: list[PublicComment]) -> int:
    return sum(1 + count_comments(c.replies) for c in threads)


def find_comment(threads: list[PublicComment], comment_id: int) -> PublicComment | None:
    for comment in threads:
        if comment.id == comment_id:
            return comment
        found = find_comment(comment.replies, comment_id)
        if found:
            return found
    return None


def comment_for_moderation(comment_id: int) -> Comment | None:
    return Comment.objects.filter(pk=comment_id).defer("email_encrypted").first()


def crisis_help_for(request: HttpRequest) -> Country | None:
    """The visitor's country with its emergency number and hotlines, for a crisis reply."""
    known = {country.code for country in countries_with_hotlines()}
    return country_with_hotlines(country_code_for_request(request, known))
