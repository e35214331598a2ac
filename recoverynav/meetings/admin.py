"""The registry of meeting sources (kind, URL, zone, fellowship, enabled, last success,
counts, last error) with a "sync now" action, the import runs, meetings and problem reports."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from recoverynav.core import problem_reports
from recoverynav.core.export_files import rebuild_stale
from recoverynav.meetings.importers import FeedError
from recoverynav.meetings.keywords import refresh_keyword_index
from recoverynav.meetings.models import FeedSource, ImportRun, Meeting, ProblemReport
from recoverynav.meetings.services import sync_source

ERROR_SHOWN = 160


class KeepsKeywordIndex(admin.ModelAdmin):
    """Saves and deletes here change meetings (a source's delete removes its meetings): the
    keyword index is rebuilt in the same transaction, else keyword searches check every
    meeting until the next import."""

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        refresh_keyword_index()

    def delete_model(self, request, obj) -> None:
        super().delete_model(request, obj)
        refresh_keyword_index()

    def delete_queryset(self, request, queryset) -> None:
        super().delete_queryset(request, queryset)
        refresh_keyword_index()


class ImportRunInline(admin.TabularInline):
    model = ImportRun
    extra = 0
    max_num = 0
    can_delete = False
    ordering = ["-started"]
    fields = [
        "started",
        "succeeded",
        "created",
        "updated",
        "unchanged",
        "removed",
        "rejected",
        "errors",
        "notes",
    ]
    readonly_fields = fields
    show_change_link = True


@admin.register(FeedSource)
class FeedSourceAdmin(KeepsKeywordIndex):
    list_display = [
        "name",
        "title",
        "kind",
        "enabled",
        "fellowship",
        "default_timezone",
        "last_success_at",
        "meeting_count",
        "error",
    ]
    list_filter = ["enabled", "kind", "fellowship"]
    search_fields = ["name", "title", "url"]
    readonly_fields = ["last_success_at", "meeting_count", "last_error", "last_error_at"]
    fields = [
        "name",
        "title",
        "kind",
        "url",
        "filters",
        "fellowship",
        "default_timezone",
        "zone_from_place",
        "data_as_of",
        "enabled",
        *readonly_fields,
    ]
    actions = ["sync_now"]
    inlines = [ImportRunInline]

    @admin.display(description=_("last error"), ordering="last_error_at")
    def error(self, source: FeedSource) -> str:
        """The last failed sync's reason, while no sync has succeeded since."""
        text = source.last_error
        return text if len(text) <= ERROR_SHOWN else text[: ERROR_SHOWN - 1] + "…"

    @admin.action(description=_("Sync the chosen sources now"))
    def sync_now(self, request, queryset) -> None:
        """What `sync_meetings` does for cron, for the chosen sources, from the admin."""
        done = 0
        for source in queryset:
            try:
                report = sync_source(source)
            except FeedError as error:
                messages.error(request, f"{source.name}: {error}")
                continue
            done += 1
            messages.success(request, report.summary())
        rebuild_stale()  # the feed files, as sync_meetings rebuilds them
        if done:
            messages.info(
                request,
                ngettext("%(count)d source synced.", "%(count)d sources synced.", done)
                % {"count": done},
            )


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = [
        "started",
        "source",
        "succeeded",
        "created",
        "updated",
        "unchanged",
        "removed",
        "rejected",
    ]
    list_filter = ["source", "succeeded"]
    readonly_fields = [field.name for field in ImportRun._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Meeting)
class MeetingAdmin(KeepsKeywordIndex):
    list_display = ["name", "source", "attendance", "fellowship", "timezone", "approximate"]
    list_filter = ["source", "attendance", "fellowship", "approximate"]
    search_fields = ["name", "slug", "source_slug", "group_name", "formatted_address"]
    readonly_fields = ["source", "source_slug", "slug", "content_hash"]
    show_full_result_count = False


@admin.register(ProblemReport)
class ProblemReportAdmin(problem_reports.ProblemReportAdmin):
    """The review queue (core.problem_reports), as for facilities: correct the meeting at its
    source (or here), then mark the report resolved or dismissed."""

    list_display = ["created", "kind", "meeting", "status", "details"]
    list_select_related = ["meeting"]
    fields = ["meeting", *problem_reports.ProblemReportAdmin.fields]
    readonly_fields = ["meeting", *problem_reports.ProblemReportAdmin.readonly_fields]
