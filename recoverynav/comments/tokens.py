"""Signed tokens: the form token (time to fill, single use) and moderators' email links."""

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from cryptography.fernet import InvalidToken
from django.conf import settings
from django.core import signing

from recoverynav.comments import privacy

FORM_SALT = "recoverynav.comments.form"
MODERATION_SALT = "recoverynav.comments.moderation"
MODERATION_ACTIONS = ("approve", "reject")


@dataclass(frozen=True)
class FormToken:
    page_key: str
    page_url: str
    issued: dt.datetime
    digest: str  # sha256 of the token text: what the used-token table stores


class FormTokenError(Exception):
    """The token is missing, tampered with or not for this page."""


class FormTokenExpired(FormTokenError):
    """The token is genuine but older than COMMENTS_TOKEN_MAX_AGE."""


# Where a shared (cached) copy of a page holds the form token; `fill_form_token` puts a fresh
# token there in every copy served, so no two visitors ever get the same one.
FORM_TOKEN_SLOT = "comment-form-token-slot"  # noqa: S105  # nosec B105


def fill_form_token(content: bytes, *, page_key: str, page_url: str, now: dt.datetime) -> bytes:
    token = issue_form_token(page_key=page_key, page_url=page_url, now=now)
    return content.replace(FORM_TOKEN_SLOT.encode(), token.encode())


def issue_form_token(*, page_key: str, page_url: str, now: dt.datetime) -> str:
    """A token naming the page, when the form was shown and a nonce (so each one is unique)."""
    payload = {"k": page_key, "u": page_url, "t": int(now.timestamp()), "n": secrets.token_hex(8)}
    return signing.dumps(payload, salt=FORM_SALT, compress=True)


def read_form_token(token: str, *, now: dt.datetime) -> FormToken:
    try:
        payload = signing.loads(token, salt=FORM_SALT)
        issued = dt.datetime.fromtimestamp(int(payload["t"]), tz=dt.UTC)
        page_key, page_url = str(payload["k"]), str(payload["u"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise FormTokenError from error
    if (now - issued).total_seconds() > settings.COMMENTS_TOKEN_MAX_AGE:
        raise FormTokenExpired
    digest = hashlib.sha256(token.encode()).hexdigest()
    return FormToken(page_key=page_key, page_url=page_url, issued=issued, digest=digest)


def moderation_token(*, comment_id: int, action: str) -> str:
    return signing.dumps({"c": comment_id, "a": action}, salt=MODERATION_SALT)


def read_moderation_token(token: str) -> tuple[int, str]:
    """(comment id, action); raises signing.SignatureExpired or signing.BadSignature."""
    payload = signing.loads(
        token, salt=MODERATION_SALT, max_age=settings.COMMENTS_MODERATION_LINK_MAX_AGE
    )
    try:
        comment_id, action = int(payload["c"]), str(payload["a"])
    except (KeyError, TypeError, ValueError) as error:
        raise signing.BadSignature from error
    if action not in MODERATION_ACTIONS:
        raise signing.BadSignature
    return comment_id, action


VERIFICATION_LABEL = "email-verification"
VERIFICATION_LINK_MAX_AGE = 60 * 60 * 48  # two days: long enough to find the mail


@dataclass(frozen=True)
class VerificationLink:
    email_hash: str
    digest: str  # sha256 of the token text: spent links go in the used-token table


def verification_token(*, email_hash: str) -> str:
    """A link's token naming the address by its keyed hash, with a nonce so each mail's link
    is its own (and can be spent once). Sealed rather than only signed, so the hash cannot
    be read from the link in a mail scanner or an access log."""
    return privacy.seal(f"{email_hash}:{secrets.token_hex(8)}", label=VERIFICATION_LABEL)


def read_verification_token(token: str, *, now: dt.datetime) -> VerificationLink:
    """Raises signing.SignatureExpired (older than VERIFICATION_LINK_MAX_AGE) or
    signing.BadSignature (tampered with, or not one of ours)."""
    try:
        text, sealed = privacy.unseal(token, label=VERIFICATION_LABEL)
    except (InvalidToken, ValueError, TypeError) as error:
        raise signing.BadSignature from error
    email_hash, _, nonce = text.partition(":")
    if not (email_hash and nonce):
        raise signing.BadSignature
    if (now - sealed).total_seconds() > VERIFICATION_LINK_MAX_AGE:
        raise signing.SignatureExpired
    return VerificationLink(email_hash, hashlib.sha256(token.encode()).hexdigest())
