from django import template
from django.utils.safestring import SafeString

from recoverynav.directory.cards import FacilityCards
from recoverynav.directory.models import Facility

register = template.Library()


@register.simple_tag
def facility_cards() -> FacilityCards:
    """`{% facility_cards as cards %}` then `{% card_html cards facility in_list=True %}`: the
    words are looked up once per page (see directory.cards)."""
    return FacilityCards()


@register.simple_tag
def card_html(cards: FacilityCards, facility: Facility, *, in_list: bool = False) -> SafeString:
    return cards.card(facility, in_list=in_list)
