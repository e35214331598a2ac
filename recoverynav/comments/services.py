"""Writes: taking a comment in (with every spam and safety check), moderation, erasure."""

import datetime as dt
import logging
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from recoverynav.comments import names, privacy, text, tokens
from recoverynav.comments.forms import CommentForm
from recoverynav.comments.models import Comment, Status, UsedFormToken, VerifiedEmail
from recoverynav.core import ratelimit

logger = logging.getLogger(__name__)
DUPLICATE_WINDOW = dt.timedelta(days=30)


class Outcome(StrEnum):
    PUBLISHED = "published"
    PENDING = "pending"
    SPAM = "spam"
    CRISIS = "crisis"
    INVALID = "invalid"
    RATE_LIMITED = "rate-limited"
    EXPIRED = "expired"


@dataclass
class SubmitResult:
    """What happened to a submission; every outcome has a message for the writer."""

    outcome: Outcome
    form: CommentForm
    comment: Comment | None = None  # None when refused (invalid, rate-limited, expired)


def _spam_reasons(
    *,
    form: CommentForm,
    token: tokens.FormToken | None,
    page_key: str,
    page_url: str,
    email_hash: str,
    now: dt.datetime,
) -> list[str]:
    data = form.cleaned_data
    reasons = []
    if token is None or (token.page_key, token.page_url) != (page_key, page_url):
        reasons.append("bad-token")
    elif (now - token.issued).total_seconds() < settings.COMMENTS_MIN_SECONDS:
        reasons.append("too-fast")
    if data["homepage"]:
        reasons.append("honeypot")
    if text.count_links(data["comment"], data["name"]) > settings.COMMENTS_MAX_LINKS:
        reasons.append("too-many-links")
    written = " ".join([data["comment"], data["name"]])
    if text.contains_any(written, settings.COMMENTS_BLOCKED_WORDS):
        reasons.append("blocked-words")
    if (
        Comment.objects.filter(body=data["comment"], created__gte=now - DUPLICATE_WINDOW)
        .filter(Q(page_key=page_key) | Q(email_hash=email_hash))
        .exists()
    ):
        reasons.append("duplicate")
    return reasons


def _within_rate_limits(*, email_hash: str, client_ip: str, now: dt.datetime) -> bool:
    by_network = ratelimit.hit(
        key="comment_network:" + privacy.ip_hash(client_ip, now=now),
        budget=ratelimit.budget_for("comment_network"),
        now=now,
    )
    by_email = ratelimit.hit(
        key="comment_email:" + email_hash, budget=ratelimit.budget_for("comment_email"), now=now
    )
    return by_network.allowed and by_email.allowed


def _approved_parent(*, parent_id: int | None, page_key: str) -> Comment | None:
    """A reply attaches only to a published comment on the same page; else it stands alone."""
    if not parent_id:
        return None
    return Comment.objects.approved().filter(pk=parent_id, page_key=page_key).first()


def _outcome_for(comment: Comment) -> Outcome:
    if comment.is_crisis:
        return Outcome.CRISIS
    return {Status.APPROVED: Outcome.PUBLISHED, Status.SPAM: Outcome.SPAM}.get(
        comment.status, Outcome.PENDING
    )


def submit_comment(
    *,
    page_key: str,
    page_url: str,
    data: dict,
    client_ip: str,
    now: dt.datetime,
    base_url: str | None = None,
) -> SubmitResult:
    """Check and store one comment. Suspected spam is stored with status spam (never lost);
    only invalid, rate-limited or expired submissions are refused, and those keep the form."""
    form = CommentForm(data)
    if form.is_valid() and not is_valid_page_key(page_key):
        form.add_error(None, _("This page cannot take comments."))
    if not form.is_valid():
        return SubmitResult(Outcome.INVALID, form)
    try:
        token = tokens.read_form_token(form.cleaned_data["token"], now=now)
    except tokens.FormTokenExpired:
        return SubmitResult(Outcome.EXPIRED, form)
    except tokens.FormTokenError:
        token = None
    email_hash = privacy.email_hash(form.cleaned_data["email"])
    if not _within_rate_limits(email_hash=email_hash, client_ip=client_ip, now=now):
        return SubmitResult(Outcome.RATE_LIMITED, form)
    with transaction.atomic():
        comment, repeated = _store(
            form=form,
            token=token,
            page_key=page_key,
            page_url=page_url,
            email_hash=email_hash,
            client_ip=client_ip,
            now=now,
        )
    base_url = base_url or settings.COMMENTS_SITE_URL
    if comment.status == Status.PENDING and not repeated:
        notify_moderators(comment=comment, base_url=base_url)
    if form.cleaned_data["confirm_email"] and comment.status != Status.SPAM and not repeated:
        send_verification(
            email=form.cleaned_data["email"], email_hash=email_hash, base_url=base_url, now=now
        )
    return SubmitResult(_outcome_for(comment), form, comment)


