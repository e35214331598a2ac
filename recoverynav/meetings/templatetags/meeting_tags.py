from django import template
from django.utils.safestring import SafeString

from recoverynav.meetings.cards import MeetingCards
from recoverynav.meetings.models import Meeting

register = template.Library()


@register.simple_tag
def meeting_cards() -> MeetingCards:
    """`{% meeting_cards as cards %}` then `{% meeting_card_html cards meeting %}`: the words
    are looked up once per page (see meetings.cards)."""
    return MeetingCards()


@register.simple_tag
def meeting_card_html(cards: MeetingCards, meeting: Meeting) -> SafeString:
    return cards.card(meeting)


@register.simple_tag
def meeting_times_html(times: list[dict], zone: str) -> SafeString:
    return MeetingCards().times(times, zone)
