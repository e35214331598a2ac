from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "recoverynav.comments"
    verbose_name = _("Comments")

    def ready(self) -> None:
        from recoverynav.comments import checks  # noqa: F401  (registers the system checks)
