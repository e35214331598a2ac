"""The "Save to my plan" button the treatment and meeting finders put on every result.

The button is a plain link to the plan page without JavaScript; plan/save.js turns it into a
one-tap save kept only in the browser. A results page carries twenty of them, so the words
and URLs are looked up once per page (`SaveButtons`), each button is string formatting, and
the script, which carries the words every button shares, comes once after the list."""

from django.templatetags.static import static
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from recoverynav.core.html import escape, markup


class SaveButtons:
    """Renders buttons in the language active when it was made."""

    def __init__(self) -> None:
        self.plan_url = escape(reverse("plan:plan"))
        self.label = escape(gettext("Save to my plan"))
        saved_text = escape(gettext("Saved to my plan"))
        # save.js puts the saved item's name in place of %(name)s when it announces the save.
        saved_status = escape(gettext("Saved to your plan: %(name)s"))
        self.script = markup(
            f'<script src="{escape(static("plan/save.js"))}" defer'
            f' data-saved-text="{saved_text}" data-saved-status="{saved_status}"></script>'
        )

    def render(
        self,
        *,
        kind: str,
        id: object,
        name: str,
        url: str,
        phone: str = "",
        address: str = "",
        when: str = "",
    ) -> SafeString:
        """One button, without the script: put `self.script` once on the page after them.
        `phone`, `address` and `when` (a meeting's time) are saved with the option, so the
        plan, and its printout, can say how to reach it."""
        name_html = escape(name)
        details = "".join(
            f' data-{field}="{escape(value)}"'
            for field, value in (("phone", phone), ("address", address), ("when", when))
            if value
        )
        return markup(
            f'<a class="button button-secondary plan-save" href="{self.plan_url}#step-options"'
            f' data-plan-save data-kind="{escape(kind)}" data-id="{escape(str(id))}"'
            f' data-name="{name_html}" data-url="{escape(url)}"{details}>{self.label}'
            f'<span class="visually-hidden" translate="no">: {name_html}</span></a>'
            '<span class="visually-hidden" role="status" data-plan-save-status></span>'
        )


def save_button(
    *,
    kind: str,
    id: object,
    name: str,
    url: str,
    phone: str = "",
    address: str = "",
    when: str = "",
) -> SafeString:
    """One button and the script, for pages that show a single item."""
    buttons = SaveButtons()
    button = buttons.render(
        kind=kind, id=id, name=name, url=url, phone=phone, address=address, when=when
    )
    return button + buttons.script
