"""The finder as people use it: links that name a fellowship, results first, "now" by start
time, today's meetings first, and plain words where our listings run out."""

import datetime as dt
import re

import pytest
import time_machine

from recoverynav.meetings.coverage import online_soon
from recoverynav.meetings.fellowships import canonical_fellowship
from recoverynav.meetings.meeting_types import spec_types, type_label
from recoverynav.meetings.models import Fellowship
from recoverynav.meetings.query import MeetingQuery
from recoverynav.meetings.selectors import search_meetings
from recoverynav.meetings.tests.conftest import import_records, meeting_record

pytestmark = pytest.mark.django_db
# Monday 30 November 2026, 11:50 in Charlottesville.
MONDAY_BEFORE_NOON = dt.datetime(2026, 11, 30, 16, 50, tzinfo=dt.UTC)
ZOOM = {"conference_url": "https://zoom.us/j/1"}
ONLINE_ONLY = {**ZOOM, "formatted_address": ..., "latitude": ..., "longitude": ...}


def visible(html: str) -> str:
    """The page's text, as a reader sees it."""
    main = html[html.index("<main") : html.index("</main>")]
    text = re.sub(r"<script.*?</script>|<select.*?</select>", " ", main, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text))


@pytest.mark.parametrize(
    ("sent", "code"),
    [
        ("AA", "aa"),
        ("NA", "na"),
        ("SMART", "smart"),
        ("AL-ANON", "al-anon"),
        ("Al-Anon", "al-anon"),
        ("alateen", "al-anon"),
        ("Nar-Anon", "nar-anon"),
        ("other", "other"),
        (" narcotics  anonymous ", "na"),
        ("OA", "OA"),  # unknown: left for the form to refuse
    ],
)
def test_every_spelling_pages_link_with_reads_as_the_canonical_code(sent, code) -> None:
    assert canonical_fellowship(sent) == code


@pytest.mark.parametrize("language", ["", "/es"])
@pytest.mark.parametrize("value", ["AA", "NA", "SMART", "AL-ANON", "Al-Anon", "Nar-Anon", "aa"])
def test_a_link_that_names_a_fellowship_lands_on_a_working_search(visitor, value, language) -> None:
    response = visitor.get(f"{language}/meetings/", {"fellowship": value})

    html = response.content.decode()
    assert response.status_code == 200
    assert "error-summary" not in html
    assert "errorlist" not in html
    assert 'class="chip"' in html  # the fellowship shows as a removable choice


def test_an_unknown_fellowship_is_explained(visitor) -> None:
    html = visitor.get("/meetings/", {"fellowship": "OA"}).content.decode()

    assert "error-summary" in html
    assert "OA is not one of the available choices" in html


def test_the_fellowship_filter_keeps_to_that_fellowship(visitor, gazetteer) -> None:
    import_records([meeting_record(slug="aa", name="Serenity AA")], fellowship=Fellowship.AA)
    import_records(
        [meeting_record(slug="na", name="Clean Time NA")], source="na", fellowship=Fellowship.NA
    )

    html = visible(
        visitor.get("/meetings/", {"place": "22903", "fellowship": "NA"}).content.decode()
    )

    assert "Clean Time NA" in html
    assert "Serenity AA" not in html
    assert "1 meeting within 10 miles of 22903 · Charlottesville, VA" in html


def test_results_come_first_with_a_count_the_choices_and_page_numbers(visitor, gazetteer) -> None:
    import_records([meeting_record(slug=f"m{i}", types=["O"]) for i in range(25)])

    html = visitor.get("/meetings/", {"place": "22903", "type": "O"}).content.decode()

    assert html.index('id="results-heading"') < html.index('<details class="search-panel"')
    assert '<details class="search-panel" id="search-form">' in html  # folded: not open
    assert "25 meetings within 10 miles of 22903 · Charlottesville, VA" in html
    assert "Page 1 of 2" in html
    chip = re.search(r'<a class="chip" href="([^"]+)">.*?Open', html, flags=re.S)
    assert chip
    assert "type=" not in chip[1]
    assert "place=22903" in chip[1]


