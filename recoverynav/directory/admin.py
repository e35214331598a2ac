from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from recoverynav.core import problem_reports
from recoverynav.core.models import ReportStatus
from recoverynav.directory import services
from recoverynav.directory.models import (
    Facility,
    ImportRun,
    Organization,
    ProblemReport,
    SourceRecord,
    current_since,
)
from recoverynav.directory.sources import source_summaries


class SourceRecordInline(admin.TabularInline):
    model = SourceRecord
    extra = 0
    can_delete = False
    fields = ["source", "source_id", "last_verified"]
    readonly_fields = fields


class ProblemReportInline(admin.TabularInline):
    model = ProblemReport
    extra = 0
    can_delete = False
    fields = ["kind", "details", "status", "created"]
    readonly_fields = fields


class CurrentFilter(admin.SimpleListFilter):
    """Listings no current source confirms are left out of searches (DIRECTORY_CURRENT_SINCE):
    this is where moderators find them, to check by phone and mark verified, or hide."""

    title = _("confirmed by a current source")
    parameter_name = "current"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return [("yes", _("Yes: shown in searches")), ("no", _("No: left out of searches"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        since = current_since()
        if self.value() == "yes":
            return queryset.filter(last_verified__gte=since) if since else queryset
        if self.value() == "no":
            return queryset.filter(last_verified__lt=since) if since else queryset.none()
        return queryset


@admin.register(Facility)
class FacilityAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "city",
        "state",
        "phone",
        "source",
        "last_verified",
        "location_approximate",
        "is_active",
    ]
    list_filter = [CurrentFilter, "is_active", "source", "is_otp", "location_approximate", "state"]
    search_fields = ["name", "alternate_name", "city", "postal_code", "phone", "source_id"]
    readonly_fields = ["uuid", "source", "source_id", "match_key"]
    raw_id_fields = ["organization"]
    inlines = [ProblemReportInline, SourceRecordInline]
    actions = ["mark_verified"]

    @admin.action(description=_("Mark as verified today"), permissions=["change"])
    def mark_verified(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = services.mark_verified(facilities=queryset)
        self.message_user(request, _("%(count)d listings marked verified.") % {"count": count})


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "website"]
    search_fields = ["name"]
    readonly_fields = ["uuid", "match_key"]


@admin.register(ProblemReport)
class ProblemReportAdmin(problem_reports.ProblemReportAdmin):
    """The review queue (core.problem_reports): open the listing to correct it."""

    list_display = ["created", "kind", "facility_link", "status", "details"]
    list_select_related = ["facility"]
    fields = ["facility", *problem_reports.ProblemReportAdmin.fields]
    readonly_fields = ["facility", *problem_reports.ProblemReportAdmin.readonly_fields]
    actions = ["resolve_and_verify", "resolve", "dismiss", "hide_listing"]

    @admin.display(description=_("listing"))
    def facility_link(self, report: ProblemReport) -> str:
        return format_html(
            '<a href="../facility/{}/change/">{}</a>', report.facility_id, report.facility.name
        )

    @admin.action(
        description=_("Resolved: listing corrected or confirmed, mark it verified today"),
        permissions=["change"],
    )
    def resolve_and_verify(self, request: HttpRequest, queryset: QuerySet) -> None:
        services.mark_verified(facilities=[r.facility for r in queryset.select_related("facility")])
        self.close(request, queryset, ReportStatus.RESOLVED)

    @admin.action(
        description=_("Resolved (without marking the listing verified)"), permissions=["change"]
    )
    def resolve(self, request: HttpRequest, queryset: QuerySet) -> None:
        self.close(request, queryset, ReportStatus.RESOLVED)

    @admin.action(description=_("Confirmed closed: hide the listing"), permissions=["change"])
    def hide_listing(self, request: HttpRequest, queryset: QuerySet) -> None:
        hidden = services.hide_facilities(facilities=[r.facility for r in queryset])
        self.close(request, queryset, ReportStatus.RESOLVED)
        self.message_user(
            request, _("%(count)d listings hidden.") % {"count": hidden}, messages.WARNING
        )


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    """Every import and sync; above the list, each source with its records, the date of its
    newest information and its last successful run."""

    change_list_template = "admin/directory/importrun/change_list.html"
    list_display = [
        "started",
        "source",
        "file_name",
        "dry_run",
        "succeeded",
        "created",
        "merged",
        "updated",
        "unchanged",
        "removed",
        "rejected",
    ]
    list_filter = ["source", "succeeded", "dry_run"]
    readonly_fields = [f.name for f in ImportRun._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ImportRun | None = None) -> bool:
        return False

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None):
        extra = {**(extra_context or {}), "sources": source_summaries()}
        return super().changelist_view(request, extra_context=extra)
