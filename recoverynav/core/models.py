from django.db import models
from django.utils.translation import gettext_lazy as _


class LoginThrottle(models.Model):
    """Failed admin sign-ins per (username, shortened address, day), stored only as a keyed
    hash: the table can limit guessing without ever holding a username or an IP address."""

    key = models.CharField(_("key"), max_length=64, primary_key=True)
    failures = models.PositiveIntegerField(_("failures"), default=0)
    window_started = models.DateTimeField(_("window started"), db_index=True)

    class Meta:
        verbose_name = _("login throttle")
        verbose_name_plural = _("login throttles")

    def __str__(self) -> str:
        return f"{self.key[:8]}… ({self.failures})"
