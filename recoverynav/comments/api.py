"""A page's published comments, and leaving one, for the JSON API (mounted at
/api/v1/comments). Posting goes through the same service as the form, so moderation, spam
defense and rate limits are the same; a signed token from /token replaces the form's hidden
field. Commenters' emails never appear in any response."""

import datetime as dt
import unicodedata
from typing import Annotated

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import ConfigDict, StrictBool

from recoverynav.api.errors import ERROR_RESPONSES, ApiError, ErrorOut
from recoverynav.api.params import json_integer
from recoverynav.comments import selectors, services, tokens
from recoverynav.comments.services import Outcome
from recoverynav.core import ratelimit
from recoverynav.core.client_address import client_ip

router = Router(tags=["comments"])
LINKS = {"comments": "/api/v1/comments/?page=guide:overdose"}

# A key without control characters: the service refuses one with its own words (a CR/LF
# would reach the moderators' mail subject), so the schema only says so.
PageKey = Annotated[
    str,
    Field(
        min_length=1,
        max_length=200,
        description="The page's key, e.g. guide:overdose.",
        json_schema_extra={"pattern": r"^[^\x00-\x1f\x7f-\x9f]+$"},
    ),
]
# A path on this site: a slash, then no spaces or control characters. (Spelled out rather than
# \S, whose meaning differs between Python, Rust and JavaScript regular expressions.)
PAGE_URL_PATTERN = r"^/[^\x00-\x20\x7f-\x9f]*$"
PageKeyQuery = Annotated[
    str, Query(min_length=1, max_length=200, description="The page's key, e.g. guide:overdose.")
]
PageUrlQuery = Annotated[
    str, Query(pattern=PAGE_URL_PATTERN, max_length=500, description="The page's path.")
]
PageUrl = Annotated[
    str,
    Field(
        pattern=PAGE_URL_PATTERN,
        max_length=500,
        description="The path of the page the comment belongs to, e.g. /guide/overdose/.",
    ),
]
MESSAGES = {
    Outcome.PUBLISHED: _("Thank you. Your comment is published."),
    Outcome.PENDING: _(
        "Thank you. Your comment is awaiting moderation. A person will read it before it appears."
    ),
    Outcome.SPAM: _(
        "Your comment is awaiting moderation. Our filters thought it might be automated or "
        "repeated, so a person will check it before it appears."
    ),
    Outcome.CRISIS: _(
        "Your comment is awaiting moderation. It sounds like you, or someone close to you, may "
        "be going through something very hard. Free, confidential help is available right "
        "now: see `help`."
    ),
}


class CommentOut(Schema):
    id: int
    name: str
    website: str
    body_html: str
    created: dt.datetime
    verified: bool = Field(description="The writer confirmed their email address.")
    depth: int
    replies: list["CommentOut"]


CommentOut.model_rebuild()


class CommentListOut(Schema):
    page: str
    count: int
    comments: list[CommentOut]


class TokenOut(Schema):
    token: str
    page: str
    page_url: str
    not_before: dt.datetime = Field(description="Posting earlier than this looks automated.")
    expires: dt.datetime


# The body's schema says exactly what the comment form accepts, so every valid body is taken
# (published or held for moderation). Text that is only whitespace (what Python's strip()
# removes, spelled out) is refused by the form, with its own kind words; the email follows a
# simple pattern that the form's validator always accepts. A field the form does not take
# (such as the `website` comments no longer ask for) is a 400 naming it, never dropped
# silently.
WHITESPACE = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())
# Something other than white space, and no NUL (the API refuses NUL everywhere).
NOT_BLANK = {"pattern": f"^[^\\x00]*[^{WHITESPACE}\\x00][^\\x00]*$"}
# A name needs a character that is neither white space nor an invisible format character
# (Unicode Cf, which the form drops from names).
INVISIBLE = "".join(chr(c) for c in range(0x10000) if unicodedata.category(chr(c)) == "Cf")
NAME_NOT_BLANK = {"pattern": f"^[^\\x00]*[^{WHITESPACE}{INVISIBLE}\\x00][^\\x00]*$"}
LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
HOST = rf"{LABEL}(?:\.{LABEL})*\.[A-Za-z]{{2,63}}"
EMAIL_PATTERN = rf"^[A-Za-z0-9_+-]{{1,64}}(?:\.[A-Za-z0-9_+-]{{1,64}})*@{HOST}$"


