from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from recoverynav.directory import cards
from recoverynav.directory.models import Facility
from recoverynav.directory.selectors import FacilityListing, SearchPage

register = template.Library()


@register.simple_tag
def facility_card(facility: Facility) -> SafeString:
    """The facility page's card (see directory.cards)."""
    return cards.facility_card(facility)


@register.simple_tag
def result_items(facilities: list[FacilityListing], search_query: str = "") -> SafeString:
    """A search result's cards, each in its <li>, then the save buttons' script (allowed in
    a list): one tag for the twenty of a page, the words looked up once. Each result links
    to its page with `search_query`, for the page's way back."""
    page = cards.FacilityCards(search_query=search_query)
    items = "".join(f"<li>{page.card(facility, in_list=True)}</li>" for facility in facilities)
    items += page.text.save_buttons.script
    # Cards escape every value.
    return mark_safe(items)  # noqa: S308  # nosec B308, B703


@register.simple_tag
def page_of(results: SearchPage) -> str:
    """ "Page 2 of 5" under the results."""
    return gettext("Page %(page)s of %(pages)s") % {
        "page": results.page,
        "pages": results.num_pages,
    }


@register.simple_tag(takes_context=True)
def cited_sources(context: template.Context) -> list:
    """Every facility source that holds listings, named and dated, for the data-sources
    page; also puts the current-source date in the context."""
    from recoverynav.directory.models import current_since
    from recoverynav.directory.sources import source_summaries

    context["current_since"] = current_since()
    return source_summaries()