def test_a_search_with_a_place_to_fix_keeps_the_form_open(visitor, gazetteer) -> None:
    html = visitor.get("/meetings/", {"place": "zzzz"}).content.decode()

    assert '<details class="search-panel" id="search-form" open>' in html
    assert 'role="alert"' in html


def test_a_link_without_a_place_asks_where_and_offers_online_meetings(visitor) -> None:
    import_records(
        [meeting_record(slug="zoom", name="Noon Zoom", **ONLINE_ONLY)],
        fellowship=Fellowship.NA,
    )

    with time_machine.travel(MONDAY_BEFORE_NOON, tick=False):
        html = visitor.get("/meetings/", {"fellowship": "NA"}).content.decode()

    text = visible(html)
    assert "Where are you?" in text
    assert "Online meetings on now or starting soon" in text
    assert "Noon Zoom" in text
    assert "Starts in 10 minutes" in text
    assert "https://www.na.org/meetingsearch/" in html  # NA's own finder, a plain link


def test_now_lists_online_meetings_for_everyone_sorted_by_start_time(gazetteer) -> None:
    import_records(
        [
            meeting_record(slug="later", time="12:30", end_time="13:30", **ONLINE_ONLY),
            meeting_record(slug="on", time="11:00", end_time="12:30", **ONLINE_ONLY),
            meeting_record(slug="soon", time="12:00", end_time="13:00", **ONLINE_ONLY),
            meeting_record(slug="hybrid", time="12:10", end_time="13:00", **ZOOM),
            meeting_record(slug="room", time="12:05", end_time="13:00"),  # in person only
        ]
    )

    def now(**query) -> list[str]:
        result = search_meetings(
            query=MeetingQuery(when="now_or_soon", **query), now=MONDAY_BEFORE_NOON
        )
        return [m.source_slug for m in result.listings]

    assert now() == ["on", "soon", "hybrid", "later"]  # in progress first, then by start
    assert now(place="22903") == ["on", "soon", "room", "hybrid", "later"]
    assert now(place="Los Angeles, CA") == ["on", "soon", "hybrid", "later"]  # the room is far


def test_at_the_same_distance_todays_meetings_come_before_the_rest_of_the_week(gazetteer) -> None:
    import_records(
        [
            meeting_record(slug="sunday", day=0, time="09:00", end_time="10:00"),
            meeting_record(slug="tonight", day=1, time="19:00", end_time="20:00"),
            meeting_record(slug="this-morning", day=1, time="08:00", end_time="09:00"),  # over
            meeting_record(slug="tuesday", day=2, time="07:00", end_time="08:00"),
        ]
    )

    result = search_meetings(query=MeetingQuery(place="22903"), now=MONDAY_BEFORE_NOON)

    assert [m.source_slug for m in result.listings] == [
        "tonight",
        "tuesday",
        "sunday",
        "this-morning",
    ]


def test_pages_agree_when_a_building_straddles_two_pages(gazetteer) -> None:
    import_records(
        [
            meeting_record(
                slug=f"m{day}{hour}", day=day, time=f"{hour:02d}:00", end_time=f"{hour + 1:02d}:00"
            )
            for day in range(7)
            for hour in (7, 19)
        ]
    )

    pages = [
        [
            m.source_slug
            for m in search_meetings(
                query=MeetingQuery(place="22903", page=page), now=MONDAY_BEFORE_NOON, per_page=5
            ).listings
        ]
        for page in (1, 2, 3)
    ]

    listed = [slug for page in pages for slug in page]
    assert len(listed) == len(set(listed)) == 14
    assert listed[0] == "m119"  # Monday 19:00 is next


