"""`{% search_summary heading chips clear_url %}`: the line that opens a finder's results
(core/search_summary.py)."""

from django import template
from django.utils.safestring import SafeString

from recoverynav.core.search_summary import Chip, summary_html

register = template.Library()


@register.simple_tag
def search_summary(
    heading: str, chips: list[Chip], clear_url: str = "", heading_id: str = "results-heading"
) -> SafeString:
    return summary_html(heading, chips, clear_url, heading_id)