class CommentIn(Schema):
    model_config = ConfigDict(extra="forbid")

    page: PageKey
    page_url: PageUrl
    token: Annotated[str, Field(max_length=1000, description="From GET /comments/token.")]
    comment: Annotated[
        str,
        Field(
            min_length=1,
            max_length=settings.COMMENTS_MAX_LENGTH,
            description="Markdown; links allowed.",
            json_schema_extra=NOT_BLANK,
        ),
    ]
    name: Annotated[str, Field(min_length=1, max_length=80, json_schema_extra=NAME_NOT_BLANK)]
    email: Annotated[
        str,
        Field(pattern=EMAIL_PATTERN, max_length=254, description="Never published or returned."),
    ]
    consent: StrictBool = Field(
        description="Agreement that the comment and name are published: must be true.",
        json_schema_extra={"const": True},
    )
    parent: json_integer(ge=1, le=2**53) | None = Field(  # type: ignore[valid-type]
        None, description="Reply to this id (else a new thread)."
    )
    confirm_email: StrictBool = Field(
        False,
        description="Mail the writer a single-use link that confirms the address, so that "
        "later comments under a name approved for it are published at once.",
    )


class CrisisHelpOut(Schema):
    country: str
    emergency_number: str
    hotlines_url: str


class CommentPostedOut(Schema):
    outcome: str
    message: str
    comment: CommentOut | None
    help: CrisisHelpOut | None


@router.get("/", response={200: CommentListOut, **ERROR_RESPONSES}, summary="A page's comments")
def comment_list(request: HttpRequest, page: PageKeyQuery) -> dict:
    """Published comments only, oldest first, replies nested, as the page shows them."""
    threads = selectors.approved_comments_for(page)
    return {"page": page, "count": selectors.count_comments(threads), "comments": threads}


@router.get("/token", response={200: TokenOut, **ERROR_RESPONSES}, summary="A token to post")
def comment_token(
    request: HttpRequest,
    response: HttpResponse,
    page: PageKeyQuery,
    page_url: PageUrlQuery,
) -> dict:
    """Signed, single-use, bound to the page; what the form's hidden field carries."""
    now = timezone.now()
    response["Cache-Control"] = "no-store"
    return {
        "token": tokens.issue_form_token(page_key=page, page_url=page_url, now=now),
        "page": page,
        "page_url": page_url,
        "not_before": now + dt.timedelta(seconds=settings.COMMENTS_MIN_SECONDS),
        "expires": now + dt.timedelta(seconds=settings.COMMENTS_TOKEN_MAX_AGE),
    }


@router.post(
    "/",
    response={201: CommentPostedOut, 202: CommentPostedOut, **ERROR_RESPONSES, 429: ErrorOut},
    summary="Leave a comment",
)
def comment_post(request: HttpRequest, body: CommentIn) -> Status:
    """201 when published at once (a known commenter), 202 when held for moderation."""
    data = body.model_dump(exclude={"page", "page_url"})
    result = services.submit_comment(
        page_key=body.page,
        page_url=body.page_url,
        data=data,
        client_ip=client_ip(request),
        now=timezone.now(),
        base_url=request.build_absolute_uri("/"),
    )
    _raise_if_refused(result)
    comment = None
    if result.outcome == Outcome.PUBLISHED:
        threads = selectors.approved_comments_for(body.page)
        comment = selectors.find_comment(threads, result.comment.pk)
    return Status(
        201 if comment else 202,
        {
            "outcome": result.outcome.value,
            "message": str(MESSAGES[result.outcome]),
            "comment": comment,
            "help": _crisis_help(request) if result.outcome == Outcome.CRISIS else None,
        },
    )


def _raise_if_refused(result: services.SubmitResult) -> None:
    if result.outcome == Outcome.INVALID:
        errors = [
            {"loc": ["body"] if field == "__all__" else ["body", field], "msg": str(message)}
            for field, messages in result.form.errors.items()
            for message in messages
        ]
        raise ApiError("invalid_comment", gettext("Some fields need attention."), errors=errors)
    if result.outcome == Outcome.EXPIRED:
        raise ApiError(
            "token_expired",
            gettext("The token has expired. Get a new one from /api/v1/comments/token."),
        )
    if result.outcome == Outcome.RATE_LIMITED:
        seconds = ratelimit.budget_for("comment_network").seconds
        raise ApiError(
            "rate_limited",
            gettext("Too many comments from this network. Try again later."),
            status=429,
            headers={"Retry-After": str(seconds)},
        )


def _crisis_help(request: HttpRequest) -> dict | None:
    country = selectors.crisis_help_for(request)
    if country is None:
        return None
    return {
        "country": country.code,
        "emergency_number": country.emergency_number,
        "hotlines_url": request.build_absolute_uri(f"/api/v1/hotlines/{country.code}"),
    }
