from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "recoverynav.meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        from recoverynav.meetings import exports

        exports.connect_signals()  # an admin edit marks the built feed stale
