from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "recoverynav.directory"
    verbose_name = _("Treatment directory")

    def ready(self) -> None:
        from recoverynav.directory import exports

        exports.connect_signals()  # an admin edit marks the built HSDS pages stale
