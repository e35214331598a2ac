"""The moderation queue. Emails stay hidden: only a superuser's detail page decrypts one."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from recoverynav.comments import privacy, services
from recoverynav.comments.models import Comment, Status

BASE_READONLY = [
    "page_key",
    "page_url",
    "parent",
    "name",
    "email_verified",
    "website",
    "body",
    "spam_reasons",
    "is_crisis",
    "language",
    "created",
    "moderated",
]


def _moderation_action(status: Status, label: str):
    @admin.action(description=label, permissions=["change"])
    def action(modeladmin: "CommentAdmin", request: HttpRequest, queryset: QuerySet) -> None:
        changed = services.set_status(comments=queryset, status=status, now=timezone.now())
        modeladmin.message_user(
            request,
            ngettext("%(count)d comment changed.", "%(count)d comments changed.", changed)
            % {"count": changed},
            messages.SUCCESS,
        )

    action.__name__ = f"mark_{status}"
    return action


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["name", "excerpt", "page_key", "status", "is_crisis", "reasons", "created"]
    list_filter = ["status", "is_crisis", "page_key", "created"]
    search_fields = ["name", "body", "page_key"]
    date_hierarchy = "created"
    list_per_page = 50
    actions = [
        _moderation_action(Status.APPROVED, _("Approve selected comments")),
        _moderation_action(Status.SPAM, _("Mark selected comments as spam")),
        _moderation_action(Status.REJECTED, _("Reject selected comments")),
        "delete_selected",
    ]
    fields = ["status", *BASE_READONLY]

    @admin.display(description=_("comment"))
    def excerpt(self, comment: Comment) -> str:
        return Truncator(comment.body).chars(80)

    @admin.display(description=_("spam signs"))
    def reasons(self, comment: Comment) -> str:
        return ", ".join(comment.spam_reasons)

    @admin.display(description=_("email"))
    def email(self, comment: Comment) -> str:
        return privacy.decrypt_email(comment.email_encrypted)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).defer("email_encrypted")

    def get_fields(self, request: HttpRequest, obj: Comment | None = None) -> list[str]:
        return [*self.fields, "email"] if request.user.is_superuser else list(self.fields)

    def get_readonly_fields(self, request: HttpRequest, obj: Comment | None = None) -> list[str]:
        return [*BASE_READONLY, "email"] if request.user.is_superuser else BASE_READONLY

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # comments come from readers, through every check

    def save_model(self, request: HttpRequest, obj: Comment, form, change: bool) -> None:
        if "status" in form.changed_data:
            obj.moderated = timezone.now()
        super().save_model(request, obj, form, change)
