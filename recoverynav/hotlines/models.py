from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def _is_spanish() -> bool:
    return (get_language() or "en").startswith("es")


def _localized(instance: models.Model, field: str) -> str:
    """Pick the Spanish text when the page is Spanish and one exists, else English."""
    if _is_spanish():
        spanish = getattr(instance, f"{field}_es", "")
        if spanish:
            return spanish
    return getattr(instance, f"{field}_en", "")


class Country(models.Model):
    code = models.CharField(_("ISO code"), max_length=2, primary_key=True)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_es = models.CharField(_("name (Spanish)"), max_length=100, blank=True)
    emergency_number = models.CharField(_("emergency number"), max_length=20)
    emergency_note_en = models.CharField(_("emergency note (English)"), max_length=300, blank=True)
    emergency_note_es = models.CharField(_("emergency note (Spanish)"), max_length=300, blank=True)
    emergency_source_url = models.URLField(_("emergency number source"), blank=True)
    last_verified = models.DateField(_("last verified"))
    # When the row last changed here (admin or loader): cached pages showing it key on it.
    updated = models.DateTimeField(_("updated"), auto_now=True)
    # What the data file said when it was last loaded: a value that differs from it was
    # edited here (in the admin), and the next load keeps that edit.
    file_values = models.JSONField(_("values from the data file"), default=dict, editable=False)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _localized(self, "name")

    @property
    def emergency_note(self) -> str:
        return _localized(self, "emergency_note")


class Purpose(models.TextChoices):
    CRISIS = "crisis", _("Crisis")
    SUICIDE = "suicide", _("Suicide prevention")
    SUBSTANCE_USE = "substance_use", _("Drugs and alcohol")
    TREATMENT_REFERRAL = "treatment_referral", _("Finding treatment")
    OVERDOSE = "overdose", _("Overdose")
    HARM_REDUCTION = "harm_reduction", _("Safer use")
    POISON = "poison", _("Poisoning")
    FAMILY = "family", _("Family and friends")
    YOUTH = "youth", _("Young people")
    EMOTIONAL_SUPPORT = "emotional_support", _("Someone to talk to")


class VerificationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    NEEDS_VERIFICATION = "needs-verification", _("Needs verification")


class HotlineQuerySet(models.QuerySet):
    def shown(self) -> "HotlineQuerySet":
        """Unconfirmed numbers are shown only when they come with a source to check."""
        return self.filter(is_active=True).exclude(
            status=VerificationStatus.NEEDS_VERIFICATION, source_url=""
        )


