from django import forms
from django.contrib import admin

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
        "status",
        "last_verified",
        "is_active",
    ]
    list_filter = ["country", "status", "is_active"]
    search_fields = ["name", "phone", "text_number"]
