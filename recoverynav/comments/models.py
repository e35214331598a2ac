from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    APPROVED = "approved", _("Approved")
    SPAM = "spam", _("Spam")
    REJECTED = "rejected", _("Rejected")


class CommentQuerySet(models.QuerySet):
    def approved(self) -> "CommentQuerySet":
        return self.filter(status=Status.APPROVED)


class Comment(models.Model):
    """A reader's comment on a page. The email is kept only encrypted plus a keyed hash."""

    page_key = models.CharField(_("page"), max_length=200, db_index=True)
    page_url = models.CharField(_("page address"), max_length=500)
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("in reply to"),
    )
    name = models.CharField(_("name"), max_length=80)
    email_encrypted = models.BinaryField(_("email (encrypted)"), editable=False)
    email_hash = models.CharField(_("email hash"), max_length=64, db_index=True, editable=False)
    # Kept on each comment (rather than joined) so the page's one query and the cached
    # pages' version (selectors.published_version) see it.
    email_verified = models.BooleanField(_("email confirmed"), default=False, editable=False)
    # No longer asked for (docs/comments.md); kept, and shown, for comments written before.
    website = models.URLField(_("website"), blank=True)
    body = models.TextField(_("comment"))
    body_html = models.TextField(_("comment (rendered)"), editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    spam_reasons = models.JSONField(_("spam signs"), default=list, blank=True, editable=False)
    is_crisis = models.BooleanField(_("may be in danger"), default=False, editable=False)
    ip_hash = models.CharField(_("network hash (rotates daily)"), max_length=64, editable=False)
    language = models.CharField(_("language"), max_length=10, blank=True, editable=False)
    created = models.DateTimeField(_("written"), db_index=True, editable=False)
    moderated = models.DateTimeField(_("moderated"), null=True, blank=True, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["page_key", "status", "created"], name="comment_page")]

    def __str__(self) -> str:
        return f"{self.name}: {self.body[:40]}"


class VerifiedEmail(models.Model):
    """An address whose owner opened the signed link sent to it: only its keyed hash."""

    email_hash = models.CharField(max_length=64, unique=True)
    verified = models.DateTimeField()

    def __str__(self) -> str:
        return self.email_hash[:12]


class UsedFormToken(models.Model):
    """A form token or email-confirmation link already spent (stored as a hash), so each
    can be used only once."""

    token_hash = models.CharField(max_length=64, unique=True)
    # SET_NULL: an erased comment's token stays spent.
    comment = models.ForeignKey(Comment, on_delete=models.SET_NULL, null=True, blank=True)
    expires = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return self.token_hash[:12]
