from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from recoverynav.comments import names, text


class CommentForm(forms.Form):
    """The "Leave a Comment" form; the same validation serves the page and the API.

    It asks for no website: on a site about addiction, a link to one's own site ties what a
    person says about their health to who they are, and it is what link spammers come for
    (docs/comments.md, "Why there is no Website field")."""

    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 6}))
    name = forms.CharField(label=_("Name"), max_length=80)
    email = forms.EmailField(
        label=_("Email"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that my comment and the name I give are published on this page. "
            "I will not share details that could identify me or someone else."
        ),
        error_messages={"required": _("Please agree to publication, or leave no comment.")},
    )
    remember = forms.BooleanField(
        label=_("Save my name and email in this browser for the next time I comment"),
        required=False,
    )
    confirm_email = forms.BooleanField(
        label=_("Email me a link to confirm my address"), required=False
    )
    # The honeypot: hidden from people (and screen readers); robots fill in every field.
    homepage = forms.CharField(label=_("Leave this field empty"), required=False)
    # Hidden, so a person cannot fix it: when it has been tampered with, the error says so in
    # the summary and the form comes back without it (see `without_bad_parent`).
    parent = forms.IntegerField(
        required=False,
        widget=forms.HiddenInput,
        min_value=1,
        max_value=2**53,
        error_messages={
            key: _(
                "We could not tell which comment you are replying to. Your words are kept: "
                "send them again to post them as a new comment."
            )
            for key in ("invalid", "min_value", "max_value")
        },
    )
    # Missing or bad tokens are judged as spam signs by the service, not refused here.
    token = forms.CharField(widget=forms.HiddenInput, max_length=1000, required=False)

    field_order = ["comment", "name", "email", "consent", "remember", "confirm_email"]
    required_css_class = "required"

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "comment-%s")
        super().__init__(*args, **kwargs)
        self.fields["comment"].widget.attrs["aria-describedby"] = "comment-format-hint"
        self.fields["confirm_email"].widget.attrs["aria-describedby"] = "comment-confirm-hint"
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["homepage"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        self.fields["comment"].validators.append(MaxLengthValidator(settings.COMMENTS_MAX_LENGTH))
        for field in self.fields.values():
            if field.required and not isinstance(field.widget, forms.HiddenInput):
                field.widget.attrs["aria-required"] = "true"

    def full_clean(self) -> None:
        """After validation, point each invalid field at its message for screen readers."""
        super().full_clean()
        for name in self.errors:
            if name in self.fields and not isinstance(self.fields[name].widget, forms.HiddenInput):
                attrs = self.fields[name].widget.attrs
                described = f"comment-{name}-error {attrs.get('aria-describedby', '')}"
                attrs.update({"aria-invalid": "true", "aria-describedby": described.strip()})

    def clean_name(self) -> str:
        """Invisible and direction-changing characters go; a name that would pass for the
        site's team, or mixes look-alike letters of two alphabets in a word, is refused
        with the reason, so the writer can choose another at once."""
        name = text.clean_name(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError(_("Please write a name."))
        if text.mixes_lookalike_scripts(name):
            raise forms.ValidationError(
                _(
                    "This name mixes letters from different alphabets that look alike (for "
                    "example a Cyrillic “а” in a Latin name). Please type it "  # noqa: RUF001
                    "in one alphabet."
                )
            )
        if names.is_reserved(name):
            raise forms.ValidationError(
                _(
                    "This name could be taken for the site's team. Please choose another "
                    "name: only people, not the site, write comments here."
                )
            )
        return name

    def clean_comment(self) -> str:
        text = self.cleaned_data["comment"].strip()
        if not text:
            raise forms.ValidationError(_("Please write a comment."))
        return text

    def without_bad_parent(self) -> None:
        """After a tampered parent, the form shown again posts a new comment instead, so
        sending it again works (the errors already found stay shown)."""
        if "parent" in self.errors:
            self.data = self.data.copy()
            self.data["parent"] = ""

    @property
    def error_summary(self) -> list[tuple[str, str, str]]:
        """(field id, label, message) for the error summary at the top of the form."""
        general = [("comment-form", "", message) for message in self.non_field_errors()]
        general += [("comment-form", "", message) for message in self.errors.get("parent", [])]
        return general + [
            (self[name].auto_id, self.fields[name].label, message)
            for name, messages in self.errors.items()
            if name in self.fields and not isinstance(self.fields[name].widget, forms.HiddenInput)
            for message in messages
        ]
