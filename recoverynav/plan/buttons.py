"""The "Save to my plan" button the treatment and meeting finders put on every result.

The button is a plain link to the plan page without JavaScript; plan/save.js turns it into a
one-tap save kept only in the browser. A results page carries twenty of them, so the words
and URLs are looked up once per page (`SaveButtons`) and each button is string formatting."""

from html import escape

from django.templatetags.static import static
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext


class SaveButtons:
    """Renders buttons in the language active when it was made."""

    def __init__(self) -> None:
        self.plan_url = escape(reverse("plan:plan"))
        self.saved_text = escape(gettext("Saved to my plan"))
        self.saved_status = gettext("Saved to your plan: %(name)s")
        self.label = escape(gettext("Save to my plan"))
        self.script = escape(static("plan/save.js"))

    def render(self, *, kind: str, id: object, name: str, url: str) -> SafeString:
        name_html = escape(name)
        status = escape(self.saved_status % {"name": name})
        # Every value is escaped above or here; the rest is this constant markup.
        return mark_safe(  # noqa: S308  # nosec B308, B703
            f'<a class="button button-secondary plan-save" href="{self.plan_url}#step-options"'
            f' data-plan-save data-kind="{escape(kind)}" data-id="{escape(str(id))}"'
            f' data-name="{name_html}" data-url="{escape(url)}"'
            f' data-saved-text="{self.saved_text}" data-saved-status="{status}">{self.label}'
            f'<span class="visually-hidden">: {name_html}</span></a>'
            '<span class="visually-hidden" role="status" data-plan-save-status></span>'
            f'<script src="{self.script}" defer></script>'
        )


def save_button(*, kind: str, id: object, name: str, url: str) -> SafeString:
    """One button, for pages that show a single item."""
    return SaveButtons().render(kind=kind, id=id, name=name, url=url)
