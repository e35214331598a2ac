"""Plain helpers for the comment tests: a valid form, posting it, making comments."""

import datetime as dt

from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from recoverynav.comments import privacy, text
from recoverynav.comments.models import Comment, Status, VerifiedEmail
from recoverynav.comments.tests.urls import PAGE_KEY, PAGE_URL
from recoverynav.comments.tokens import issue_form_token

EMAIL = "ana.private@example.org"


def form_token(*, seconds_ago: int = 60, page_key: str = PAGE_KEY, page_url: str = PAGE_URL) -> str:
    issued = timezone.now() - dt.timedelta(seconds=seconds_ago)
    return issue_form_token(page_key=page_key, page_url=page_url, now=issued)


def form_data(**overrides: str | None) -> dict[str, str]:
    data = {
        "comment": "Thank you. Reading this helped my family talk about getting help.",
        "name": "Ana",
        "email": EMAIL,
        "consent": "on",
        "homepage": "",
        "page_url": PAGE_URL,
        "token": form_token(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def post_comment(client: Client, page_key: str = PAGE_KEY, **overrides: str | None):
    """POST the English form (whatever language an earlier request left active)."""
    with translation.override("en"):
        url = reverse("comments:post", args=[page_key])
    return client.post(url, form_data(**overrides))


def make_comment(**overrides) -> Comment:
    email = overrides.pop("email", "someone@example.org")
    body = overrides.pop("body", "I have been in recovery for two years. It gets better.")
    fields = {
        "page_key": PAGE_KEY,
        "page_url": PAGE_URL,
        "name": "Sam",
        "email_encrypted": privacy.encrypt_email(email),
        "email_hash": privacy.email_hash(email),
        "body": body,
        "body_html": text.render_markdown(body),
        "status": Status.APPROVED,
        "ip_hash": privacy.ip_hash("192.0.2.1", now=timezone.now()),
        "created": timezone.now(),
    }
    fields.update(overrides)
    return Comment.objects.create(**fields)


def make_known_commenter(email: str = EMAIL, **overrides) -> Comment:
    """A writer whose comments skip moderation: a confirmed address and an approved comment
    under the name the form helpers post with."""
    VerifiedEmail.objects.create(email_hash=privacy.email_hash(email), verified=timezone.now())
    overrides.setdefault("name", "Ana")
    return make_comment(email=email, email_verified=True, **overrides)
