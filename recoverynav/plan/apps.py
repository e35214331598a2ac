from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanConfig(AppConfig):
    name = "recoverynav.plan"
    verbose_name = _("Plan and tracker")
    # Kept on the phone for offline use by the site's service worker (core/offline.py).
    offline_pages = ("plan:plan", "plan:tracker")
    offline_static = ("plan/plan.css", "plan/common.js", "plan/plan.js", "plan/tracker.js")