class Hotline(models.Model):
    country = models.ForeignKey(
        Country, on_delete=models.CASCADE, related_name="hotlines", verbose_name=_("country")
    )
    name = models.CharField(_("name"), max_length=200)
    purposes = models.JSONField(_("purposes"), default=list, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    text_number = models.CharField(_("text (SMS) number"), max_length=40, blank=True)
    text_keyword = models.CharField(_("text keyword"), max_length=40, blank=True)
    text_keyword_es = models.CharField(
        _("text keyword for help in Spanish"),
        max_length=40,
        blank=True,
        help_text=_("Used instead of the text keyword on Spanish pages, e.g. AYUDA."),
    )
    # The number can be confirmed while the word to text first is not (50808): then the site
    # offers "Text 50808" without the word and says it could not confirm it.
    text_keyword_status = models.CharField(
        _("text keyword status"),
        max_length=20,
        choices=VerificationStatus.choices,
        default=VerificationStatus.CONFIRMED,
        help_text=_(
            "Needs verification: the site offers the text number without the keyword and "
            "says it could not confirm the keyword."
        ),
    )
    chat_url = models.URLField(_("website or chat"), blank=True)
    tty = models.CharField(_("TTY"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    hours_en = models.CharField(_("hours (English)"), max_length=200, blank=True)
    hours_es = models.CharField(_("hours (Spanish)"), max_length=200, blank=True)
    languages_en = models.CharField(_("languages (English)"), max_length=300, blank=True)
    languages_es = models.CharField(_("languages (Spanish)"), max_length=300, blank=True)
    spanish_help_es = models.TextField(
        _("how to reach help in Spanish"),
        blank=True,
        help_text=_("In Spanish, shown on Spanish pages, e.g. which option to choose."),
    )
    who_for_en = models.TextField(_("who it is for (English)"), blank=True)
    who_for_es = models.TextField(_("who it is for (Spanish)"), blank=True)
    notes_en = models.TextField(_("notes (English)"), blank=True)
    notes_es = models.TextField(_("notes (Spanish)"), blank=True)
    source_url = models.URLField(_("source"), blank=True)
    status = models.CharField(
        _("verification status"),
        max_length=20,
        choices=VerificationStatus.choices,
        default=VerificationStatus.NEEDS_VERIFICATION,
    )
    last_verified = models.DateField(_("last verified"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("shown on the site"), default=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)
    file_values = models.JSONField(_("values from the data file"), default=dict, editable=False)

    objects = HotlineQuerySet.as_manager()

    class Meta:
        ordering = ["country", "position", "name"]
        verbose_name = _("hotline")
        verbose_name_plural = _("hotlines")
        constraints = [
            models.UniqueConstraint(fields=["country", "name"], name="hotline_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.country_id})"

    def clean(self) -> None:
        unknown = set(self.purposes or []) - set(Purpose.values)
        if unknown:
            raise ValidationError(
                {"purposes": _("Unknown purposes: %s") % ", ".join(sorted(unknown))}
            )
        if not (self.phone or self.text_number or self.chat_url):
            raise ValidationError(_("A hotline needs a phone number, a text number or a website."))

    @property
    def who_for(self) -> str:
        return _localized(self, "who_for")

    @property
    def notes(self) -> str:
        return _localized(self, "notes")

    @property
    def hours(self) -> str:
        return _localized(self, "hours")

    @property
    def languages(self) -> str:
        return _localized(self, "languages")

    @property
    def spanish_help(self) -> str:
        """How to reach someone who speaks Spanish: only Spanish pages show it."""
        return self.spanish_help_es if _is_spanish() else ""

    @property
    def keyword(self) -> str:
        """The word to text: the Spanish one on Spanish pages when the service has one; none
        when we could not confirm it, so no page asserts a word that may be wrong."""
        if self.keyword_unconfirmed:
            return ""
        return (_is_spanish() and self.text_keyword_es) or self.text_keyword

    @property
    def keyword_unconfirmed(self) -> bool:
        """The service has a word to text first, but we could not confirm it."""
        has_keyword = bool(self.text_keyword or self.text_keyword_es)
        return has_keyword and self.text_keyword_status != VerificationStatus.CONFIRMED

    @property
    def is_confirmed(self) -> bool:
        return self.status == VerificationStatus.CONFIRMED

    @property
    def purpose_labels(self) -> list[str]:
        labels = dict(Purpose.choices)
        return [labels[p] for p in self.purposes if p in labels]

    @property
    def phone_uri(self) -> str:
        return "tel:" + dial_digits(self.phone) if self.phone else ""

    @property
    def tty_uri(self) -> str:
        return "tel:" + dial_digits(self.tty) if self.tty else ""

    @property
    def text_uri(self) -> str:
        if not self.text_number:
            return ""
        uri = "sms:" + dial_digits(self.text_number)
        return f"{uri}?body={self.keyword}" if self.keyword else uri

    @property
    def email_uri(self) -> str:
        return f"mailto:{self.email}" if self.email else ""


# Lines that answer someone in crisis or thinking about suicide; the others inform and refer.
CRISIS_PURPOSES = {Purpose.CRISIS, Purpose.SUICIDE}
REFERRAL_PURPOSES = {Purpose.SUBSTANCE_USE, Purpose.TREATMENT_REFERRAL, Purpose.FAMILY}


def crisis_rank(purposes: list[str]) -> int:
    """Where a line goes in every list of a country's lines: crisis lines for everyone, then
    crisis lines for young people, then drug and alcohol information and referral lines,
    then the rest (overdose, poison, harm reduction)."""
    chosen = set(purposes)
    if CRISIS_PURPOSES & chosen:
        return 1 if Purpose.YOUTH in chosen else 0
    if REFERRAL_PURPOSES & chosen:
        return 2
    return 3


def dial_digits(number: str) -> str:
    """'1-800-662-HELP' style numbers are stored with digits; keep digits and a leading +."""
    digits = "".join(ch for ch in number if ch.isdigit())
    return ("+" + digits) if number.strip().startswith("+") else digits
