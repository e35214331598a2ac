"""The home page's paths, in the order a phone shows them."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class HomePath:
    url_name: str
    title: str | Promise
    summary: str | Promise
    kwargs: tuple[tuple[str, str], ...] = ()
    urgent: bool = False  # shown apart from the others, first


# In the order a phone shows them: help now, then the two ways in for someone unsure (about
# themselves or about someone they love), then finding help, learning, planning.
HOME_PATHS = [
    HomePath(
        "hotlines:help_now",
        _("I need help now"),
        _("Call or text someone right now."),
        urgent=True,
    ),
    HomePath(
        "screening:start",
        _("Is it time to get help?"),
        _("A private two-minute self-check. Nothing is stored."),
    ),
    HomePath(
        "guide:family",
        _("I'm worried about someone"),
        _("How to help someone you care about, and yourself."),
    ),
    HomePath(
        "directory:search",
        _("Find treatment near me"),
        _("Treatment centers and medication providers near you."),
    ),
    HomePath(
        "meetings:search",
        _("Find a meeting"),
        _("Support-group meetings near you or online, starting soon."),
    ),
    HomePath(
        "guide:types_of_help",
        _("What kinds of help are there?"),
        _("Treatment, counseling, medication, support groups and more."),
    ),
    HomePath("plan:plan", _("Make a plan"), _("A private plan and tracker kept on your phone.")),
]


def home_paths() -> list[dict]:
    """Each path with its URL (a misspelt URL name raises NoReverseMatch: no link vanishes)."""
    return [
        {
            "url": reverse(path.url_name, kwargs=dict(path.kwargs)),
            "title": path.title,
            "summary": path.summary,
            "urgent": path.urgent,
        }
        for path in HOME_PATHS
    ]
