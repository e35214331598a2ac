"""A facility's card: what a search result and the facility page show about a place.

A results page shows twenty cards, built as f-strings with the parts every card of ours
shares (core/html.py): the words, URL shapes and formats looked up once per language
(`_words`), labels once per language and value, and each card string formatting with every
value escaped. A result card is the same for every search that lists the place but for the
search's own link and the distance: it is kept (`RESULT_CARDS`) with marks in their places."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from urllib.parse import quote

from django.utils.formats import date_format, get_format
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext

from recoverynav.core.html import (
    KeptMarkup,
    escape,
    language_key,
    markup,
    one_decimal,
    per_language,
    url_shape,
)
from recoverynav.directory import phones, service_names, vocabulary
from recoverynav.directory.models import Facility, current_since
from recoverynav.directory.selectors import LIST_FIELDS, SEARCH_PARAM, FacilityListing
from recoverynav.plan.buttons import SaveButtons

# Result cards kept per process (about 1.5 KB each): the listings the searches of a day show
# again and again. Marks stand where each search puts its own link suffix and distance;
# control characters never occur in a card's escaped text.
RESULT_CARDS = KeptMarkup(size=10_000)
SEARCH_MARK = "\x1esearch\x1e"
DISTANCE_MARK = "\x1edistance\x1e"


@dataclass(frozen=True)
class _Words:
    """What every card of a language says and links to: looked up once per language."""

    page_url: Callable[[object], str]
    report_url: Callable[[object], str]
    save_buttons: SaveButtons
    words: dict[str, str]
    miles_away: str
    about_miles_away: str
    call: str
    intake: str
    as_of: str
    as_of_year: str
    decimal_separator: str


@per_language
def _words() -> _Words:
    return _Words(
        page_url=url_shape("directory:facility"),
        report_url=url_shape("directory:report"),
        save_buttons=SaveButtons(),
        words={
            key: escape(text)
            for key, text in {
                "website": gettext("Website"),
                "directions": gettext("Directions (OpenStreetMap)"),
                "approximate": gettext("Approximate location"),
                "unpublished": gettext("Street address not published"),
                "setting": gettext("Setting"),
                "medications": gettext("Medications"),
                "otp": gettext("Certified opioid treatment program"),
                "payment": gettext("Payment"),
                "languages": gettext("Languages"),
                "stale": gettext(
                    "This information may be out of date. Please call ahead before you go."
                ),
                "no_phone": gettext(
                    "We have no phone number for this place. Please check it is open before you go."
                ),
                "report": gettext("Report a problem with this listing"),
            }.items()
        },
        miles_away=gettext("%(miles)s miles away"),
        about_miles_away=gettext("About %(miles)s miles away"),
        call=gettext("Call %(number)s"),
        intake=gettext("Intake: %(number)s"),
        as_of=gettext("Information as of %(date)s"),
        as_of_year=gettext("Information as of %(year)s"),
        decimal_separator=str(get_format("DECIMAL_SEPARATOR")),
    )


class FacilityCards:
    def __init__(self, *, search_query: str = "") -> None:
        """`search_query`: the search these cards are results of; each result's link carries
        it so that the facility page's "back" link returns to the same results."""
        self.language = get_language()
        self.language_key = language_key()
        self.text = _words()
        self.link_suffix = (
            escape(f"?{SEARCH_PARAM}={quote(search_query, safe='')}") if search_query else ""
        )

    def labels(self, group: str, mask: int) -> str:
        return _worded_labels(self.language, group, mask)

    def as_of_date(self, day: date, *, year_only: bool = False) -> str:
        if year_only:
            return escape(self.text.as_of_year % {"year": day.year})
        return _worded_date(self.language, self.text.as_of, day)

    def distance(self, facility: Facility | FacilityListing) -> str:
        """ "2.3 miles away", or "About 2.3 miles away" from a ZIP code's center."""
        miles = one_decimal(facility.distance, self.text.decimal_separator)
        shape = (
            self.text.about_miles_away if facility.location_approximate else self.text.miles_away
        )
        return escape(shape % {"miles": miles})

    def card(self, facility: Facility | FacilityListing, *, in_list: bool = False) -> SafeString:
        """The card of a facility or of a search's listing; `in_list` (a search result)
        names the place, links it to its page and shows `facility.distance` in miles (the
        facility page names it in its heading)."""
        if not in_list:
            return markup(self._card(facility, in_list=False))
        key = (self.language_key, current_since(), *_shown_values(facility))
        kept = RESULT_CARDS.get(
            key,
            lambda: self._card(
                facility, in_list=True, link_suffix=SEARCH_MARK, distance=DISTANCE_MARK
            ),
        )
        return markup(
            kept.replace(SEARCH_MARK, self.link_suffix).replace(
                DISTANCE_MARK, self.distance(facility)
            )
        )

    def _card(
        self,
        facility: Facility | FacilityListing,
        *,
        in_list: bool,
        link_suffix: str = "",
        distance: str = "",
    ) -> str:
        words = self.text.words
        page_url = self.text.page_url(facility.pk)
        html = ['<article class="card facility">']
        if in_list:
            html.append(
                f'<h3 translate="no"><a href="{page_url}{link_suffix}">'
                f"{escape(facility.name)}</a></h3>"
            )
        if facility.alternate_name:
            html.append(f'<p class="muted" translate="no">{escape(facility.alternate_name)}</p>')
        if in_list:
            html.append(f'<p class="distance"><strong>{distance}</strong></p>')
        lines = facility.address_lines
        address = "<br>".join(escape(line) for line in lines)
        if not facility.address_1:  # e.g. SAMHSA's "- - -": the town, and why no street
            address = "<br>".join(p for p in (words["unpublished"], address) if p)
        html.append(f"<address>{address}</address>")
        if facility.location_approximate:
            html.append(f'<p class="approximate">{words["approximate"]}</p>')
        html.append(f'<ul class="actions">{self._actions(facility)}</ul>')
        facts = self._facts(facility)
        if facts:
            html.append(f'<dl class="facts">{facts}</dl>')
        # Said once per card only where it matters: the page says "call before you go" once.
        if not facility.phone:
            html.append(f'<p class="notice">{words["no_phone"]}</p>')
        elif not facility.is_current:
            html.append(f'<p class="notice">{words["stale"]}</p>')
        html.append(
            self.text.save_buttons.render(
                kind="facility",
                id=facility.pk,
                name=facility.name,
                url=page_url,
                phone=facility.phone or facility.intake_phone,
                address=", ".join(lines),
            )
        )
        as_of = self.as_of_date(facility.last_verified, year_only=facility.as_of_year_only)
        if in_list:  # a result stays short: the report link is on the place's page
            html.append(f'<p class="source">{as_of}</p>')
        else:
            html.append(
                f'<p class="source">{as_of} · '
                f'<a href="{self.text.report_url(facility.pk)}">{words["report"]}</a></p>'
            )
        html.append("</article>")
        return "\n".join(html)

    def _actions(self, facility: Facility | FacilityListing) -> str:
        links = []
        phone, phone_uri = phones.display(facility.phone), phones.tel_uri(facility.phone)
        if phone and phone_uri:
            call = escape(self.text.call % {"number": phone})
            links.append(f'<a class="button" href="{escape(phone_uri)}">{call}</a>')
        elif phone:
            links.append(escape(phone))
        intake = phones.display(facility.intake_phone)
        intake_uri = phones.tel_uri(facility.intake_phone)
        if intake and intake_uri != phone_uri:
            words = escape(self.text.intake % {"number": intake})
            links.append(f'<a href="{escape(intake_uri)}">{words}</a>' if intake_uri else words)
        if facility.website:
            links.append(_outside_link(facility.website, self.text.words["website"]))
        links.append(_outside_link(facility.directions_url, self.text.words["directions"]))
        return "".join(f"<li>{link}</li>" for link in links)

    def _facts(self, facility: Facility | FacilityListing) -> str:
        words = self.text.words
        facts = []
        if facility.care_settings:
            facts.append((words["setting"], self.labels("setting", facility.care_settings)))
        if facility.medications or facility.is_otp:
            text = self.labels("medication", facility.medications)
            if facility.is_otp:
                text += (". " if text else "") + words["otp"]
            facts.append((words["medications"], text))
        if facility.payments:
            facts.append((words["payment"], self.labels("payment", facility.payments)))
        languages = _worded_languages(
            self.language, facility.languages, tuple(facility.other_languages)
        )
        if languages:
            facts.append((words["languages"], languages))
        return "".join(f"<dt>{term}</dt><dd>{value}</dd>" for term, value in facts)


