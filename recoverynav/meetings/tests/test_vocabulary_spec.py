"""The meeting finder's words: fellowships by any spelling, each fellowship's own finders,
meeting types in plain language and in Spanish, and what a BMLT server's answers mean."""

import pytest
from django.utils import translation

from recoverynav.meetings.fellowships import (
    ALIASES,
    canonical_fellowship,
    finder_links,
    finders,
    finders_for,
)
from recoverynav.meetings.importers import FeedError
from recoverynav.meetings.importers.bmlt import (
    format_table,
    formats_of,
    meetings_of,
    parse_answer,
    published,
    repair,
)
from recoverynav.meetings.meeting_types import (
    COMMON_TYPES,
    explanation,
    format_name,
    spec_types,
    type_choices,
    type_label,
)
from recoverynav.meetings.models import Fellowship

# --- fellowships -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("AA", "aa"),
        ("  Alcoholics   Anonymous ", "aa"),
        ("N.A.", "na"),
        ("Al-Anon/Alateen", "al-anon"),
        ("SMART Recovery", "smart"),
        ("Narateen", "nar-anon"),
        ("Others", "other"),
    ],
)
def test_every_usual_spelling_of_a_fellowship_finds_its_code(written: str, code: str) -> None:
    assert canonical_fellowship(written) == code


def test_an_unknown_fellowship_is_handed_back_for_the_form_to_refuse() -> None:
    assert canonical_fellowship("Gamblers Anonymous") == "Gamblers Anonymous"


def test_every_fellowship_code_is_its_own_spelling() -> None:
    for code in ALIASES:
        assert canonical_fellowship(str(code)) == str(code)


def test_without_a_choice_the_main_fellowships_finders_are_offered() -> None:
    shown = [finder.fellowship for finder in finders_for([])]

    assert shown == [Fellowship.AA, Fellowship.NA, Fellowship.SMART, Fellowship.AL_ANON]


def test_the_chosen_fellowships_finders_are_offered_in_the_order_chosen() -> None:
    chosen = [code for code in ("na", "aa") if code in finders()]

    assert [finder.fellowship for finder in finders_for([*chosen, "unknown"])] == chosen


def test_the_page_says_so_when_a_finder_link_is_not_checked_yet() -> None:
    links = finder_links([])

    assert links["finders_unchecked"] == any(not finder.verified for finder in links["finders"])
    assert all(finder.finder_url.startswith("https://") for finder in links["finders"])
    assert all(finder.name for finder in links["finders"])


# --- meeting types ---------------------------------------------------------------------------


def test_every_spec_type_has_an_english_name() -> None:
    assert all(type_label(code, language="en") for code in spec_types())


def test_an_unknown_type_has_no_name_rather_than_its_code() -> None:
    assert type_label("ZZZ", language="en") == ""


def test_a_type_without_a_spanish_name_falls_back_to_english() -> None:
    missing = [code for code, names in spec_types().items() if not names.get("es")]
    for code in missing:
        assert type_label(code, language="es") == type_label(code, language="en")


def test_the_common_types_come_first_and_the_rest_by_name() -> None:
    with translation.override("en"):
        choices = type_choices()

    codes = [code for code, _label in choices]
    assert codes[: len(COMMON_TYPES)] == COMMON_TYPES
    rest = [label for _code, label in choices[len(COMMON_TYPES) :]]
    assert rest == sorted(rest)
    assert len(codes) == len(set(codes)) == len(set(spec_types()) | set(COMMON_TYPES))


def test_a_named_format_is_shown_in_the_page_s_language_or_else_in_english() -> None:
    names = {"en": "Candlelight", "es": "Con velas"}

    assert format_name(names, language="es") == "Con velas"
    assert format_name({"en": "Candlelight"}, language="es") == "Candlelight"
    assert format_name({}, language="en") == ""


def test_closed_means_family_and_friends_at_a_family_group() -> None:
    assert (
        explanation("C", "al-anon") == "For family and friends of someone with a drinking problem."
    )
    assert explanation("C", "aa").startswith("For people who have a problem with drinking")
    assert explanation("ZZZ") == ""


def test_type_explanations_are_in_spanish_on_spanish_pages() -> None:
    with translation.override("es"):
        assert (
            explanation("O")
            != "Anyone may come, including family, friends and people who are curious."
        )


# --- BMLT answers ----------------------------------------------------------------------------


def test_a_bmlt_answer_that_is_not_json_names_the_answer() -> None:
    with pytest.raises(FeedError, match="The GetFormats answer is not valid JSON"):
        parse_answer(b"<html>", "GetFormats")


def test_meetings_come_as_a_list_or_inside_an_object() -> None:
    assert meetings_of([{"id_bigint": "1"}]) == [{"id_bigint": "1"}]
    assert meetings_of({"meetings": [{"id_bigint": "2"}], "formats": []}) == [{"id_bigint": "2"}]
    with pytest.raises(FeedError, match="must be a JSON list of meetings, not a str"):
        meetings_of("nothing")


def test_formats_come_as_a_list_or_inside_an_object_and_errors_name_the_language() -> None:
    assert formats_of({"formats": [{"id": 1}]}, "es") == [{"id": 1}]
    with pytest.raises(FeedError, match=r"GetFormats answer \(es\) must be a JSON list"):
        formats_of({"no": "formats"}, "es")


def test_unpublished_meetings_in_a_saved_file_are_left_out() -> None:
    meetings = [{"id": 1, "published": "1"}, {"id": 2, "published": "0"}, {"id": 3}]

    assert [m["id"] for m in published(meetings)] == [1, 3]


def test_a_format_table_joins_each_format_s_languages_and_world_id() -> None:
    table = format_table(
        {
            "en": [{"id": "4", "root_server_id": 9, "key_string": "O", "world_id": "open ",
                    "name_string": "Open"}],
            "es": [{"id": "4", "root_server_id": 9, "key_string": "A", "name_string": "Abierta"},
                   {"id": None}, "junk"],
        }
    )  # fmt: skip

    assert list(table) == [("9", "4")]
    found = table[("9", "4")]
    assert (found.key, found.world_id, found.names) == (
        "O",
        "OPEN",
        {"en": "Open", "es": "Abierta"},
    )


@pytest.mark.parametrize(
    ("garbled", "fixed"),
    [("ReuniÃ³n abierta", "Reunión abierta"), ("Plain text", "Plain text"), ("Niño", "Niño")],
)
def test_double_encoded_spanish_is_repaired_and_good_text_left_alone(garbled, fixed) -> None:
    assert repair(garbled) == fixed
