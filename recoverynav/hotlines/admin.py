from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from recoverynav.hotlines.models import Country, Hotline, Purpose


class HotlineForm(forms.ModelForm):
    purposes = forms.MultipleChoiceField(
        choices=Purpose.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Hotline
        exclude: list[str] = []


class HotlineInline(admin.StackedInline):
    model = Hotline
    form = HotlineForm
    extra = 0


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "emergency_number", "last_verified"]
    search_fields = ["code", "name_en", "name_es"]


@admin.register(Hotline)
class HotlineAdmin(admin.ModelAdmin):
    form = HotlineForm
    list_display = [
        "name",
        "country",
        "phone",
        "text_number",
        "hours_en",
        "status",
        "last_verified",
        "is_active",
    ]
    list_filter = ["country", "status", "is_active"]
    search_fields = ["name", "phone", "text_number"]
    fieldsets = [
        (
            None,
            {
                "fields": ["country", "name", "purposes", "who_for_en", "who_for_es"],
                "description": _(
                    "Loading the hotline data file again keeps what you change here; "
                    "`load_hotlines --discard-edits` puts the file's values back."
                ),
            },
        ),
        (
            _("How to reach it"),
            {
                "fields": [
                    "phone",
                    "text_number",
                    "text_keyword",
                    "text_keyword_es",
                    "text_keyword_status",
                    "tty",
                    "email",
                    "chat_url",
                ]
            },
        ),
        (
            _("Hours and languages"),
            {
                "fields": [
                    "hours_en",
                    "hours_es",
                    "languages_en",
                    "languages_es",
                    "spanish_help_es",
                    "notes_en",
                    "notes_es",
                ]
            },
        ),
        (_("Source"), {"fields": ["source_url", "status", "last_verified"]}),
        (_("On the site"), {"fields": ["position", "is_active"]}),
    ]