@pytest.mark.parametrize("place", ["Austin, TX", "Columbus, OH"])
def test_a_place_we_do_not_cover_is_said_plainly_with_somewhere_else_to_look(
    visitor, gazetteer, place
) -> None:
    import_records(
        [meeting_record(slug="zoom", name="Noon Zoom", **ONLINE_ONLY)], fellowship=Fellowship.AA
    )

    with time_machine.travel(MONDAY_BEFORE_NOON, tick=False):
        html = visitor.get("/meetings/", {"place": place, "fellowship": "AA"}).content.decode()

    text = visible(html)
    if place == "Columbus, OH":  # not in the test gazetteer: the place itself is unknown
        assert "We could not find" in text
        return
    assert "Our listings do not cover the area around Austin, TX yet" in text
    assert "a gap in our data, not in your search" in text
    assert "Noon Zoom" in text
    assert 'href="https://www.aa.org/find-aa"' in html
    assert "No meetings match" not in text


def test_when_choices_hide_meetings_we_do_list_the_page_says_so(visitor, gazetteer) -> None:
    import_records([meeting_record(slug=f"m{i}", types=["O"]) for i in range(6)])

    text = visible(visitor.get("/meetings/", {"place": "22903", "type": "W"}).content.decode())

    assert (
        "We list 6 meetings near 22903 · Charlottesville, VA, but none with all of these choices"
        in text
    )
    assert "do not cover" not in text


def test_use_my_location_is_offered_and_never_titles_results_with_coordinates(
    visitor, gazetteer
) -> None:
    import_records([meeting_record()])

    html = visitor.get("/meetings/", {"place": "38.0402,-78.4917"}).content.decode()

    assert 'data-locate="Use my location"' in html
    assert "1 meeting within 10 miles of your location" in html
    assert "38.04" not in visible(html)


def test_find_another_meeting_goes_back_to_the_search_it_came_from(visitor, gazetteer) -> None:
    import_records([meeting_record()], fellowship=Fellowship.AA)
    search = "/meetings/?place=22903&fellowship=AA&radius=25&page=1"
    link = re.search(r'<h3[^>]*><a href="([^"]+)">', visitor.get(search).content.decode())[1]

    def back_link(referer: str | None) -> str:
        headers = {"HTTP_REFERER": referer} if referer else {}
        page = visitor.get(link, **headers).content.decode()
        return re.search(r'<a href="([^"]+)">Find another meeting</a>', page)[1]

    assert "?" not in link  # a shared meeting address never carries anyone's search
    assert back_link(f"http://testserver{search}") == (
        "/meetings/?place=22903&amp;fellowship=AA&amp;radius=25"
    )
    assert back_link(None) == "/meetings/"
    assert back_link("https://elsewhere.example/meetings/?place=1") == "/meetings/"
    assert back_link("http://testserver/guide/?place=1") == "/meetings/"
    assert back_link("http://testserver/meetings/?q=%3Cb%3E&x=1") == "/meetings/?q=%3Cb%3E"


def test_meeting_types_are_checkboxes_without_a_hold_ctrl_hint(visitor) -> None:
    html = visitor.get("/meetings/").content.decode()

    assert 'type="checkbox" name="type" value="W"' in html
    assert "Hold Ctrl" not in html
    assert '<select name="type"' not in html


def test_spanish_pages_word_types_times_and_zones_in_spanish(visitor, gazetteer) -> None:
    import_records([meeting_record(types=["O", "W"])])

    with time_machine.travel(MONDAY_BEFORE_NOON, tick=False):
        text = visible(visitor.get("/es/meetings/", {"place": "22903"}).content.decode())

    assert "1 reunión a menos de 10 millas de 22903 · Charlottesville, VA" in text
    assert "Hoy · de 12:00 a 13:00 (hora del Este)" in text
    assert "Abierta, Mujeres" in text
    assert "Eastern" not in text
    assert "America/" not in text


# Titles of books and proper names the spec names that keep their capitals.
TYPE_NAMES_WITH_CAPITALS = {
    "12x12": "12 Steps & 12 Traditions",
    "ABSI": "As Bill Sees It",
    "AL": "Concurrent with Alateen",
    "AL-AN": "Concurrent with Al-Anon",
    "ASL": "American Sign Language",
    "B": "Big Book",
    "DR": "Daily Reflections",
    "LS": "Living Sober",
    "N": "Native American",
}


