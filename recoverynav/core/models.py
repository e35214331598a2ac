from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RateCounter(models.Model):
    """How often one hashed key (a route and a shortened, hashed network, never an address,
    username or e-mail) was counted in its current window. core/ratelimit.py reads and writes
    it with one atomic statement, so every worker and server shares the count."""

    key = models.CharField(_("key"), max_length=120, primary_key=True)
    count = models.IntegerField(_("count"), default=0)
    # Unix seconds: the raw upsert compares and returns it the same way on SQLite and PostgreSQL.
    expires_at = models.FloatField(_("window ends (Unix time)"), db_index=True)

    class Meta:
        db_table = "core_ratecounter"  # named in core.ratelimit.UPSERT
        verbose_name = _("rate counter")
        verbose_name_plural = _("rate counters")

    def __str__(self) -> str:
        return f"{self.key[:24]}… ({self.count})"


class ReportStatus(models.TextChoices):
    NEW = "new", _("New")
    RESOLVED = "resolved", _("Resolved")
    DISMISSED = "dismissed", _("Dismissed")


class ProblemReportBase(models.Model):
    """A visitor's note that a listing is wrong, the same for every kind of listing (the
    concrete model adds the listing and its `kind` choices). No name, e-mail or address."""

    details = models.TextField(_("details"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.NEW
    )
    created = models.DateTimeField(_("reported"), default=timezone.now)
    resolved = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolved by"),
    )

    class Meta:
        abstract = True
        ordering = ["-created"]
        verbose_name = _("problem report")
        verbose_name_plural = _("problem reports")


class ImportRunBase(models.Model):
    """One import of a source, in the vocabulary every import of ours keeps (STYLE.md): when,
    whether it succeeded, the counts, and the reasons. The concrete model adds the source."""

    started = models.DateTimeField(_("started"), default=timezone.now)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)
    succeeded = models.BooleanField(_("succeeded"), default=False)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    removed = models.PositiveIntegerField(_("removed"), default=0)
    rejected = models.PositiveIntegerField(_("rejected"), default=0)
    # A failed run: why nothing changed. A successful one: each rejected record and why.
    errors = models.JSONField(_("errors"), default=list, blank=True)
    # Records kept, but read with a guess the operator should check.
    notes = models.JSONField(_("notes"), default=list, blank=True)

    class Meta:
        abstract = True
        ordering = ["-started"]
        get_latest_by = "started"
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")

    def __str__(self) -> str:
        return f"{self.source} {self.started:%Y-%m-%d %H:%M}"