def is_valid_page_key(page_key: str) -> bool:
    """A page key fits its column and has no control characters (a CR/LF in it would end up
    in the moderators' mail subject)."""
    return 0 < len(page_key) <= Comment._meta.get_field("page_key").max_length and not any(
        unicodedata.category(ch) == "Cc" for ch in page_key
    )


def may_skip_moderation(*, email_hash: str, name: str) -> bool:
    """Published at once only when the writer confirmed the address (through the link mailed
    to it), a moderator has approved a comment from it under a name that looks the same (as
    WordPress matches name and email), and no other commenter is known by that name."""
    return (
        VerifiedEmail.objects.filter(email_hash=email_hash).exists()
        and names.approved_under(name, email_hash=email_hash)
        and not names.used_by_another_commenter(name, email_hash=email_hash)
    )


def send_verification(*, email: str, email_hash: str, base_url: str, now: dt.datetime) -> bool:
    """Mail the writer a signed, single-use link that confirms the address, in their language.
    Nothing is sent to an address already confirmed or mailed too often; a mail failure is
    logged and changes nothing else. True when a mail went out."""
    if VerifiedEmail.objects.filter(email_hash=email_hash).exists():
        return False
    mailed = ratelimit.hit(
        key="comment_verification_mail:" + email_hash,
        budget=ratelimit.budget_for("comment_verification_mail"),
        now=now,
    )
    if not mailed.allowed:
        return False
    token = tokens.verification_token(email_hash=email_hash)
    context = {
        "link": base_url.rstrip("/") + reverse("comments:verify", args=[token]),
        "days": tokens.VERIFICATION_LINK_MAX_AGE // 86400,
        "site_name": settings.SITE_NAME,
    }
    subject = render_to_string("comments/verification_email_subject.txt", context)
    body = render_to_string("comments/verification_email.txt", context)
    try:
        send_mail(one_line(subject), body, None, [email])
    except OSError:
        logger.exception("Could not send an email confirmation link")
        return False
    return True


class VerifyOutcome(StrEnum):
    VERIFIED = "verified"
    ALREADY = "already"  # the link was spent, and the address is confirmed
    USED = "used"  # the link was spent, and the address is not confirmed (it was erased)


def verify_email(*, link: tokens.VerificationLink, now: dt.datetime) -> VerifyOutcome:
    """Spend the link and confirm its address: later comments from it may skip moderation
    (see `may_skip_moderation`) and every comment from it shows the "verified" mark."""
    with transaction.atomic():
        _used, created = UsedFormToken.objects.select_for_update().get_or_create(
            token_hash=link.digest,
            defaults={"expires": now + dt.timedelta(seconds=tokens.VERIFICATION_LINK_MAX_AGE)},
        )
        known = VerifiedEmail.objects.filter(email_hash=link.email_hash).exists()
        if not created:
            return VerifyOutcome.ALREADY if known else VerifyOutcome.USED
        if not known:
            VerifiedEmail.objects.create(email_hash=link.email_hash, verified=now)
        Comment.objects.filter(email_hash=link.email_hash).update(email_verified=True)
    return VerifyOutcome.VERIFIED


def one_line(subject: str) -> str:
    """A mail subject without line breaks or other control characters (which would make
    Django refuse the header), whatever a stored page key or name holds."""
    cleaned = "".join(" " if unicodedata.category(ch) in ("Cc", "Cf") else ch for ch in subject)
    return " ".join(cleaned.split())


def _spend_token(token: tokens.FormToken | None) -> tuple[UsedFormToken | None, bool]:
    """Record the token as used: (the new record, False) the first time, (the earlier
    record, True) on a replay. Locked, so two simultaneous posts cannot both win."""
    if token is None:
        return None, False
    expires = token.issued + dt.timedelta(seconds=settings.COMMENTS_TOKEN_MAX_AGE)
    used, created = UsedFormToken.objects.select_for_update().get_or_create(
        token_hash=token.digest, defaults={"expires": expires}
    )
    return used, not created


