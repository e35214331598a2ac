from django import template
from django.utils.safestring import SafeString, mark_safe

from recoverynav.directory import cards
from recoverynav.directory.models import Facility

register = template.Library()


@register.simple_tag
def facility_card(facility: Facility) -> SafeString:
    """The facility page's card (see directory.cards)."""
    return cards.facility_card(facility)


@register.simple_tag
def result_items(facilities: list[Facility]) -> SafeString:
    """A search result's cards, each in its <li>: one tag for the twenty of a page, the
    words looked up once."""
    page = cards.FacilityCards()
    items = "".join(f"<li>{page.card(facility, in_list=True)}</li>" for facility in facilities)
    return mark_safe(items)  # noqa: S308  # nosec B308, B703 (cards escape every value)