def _shown_values(facility: Facility | FacilityListing) -> tuple:
    """Every value of a listing its result card shows (a kept card's key)."""
    return tuple(
        tuple(value) if isinstance(value, list) else value
        for value in (getattr(facility, name) for name in LIST_FIELDS)
    )


# Many facilities share a mask or a date: each is worded once per language.
@lru_cache(maxsize=4096)
def _worded_labels(language: str, group: str, mask: int) -> str:
    return escape(", ".join(vocabulary.GROUPS[group].labels(mask)))


@lru_cache(maxsize=4096)
def _worded_languages(language: str, mask: int, other_languages: tuple[str, ...]) -> str:
    named = vocabulary.language_names(mask, ())
    return escape(", ".join(named + [service_names.translated(n) for n in other_languages]))


@lru_cache(maxsize=4096)
def _worded_date(language: str, as_of: str, day: date) -> str:
    return escape(as_of % {"date": date_format(day, "DATE_FORMAT")})


def _outside_link(href: str, text_html: str) -> str:
    return f'<a href="{escape(href)}" rel="noopener noreferrer">{text_html}</a>'


def facility_card(facility: Facility) -> SafeString:
    """One card, for the facility page, with the save button's script."""
    cards = FacilityCards()
    return cards.card(facility) + cards.text.save_buttons.script
