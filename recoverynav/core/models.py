from django.db import models
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