def test_meeting_types_are_named_in_sentence_case_in_english() -> None:
    for code in spec_types():
        label = type_label(code, language="en")
        if code in TYPE_NAMES_WITH_CAPITALS:
            assert label == TYPE_NAMES_WITH_CAPITALS[code]
        elif code != "LGBTQ":
            assert label[1:] == label[1:].lower(), f"{code}: {label}"

    assert type_label("X", language="en") == "Wheelchair access"
    assert type_label("X", language="es") == "Acceso en silla de ruedas"


def na_sample_imported() -> None:
    """The bundled Greater New York NA sample (every meeting in person), as `make run` has it."""
    from recoverynav.meetings.feeds import BUNDLED_DIR, read_bmlt
    from recoverynav.meetings.models import FeedSource
    from recoverynav.meetings.services import import_bmlt

    answer = read_bmlt(str(BUNDLED_DIR / "bmlt" / "gnyr-2018-GetSearchResults.json"))
    source = FeedSource(name="gnyr", kind="bmlt", default_timezone="America/New_York")
    import_bmlt(source=source, answer=answer)


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "",
            [
                "Our listings do not have these meetings yet",
                "We list no Narcotics Anonymous (NA) meetings you can join online yet.",
                "a gap in our data, not in your search",
                "SAMHSA",
            ],
        ),
        (
            "/es",
            [
                "Nuestros listados todavía no tienen estas reuniones",
                "No tenemos reuniones de Narcóticos Anónimos (NA) a las que pueda unirse en línea",
                "un vacío en nuestros datos, no en su búsqueda",
                "SAMHSA",
            ],
        ),
    ],
)
def test_a_fellowship_we_list_nothing_online_of_is_our_gap_not_the_visitors(
    visitor, hotlines, language, words
) -> None:
    na_sample_imported()  # 1,513 NA meetings, none online

    with time_machine.travel(MONDAY_BEFORE_NOON, tick=False):
        html = visitor.get(
            f"{language}/meetings/", {"fellowship": "na", "when": "now_or_soon"}
        ).content.decode()

    text = visible(html)
    for expected in words:
        assert expected in text
    assert 'href="https://virtual-na.org/meetings/"' in html  # NA's own virtual finder
    assert 'href="tel:' in html  # the treatment-referral helpline
    assert 'href="?when=now_or_soon&amp;attendance=online"' in html  # every fellowship's
    assert "Remove a choice" not in text
    assert "Quite una opción" not in text


def test_when_other_choices_hide_what_we_list_the_page_links_to_online_meetings_now(
    visitor,
) -> None:
    import_records(
        [meeting_record(slug="zoom", name="Noon Zoom", **ONLINE_ONLY)], fellowship=Fellowship.NA
    )

    with time_machine.travel(MONDAY_BEFORE_NOON, tick=False):
        html = visitor.get(
            "/meetings/", {"fellowship": "na", "attendance": "online", "q": "speaker"}
        ).content.decode()
        later = visitor.get(
            "/meetings/", {"fellowship": "na", "when": "now", "q": "noon"}
        ).content.decode()

    assert "Remove a choice above, or look at" in visible(html)
    assert 'href="?when=now_or_soon&amp;attendance=online&amp;fellowship=na"' in html
    assert "do not have these meetings" not in visible(html)
    # Listed, but not on at this moment: the same search at any time.
    assert "None of the meetings we list with these choices is in progress" in visible(later)
    assert "when=" not in re.search(r'href="([^"]*)">See them at any time', later)[1]


