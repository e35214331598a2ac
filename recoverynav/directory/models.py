"""Treatment facilities, shaped after Open Referral HSDS 3.0.

An `Organization` (HSDS organization) delivers care at `Facility` rows. A facility is one HSDS
service delivered at one location (service_at_location), flattened into a single row with its
address, coordinates, phones and searchable attributes so a radius search reads one table.
Every source record that describes the facility is kept as a `SourceRecord` (source, source id,
raw attributes); the facility's attributes are the union of its records, so merging lists and
re-importing them is idempotent.
"""

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from recoverynav.core.html import directions_to_address, directions_to_point
from recoverynav.core.models import ImportRunBase, ProblemReportBase
from recoverynav.directory import phones, vocabulary


class Organization(models.Model):
    uuid = models.UUIDField(_("HSDS id"), default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=300)
    match_key = models.CharField(_("match key"), max_length=300, unique=True)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), max_length=500, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self) -> str:
        return self.name


def current_since() -> dt.date | None:
    """Listings whose newest information is older than this are not confirmed by a current
    source: hidden from searches (DIRECTORY_CURRENT_SINCE; empty shows every listing)."""
    return settings.DIRECTORY_CURRENT_SINCE


class FacilityFacts:
    """What a facility says about itself (labels, address lines, phone links, directions),
    shared by the model and by `selectors.FacilityListing`, the read-only row a search lists:
    both have the columns these read."""

    __slots__ = ()

    def get_absolute_url(self) -> str:
        return reverse("directory:facility", args=[self.pk])

    def labels(self, group: str) -> list[str]:
        g = vocabulary.GROUPS[group]
        return g.labels(getattr(self, g.column))

    @property
    def setting_labels(self) -> list[str]:
        return self.labels("setting")

    @property
    def medication_labels(self) -> list[str]:
        return self.labels("medication")

    @property
    def payment_labels(self) -> list[str]:
        return self.labels("payment")

    @property
    def language_labels(self) -> list[str]:
        return vocabulary.language_names(self.languages, self.other_languages)

    @property
    def address_lines(self) -> list[str]:
        city_line = " ".join(p for p in [f"{self.city}," if self.city else "", self.state] if p)
        city_line = f"{city_line} {self.postal_code}".strip()
        return [line for line in [self.address_1, self.address_2, city_line] if line]

    @property
    def phone_uri(self) -> str:
        return phones.tel_uri(self.phone)

    @property
    def intake_phone_uri(self) -> str:
        return phones.tel_uri(self.intake_phone)

    @property
    def directions_url(self) -> str:
        """Directions to the building; to the street address when we only know the ZIP
        code's center (the map looks the address up, which beats a point miles away), or to
        the town when the place does not publish its street address."""
        if self.location_approximate and self.address_lines:
            return directions_to_address(", ".join(self.address_lines))
        return directions_to_point(self.latitude, self.longitude)

    @property
    def is_current(self) -> bool:
        """A current source (or a moderator's check) confirms this listing."""
        since = current_since()
        return since is None or self.last_verified >= since


class Facility(FacilityFacts, models.Model):
    uuid = models.UUIDField(_("HSDS id"), default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="facilities",
        verbose_name=_("organization"),
    )
    name = models.CharField(_("name"), max_length=300)
    alternate_name = models.CharField(_("program or site name"), max_length=300, blank=True)
    address_1 = models.CharField(_("street address"), max_length=300, blank=True)
    address_2 = models.CharField(_("address line 2"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    state = models.CharField(_("state"), max_length=2, blank=True)
    postal_code = models.CharField(_("ZIP code"), max_length=10, blank=True)
    county = models.CharField(_("county"), max_length=120, blank=True)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    # The coordinates are a ZIP code's center: distances are "about", directions by address.
    location_approximate = models.BooleanField(_("approximate location"), default=False)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    intake_phone = models.CharField(_("intake phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), max_length=500, blank=True)
    # Searchable attributes: one bitmask per vocabulary group (see vocabulary.py).
    care_types = models.IntegerField(_("type of care"), default=0)
    care_settings = models.IntegerField(_("settings"), default=0)
    medications = models.IntegerField(_("medications"), default=0)
    payments = models.IntegerField(_("payment accepted"), default=0)
    languages = models.IntegerField(_("languages"), default=0)
    ages = models.IntegerField(_("ages"), default=0)
    programs = models.IntegerField(_("special programs"), default=0)
    is_otp = models.BooleanField(_("certified opioid treatment program"), default=False)
    # Everything the sources say that has no column: [[category, value], ...], kept as given.
    other_services = models.JSONField(_("other services"), default=list, blank=True)
    other_languages = models.JSONField(_("other languages"), default=list, blank=True)
    source = models.CharField(_("source"), max_length=40)
    source_id = models.CharField(_("source id"), max_length=200)
    match_key = models.CharField(_("match key"), max_length=500, db_index=True)
    last_verified = models.DateField(_("information as of"))
    # The date is a survey year (shown as "2023"), not a day someone checked.
    as_of_year_only = models.BooleanField(_("as of a year only"), default=False)
    is_active = models.BooleanField(_("shown on the site"), default=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")
        indexes = [
            # Covers the search's box query (id is in every index): no row is read to learn
            # whether a facility in the box is shown and confirmed by a current source.
            models.Index(
                fields=["latitude", "longitude", "is_active", "last_verified"],
                name="facility_box_current",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.city}, {self.state})"


class SourceRecord(models.Model):
    """One record of one source, attached to the facility it describes (several may merge)."""

    facility = models.ForeignKey(
        Facility, on_delete=models.CASCADE, related_name="records", verbose_name=_("facility")
    )
    source = models.CharField(_("source"), max_length=40)
    source_id = models.CharField(_("source id"), max_length=200)
    fingerprint = models.CharField(_("fingerprint"), max_length=64)
    data = models.JSONField(_("data"))
    last_verified = models.DateField(_("last verified"))

    class Meta:
        ordering = ["pk"]
        verbose_name = _("source record")
        verbose_name_plural = _("source records")
        constraints = [
            models.UniqueConstraint(fields=["source", "source_id"], name="sourcerecord_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.source}:{self.source_id}"


class ImportRun(ImportRunBase):
    """One import of a directory file (core.models.ImportRunBase), with the file it read,
    whether it was a dry run, and how many records merged into listings already there."""

    source = models.CharField(_("source"), max_length=40)
    file_name = models.CharField(_("file"), max_length=300)
    dry_run = models.BooleanField(_("dry run"), default=False)
    merged = models.PositiveIntegerField(_("merged into existing"), default=0)

    class Meta(ImportRunBase.Meta):
        pass


class ProblemKind(models.TextChoices):
    CLOSED = "closed", _("It has closed")
    WRONG_PHONE = "wrong_phone", _("The phone number is wrong")
    NOT_TAKING = "not_taking", _("It is not taking new patients")
    OTHER = "other", _("Something else")


class ProblemReport(ProblemReportBase):
    """A visitor's note that a facility's listing is wrong (core.models.ProblemReportBase)."""

    facility = models.ForeignKey(
        Facility, on_delete=models.CASCADE, related_name="reports", verbose_name=_("facility")
    )
    kind = models.CharField(_("problem"), max_length=20, choices=ProblemKind.choices)

    class Meta(ProblemReportBase.Meta):
        indexes = [models.Index(fields=["status", "created"], name="report_status_created")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.facility.name}"
