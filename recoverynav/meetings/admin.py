from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from recoverynav.meetings.models import FeedSource, ImportRun, Meeting, ProblemReport


class ImportRunInline(admin.TabularInline):
    model = ImportRun
    extra = 0
    max_num = 0
    can_delete = False
    ordering = ["-started_at"]
    fields = [
        "started_at",
        "status",
        "created",
        "updated",
        "unchanged",
        "removed",
        "rejected",
        "message",
    ]
    readonly_fields = fields
    show_change_link = True


@admin.register(FeedSource)
class FeedSourceAdmin(admin.ModelAdmin):
    list_display = ["name", "enabled", "fellowship", "last_success_at", "meeting_count", "last_run"]
    list_filter = ["enabled", "fellowship"]
    readonly_fields = ["last_success_at"]
    inlines = [ImportRunInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(meeting_total=Count("meetings"))

    @admin.display(description=_("meetings"), ordering="meeting_total")
    def meeting_count(self, source: FeedSource) -> int:
        return source.meeting_total

    @admin.display(description=_("last import"))
    def last_run(self, source: FeedSource) -> str:
        run = source.runs.first()
        return run.message if run else "—"


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ["source", "started_at", "status", "created", "updated", "removed", "rejected"]
    list_filter = ["status", "source"]
    readonly_fields = [field.name for field in ImportRun._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["name", "source", "attendance", "fellowship", "timezone", "approximate"]
    list_filter = ["source", "attendance", "fellowship", "approximate"]
    search_fields = ["name", "slug", "source_slug", "group_name", "formatted_address"]
    readonly_fields = ["source", "source_slug", "slug", "content_hash"]
    show_full_result_count = False


@admin.register(ProblemReport)
class ProblemReportAdmin(admin.ModelAdmin):
    list_display = ["meeting", "created_at", "status"]
    list_filter = ["status"]
    list_editable = ["status"]
    readonly_fields = ["meeting", "message", "created_at"]
    list_select_related = ["meeting"]