def test_the_finders_say_their_addresses_are_unchecked_until_an_operator_checks_them(
    visitor, monkeypatch
) -> None:
    from recoverynav.meetings import fellowships

    params = {"fellowship": "na", "when": "now_or_soon"}
    unchecked = visible(visitor.get("/meetings/", params).content.decode())
    na = fellowships.finders()["na"]
    checked = fellowships.Finder(**{**na.__dict__, "status": fellowships.VERIFIED})
    monkeypatch.setattr(fellowships, "finders", lambda: {"na": checked})
    confirmed = visible(visitor.get("/meetings/", params).content.decode())

    assert "We have not yet confirmed these addresses ourselves" in unchecked
    assert "we do not list them here" in unchecked  # the fellowships' phone lines
    assert "We have not yet confirmed" not in confirmed


def test_every_fellowship_has_a_finder_row_with_a_status_and_a_date() -> None:
    import datetime as dt

    from recoverynav.meetings.fellowships import VERIFIED, finders

    rows = finders()
    assert set(rows) == {code for code in Fellowship.values if code != Fellowship.OTHER}
    for row in rows.values():
        assert row.status in {VERIFIED, "needs-verification"}, row.fellowship
        assert row.finder_url.startswith("https://"), row.fellowship
        assert row.online_finder_url.startswith("https://"), row.fellowship
        dt.date.fromisoformat(row.checked)


def test_the_online_meetings_offered_where_we_list_none_are_renewed_by_an_import() -> None:
    """Kept for the minute (every visitor to a place we do not cover gets the same list), but
    never past an import: a meeting the group removed is not offered again."""
    query = MeetingQuery(when="now_or_soon", soon_minutes=180, attendance=["online", "hybrid"])
    import_records([meeting_record(slug="zoom", name="Noon Zoom", **ONLINE_ONLY)])
    first = online_soon(query, now=MONDAY_BEFORE_NOON, shown=5)

    import_records([meeting_record(slug="other", name="Other Zoom", **ONLINE_ONLY)], force=True)
    later = online_soon(query, now=MONDAY_BEFORE_NOON + dt.timedelta(seconds=20), shown=5)

    assert [meeting.name for meeting in first] == ["Noon Zoom"]
    assert [meeting.name for meeting in later] == ["Other Zoom"]


def test_the_online_meetings_a_page_offers_follow_the_choices_and_every_import(visitor) -> None:
    """Their markup is kept for the minute and shared by every visitor (meetings/offers.py),
    yet a visitor who chose another fellowship never gets someone else's list, and a meeting
    an import removed is not offered again."""
    feed = {"source": "aa-intergroup", "fellowship": "aa"}
    import_records([meeting_record(slug="zoom", name="Noon Zoom", **ONLINE_ONLY)], **feed)
    with time_machine.travel(MONDAY_BEFORE_NOON, tick=False):
        first = visible(visitor.get("/meetings/", {"fellowship": "aa"}).content.decode())
        other = visible(visitor.get("/meetings/", {"fellowship": "na"}).content.decode())
        replaced = [meeting_record(slug="other", name="Other Zoom", **ONLINE_ONLY)]
        import_records(replaced, force=True, **feed)
        renewed = visible(visitor.get("/meetings/", {"fellowship": "aa"}).content.decode())

    assert "Noon Zoom" in first
    assert "Noon Zoom" not in other
    assert "We list no online meeting of these choices" in other
    assert "Other Zoom" in renewed
    assert "Noon Zoom" not in renewed


def test_where_we_list_nothing_the_online_meetings_are_shown_in_the_places_time(
    visitor, gazetteer
) -> None:
    """As the results are: the searched place's zone stands in for the visitor's."""
    feed = {"source": "aa-intergroup", "fellowship": "aa"}
    import_records([meeting_record(slug="zoom", name="Noon Zoom", **ONLINE_ONLY)], **feed)
    with time_machine.travel(MONDAY_BEFORE_NOON, tick=False):
        html = visitor.get("/meetings/", {"place": "90012"}).content.decode()

    offered = visible(html).split("Online meetings on now or starting soon")[1]
    assert "Noon Zoom" in offered
    assert "9 a.m. to 10 a.m. your time" in offered
