from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "recoverynav.core"
    verbose_name = _("Core")
    # Kept on the phone for offline use by the service worker (core/offline.py).
    offline_pages = ("core:home", "hotlines:help_now")
    offline_static = ("core/site.css", "core/site.js", "core/icon.svg")

    def ready(self) -> None:
        from django.utils.autoreload import file_changed

        from recoverynav.core import checks  # noqa: F401  (registers the system checks)
        from recoverynav.core.fragments import forget_code_fingerprint

        # Under `make run`, a template edit shows on the next request (see the function).
        file_changed.connect(forget_code_fingerprint, dispatch_uid="forget_code_fingerprint")
