from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuideConfig(AppConfig):
    name = "recoverynav.guide"
    verbose_name = _("Guide")

    def ready(self) -> None:
        from recoverynav.guide import checks  # noqa: F401  (registers the content checks)
