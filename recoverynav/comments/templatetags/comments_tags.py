"""`{% comment_section page_key page_url %}`: a page's comments, the form and its outcome."""

from django import template
from django.urls import reverse
from django.utils import timezone

from recoverynav.comments import selectors, tokens
from recoverynav.comments.forms import CommentForm
from recoverynav.core.fragments import fragment

register = template.Library()

OUTCOMES = {"published", "pending", "spam", "crisis"}


def _as_int(value: str | None) -> int | None:
    """An id from the address, or None: only ASCII digits ("²" and other Unicode digits
    pass str.isdigit() but not int()), and no more than an id can have."""
    if value and len(value) <= 18 and value.isascii() and value.isdecimal():
        return int(value)
    return None


@register.inclusion_tag("comments/_section.html", takes_context=True)
def comment_section(context: template.Context, page_key: str, page_url: str) -> dict:
    """One query for the comments; the crisis outcome's panel (`{% crisis_panel %}`) adds
    the hotline look-up (three)."""
    post_url = reverse("comments:post", args=[page_key])
    request = context["request"]
    threads = selectors.approved_comments_for(page_key)
    replying_to = selectors.find_comment(threads, _as_int(request.GET.get("replyto")) or 0)
    if context.get("comment_token_slot"):
        # A page served from the shared cache: the view fills a fresh token into each copy.
        token = tokens.FORM_TOKEN_SLOT
    else:
        token = tokens.issue_form_token(page_key=page_key, page_url=page_url, now=timezone.now())
    form = CommentForm(initial={"token": token, "parent": replying_to.id if replying_to else None})
    outcome = request.GET.get("comment", "")
    outcome = outcome if outcome in OUTCOMES else ""
    return {
        "request": request,
        "post_url": post_url,
        "page_key": page_key,
        "page_url": page_url,
        "threads": threads,
        "count": selectors.count_comments(threads),
        "replying_to": replying_to,
        "form": form,
        "fields_fragment": fragment("comment-fields"),
        "outcome": outcome,
        "own_comment_id": _as_int(request.GET.get("c")) if outcome == "published" else None,
        "confirm_sent": bool(outcome) and request.GET.get("confirm") == "sent",
    }