def _store(
    *,
    form: CommentForm,
    token: tokens.FormToken | None,
    page_key: str,
    page_url: str,
    email_hash: str,
    client_ip: str,
    now: dt.datetime,
) -> tuple[Comment, bool]:
    """The stored comment and whether it is a repeat (a double-click) of one already stored."""
    data = form.cleaned_data
    reasons = _spam_reasons(
        form=form,
        token=token,
        page_key=page_key,
        page_url=page_url,
        email_hash=email_hash,
        now=now,
    )
    used, replayed = _spend_token(token)
    if replayed:
        earlier = used.comment
        if earlier and earlier.body == data["comment"] and earlier.email_hash == email_hash:
            return earlier, True
        reasons.append("token-reused")
        used = None
    is_crisis = text.suggests_crisis(data["comment"] + " " + data["name"])
    if reasons:
        status = Status.SPAM
    elif not is_crisis and may_skip_moderation(email_hash=email_hash, name=data["name"]):
        status = Status.APPROVED
    else:
        status = Status.PENDING
    comment = Comment.objects.create(
        page_key=page_key,
        page_url=page_url,
        parent=_approved_parent(parent_id=data["parent"], page_key=page_key),
        name=data["name"],
        email_encrypted=privacy.encrypt_email(data["email"]),
        email_hash=email_hash,
        email_verified=VerifiedEmail.objects.filter(email_hash=email_hash).exists(),
        body=data["comment"],
        body_html=text.render_markdown(data["comment"]),
        status=status,
        spam_reasons=sorted(set(reasons)),
        is_crisis=is_crisis,
        ip_hash=privacy.ip_hash(client_ip, now=now),
        language=translation.get_language() or "",
        created=now,
    )
    if used is not None:
        used.comment = comment
        used.save(update_fields=["comment"])
    return comment, False


def notify_moderators(*, comment: Comment, base_url: str) -> None:
    """Email the moderators about a held comment, with signed approve/reject links.
    A mail failure is logged (without the comment) and never loses the comment."""
    if not settings.MODERATOR_EMAILS:
        return
    base = base_url.rstrip("/")
    links = {
        action: base
        + reverse(
            "comments:moderate",
            args=[tokens.moderation_token(comment_id=comment.pk, action=action)],
        )
        for action in tokens.MODERATION_ACTIONS
    }
    context = {
        "comment": comment,
        "links": links,
        "base": base,
        "name_of_another": names.used_by_another_commenter(
            comment.name, email_hash=comment.email_hash
        ),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = one_line(render_to_string("comments/moderator_email_subject.txt", context))
        body = render_to_string("comments/moderator_email.txt", context)
    try:
        send_mail(subject, body, None, settings.MODERATOR_EMAILS)
    except OSError:
        logger.exception("Could not email the moderators about comment %s", comment.pk)


def set_status(*, comments: QuerySet[Comment], status: Status, now: dt.datetime) -> int:
    """Moderate many comments at once (the admin's bulk actions and single links)."""
    return comments.update(status=status, moderated=now)


def erase_commenter(*, email: str) -> int:
    """Delete everything written with this email, and its confirmation. Others' replies stay,
    as top-level comments."""
    email_hash = privacy.email_hash(email)
    VerifiedEmail.objects.filter(email_hash=email_hash).delete()
    written = Comment.objects.filter(email_hash=email_hash)
    return written.delete()[1].get(Comment._meta.label, 0)


def purge_comments(*, now: dt.datetime, days: int) -> int:
    """Delete spam and rejected comments older than `days`, and spent tokens."""
    UsedFormToken.objects.filter(expires__lt=now).delete()
    old = Comment.objects.filter(
        status__in=[Status.SPAM, Status.REJECTED], created__lt=now - dt.timedelta(days=days)
    )
    return old.delete()[1].get(Comment._meta.label, 0)


def moderate_one(*, comment: Comment, action: str, now: dt.datetime) -> None:
    """Apply a moderator's email link: approve publishes, reject hides for good."""
    status = Status.APPROVED if action == "approve" else Status.REJECTED
    set_status(comments=Comment.objects.filter(pk=comment.pk), status=status, now=now)
    comment.status = status
