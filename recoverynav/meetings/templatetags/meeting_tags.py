from html import escape

from django import template
from django.forms import BoundField
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from recoverynav.core.html import per_language
from recoverynav.meetings.cards import MeetingCards
from recoverynav.meetings.listings import MeetingListing
from recoverynav.meetings.meeting_types import COMMON_TYPES
from recoverynav.meetings.models import FeedSource, Meeting

register = template.Library()


@register.simple_tag
def meeting_card_html(cards: MeetingCards, listing: MeetingListing) -> SafeString:
    """One result card; `cards` (made by the view) looked the words up once for the page."""
    return cards.card(listing)


@register.simple_tag
def meeting_times_html(cards: MeetingCards, times: list[dict], meeting: Meeting) -> SafeString:
    return cards.times(times, meeting)


@register.simple_tag(takes_context=True)
def feed_link(context: template.Context) -> SafeString:
    """Meeting Guide feed discovery, with the absolute URL the spec's readers expect."""
    request = context.get("request")
    path = _feed_path()  # one address in every language
    url = request.build_absolute_uri(path) if request is not None else path
    # The URL is escaped; the rest is constant markup.
    return mark_safe(  # noqa: S308  # nosec B308, B703
        f'<link rel="alternate" type="application/json" title="Meetings Feed" href="{escape(url)}">'
    )


@per_language
def _feed_path() -> str:
    """Reversed once per URL configuration (reverse() cost each search 20 µs)."""
    return reverse("meeting_guide_feed")


@register.simple_tag
def type_checkboxes(field: BoundField, which: str) -> SafeString:
    """The meeting-type checkboxes, the common ones ("common") or the rest ("others"): one
    field, shown in two groups so the long list of languages and topics can fold away. Ids
    follow the field's choice order, as Django's own widget numbers them."""
    common = set(COMMON_TYPES)
    chosen = {str(value) for value in (field.value() or [])}
    boxes = []
    for index, (value, label) in enumerate(field.field.choices):
        if (value in common) != (which == "common"):
            continue
        box_id = f"{field.auto_id}_{index}"
        checked = " checked" if str(value) in chosen else ""
        boxes.append(
            f'<label class="choice" for="{box_id}"><input type="checkbox" '
            f'name="{escape(field.html_name)}" value="{escape(str(value))}" id="{box_id}"'
            f"{checked}> {escape(str(label))}</label>"
        )
    # Every value is escaped above.
    return mark_safe("".join(boxes))  # noqa: S308  # nosec B308, B703


@register.simple_tag
def meeting_sources() -> list[FeedSource]:
    """The sources whose meetings the site shows, for the data sources page."""
    return list(
        FeedSource.objects.filter(enabled=True, meeting_count__gt=0).order_by("title", "name")
    )
