from django.contrib import admin

from recoverynav.geo.models import County, GazetteerPlace, PostalCode


class ReadOnlyAdmin(admin.ModelAdmin):
    """The gazetteer is reloaded from its files, so the admin only lets operators look."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PostalCode)
class PostalCodeAdmin(ReadOnlyAdmin):
    list_display = ["code", "city", "state", "county", "timezone", "kind"]
    list_filter = ["state", "kind"]
    search_fields = ["code", "city"]


@admin.register(GazetteerPlace)
class GazetteerPlaceAdmin(ReadOnlyAdmin):
    list_display = ["name", "state", "population", "timezone"]
    list_filter = ["state"]
    search_fields = ["name"]


@admin.register(County)
class CountyAdmin(ReadOnlyAdmin):
    list_display = ["name", "state", "geoid"]
    list_filter = ["state"]
    search_fields = ["name"]
