"""How the records several sources hold about one place become the one listing a person sees:
which source's name, address, phone and services win, and when two records are one place."""

import datetime as dt

from recoverynav.directory.importers.base import Record
from recoverynav.directory.merging import (
    ALSO_NAMED,
    NAME_LIMIT,
    PlaceIndex,
    PlaceKeys,
    merged_values,
    newest_first,
    one_door_one_number,
    same_place,
)
from recoverynav.directory.vocabulary import GROUPS

OLD, NEW = dt.date(2020, 1, 1), dt.date(2026, 11, 1)


def data(source: str = "directory", **overrides) -> dict:
    """A stored record's data, as a source's import leaves it."""
    values = {
        "source_id": f"{source}-1",
        "organization": "",
        "name": "Blue Ridge Recovery",
        "latitude": 38.03,
        "longitude": -78.48,
        "last_verified": NEW,
        "address_1": "100 Main Street",
        "state": "VA",
        "city": "Charlottesville",
        "postal_code": "22902",
        "phone": "(434) 555-0100",
    }
    attributes = overrides.pop("attributes", set())
    describes = overrides.pop("describes", set())
    row = Record(**(values | overrides), attributes=attributes, describes=describes).data()
    row["source"] = source
    return row


def mask(group: str, *values: str) -> int:
    return GROUPS[group].mask(list(values))


def keys(name="Blue Ridge Recovery", address="100 Main Street", phone="434-555-0100", **extra):
    return PlaceKeys.of(
        name=name, address=address, postal_code=extra.pop("postal_code", "22902"), phone=phone,
        **extra,
    )  # fmt: skip


# --- which record speaks ---------------------------------------------------------------------


def test_the_newest_record_comes_first_and_among_equals_the_fuller_one() -> None:
    older = data("old", last_verified=OLD)
    bare = data("bare", phone="")
    full = data("full", describes={"setting", "payment"})

    assert [d["source"] for d in newest_first([older, bare, full])] == ["full", "bare", "old"]


def test_the_order_records_arrive_in_does_not_change_the_listing() -> None:
    records = [
        data("a", last_verified=OLD, phone="(434) 555-0111"),
        data("b", describes={"setting"}, attributes={"setting:outpatient"}),
        data("c", attributes={"medication:methadone"}),
    ]

    assert merged_values(records) == merged_values(list(reversed(records)))


def test_the_newest_name_and_source_are_shown_with_the_date_it_was_checked() -> None:
    values = merged_values([data("old", last_verified=OLD, name="Old Name"), data("new")])

    assert (values["name"], values["source"], values["last_verified"]) == (
        "Blue Ridge Recovery",
        "new",
        NEW,
    )


def test_a_newer_record_without_an_address_keeps_the_older_published_address() -> None:
    values = merged_values(
        [data("new", address_1="- - -"), data("old", last_verified=OLD, address_1="9 Oak Lane")]
    )

    assert values["address_1"] == "9 Oak Lane"


def test_a_phone_missing_from_the_newest_record_comes_from_an_older_one() -> None:
    values = merged_values([data("new", phone=""), data("old", last_verified=OLD)])

    assert values["phone"] == "(434) 555-0100"


def test_a_building_s_own_coordinates_win_over_a_zip_code_centre() -> None:
    approximate = data("new", latitude=38.0, longitude=-78.0, approximate=True)
    exact = data("old", last_verified=OLD, latitude=38.031, longitude=-78.481)

    values = merged_values([approximate, exact])

    assert (values["latitude"], values["longitude"]) == (38.031, -78.481)
    assert values["location_approximate"] is False


def test_a_place_only_known_by_its_zip_code_centre_is_marked_approximate() -> None:
    values = merged_values([data("only", approximate=True)])

    assert values["location_approximate"] is True


def test_a_survey_year_date_is_shown_as_a_year_only() -> None:
    assert merged_values([data("survey", year_only=True)])["as_of_year_only"] is True


# --- services --------------------------------------------------------------------------------


def test_a_source_that_lists_a_group_in_full_takes_away_what_older_sources_said() -> None:
    older = data("old", last_verified=OLD, attributes={"setting:residential"})
    newer = data("new", describes={"setting"}, attributes={"setting:outpatient"})

    assert merged_values([older, newer])["care_settings"] == mask("setting", "outpatient")


def test_a_source_that_only_mentions_values_adds_to_them() -> None:
    full = data("directory", last_verified=OLD, describes={"medication"},
                attributes={"medication:buprenorphine"})  # fmt: skip
    mention = data("moud", attributes={"medication:naltrexone"})

    values = merged_values([full, mention])

    assert values["medications"] == mask("medication", "buprenorphine", "naltrexone")


def test_an_older_full_list_does_not_take_away_a_newer_mention() -> None:
    newer = data("moud", attributes={"medication:methadone"})
    older = data("directory", last_verified=OLD, describes={"medication"})

    assert merged_values([newer, older])["medications"] == mask("medication", "methadone")


def test_the_otp_certification_is_kept_while_no_full_list_denies_it() -> None:
    otp = data("otp", attributes={"otp"})

    assert merged_values([otp, data("other")])["is_otp"] is True
    denied = data("newer", last_verified=NEW + dt.timedelta(days=1), describes={"otp"})
    assert merged_values([otp, denied])["is_otp"] is False


def test_other_services_and_languages_are_listed_once_each() -> None:
    first = data("a", other_services=[["x", "Peer support"]], other_languages=["Tagalog"])
    second = data("b", other_services=[["x", "Peer support"]], other_languages=["Tagalog", "Hmong"])

    values = merged_values([first, second])

    assert values["other_services"] == [["x", "Peer support"]]
    assert values["other_languages"] == ["Tagalog", "Hmong"]


# --- names -----------------------------------------------------------------------------------


def test_another_current_name_for_the_place_is_shown_as_also_named() -> None:
    values = merged_values([data("otp", name="Narcotic Treatment Program"), data("directory")])

    names = {values["name"], *values["alternate_name"].split(ALSO_NAMED)}
    assert names == {"Blue Ridge Recovery", "Narcotic Treatment Program"}


def test_a_name_only_an_older_file_gives_is_left_out() -> None:
    values = merged_values([data("new"), data("old", last_verified=OLD, name="Long Gone Name")])

    assert "Long Gone Name" not in values["alternate_name"]


def test_the_same_name_written_with_inc_is_not_repeated_as_another_name() -> None:
    values = merged_values([data("a", name="Blue Ridge Recovery, Inc."), data("b")])

    assert values["alternate_name"] == ""


def test_a_very_long_list_of_other_names_is_cut_with_an_ellipsis() -> None:
    many = [data(f"s{n}", name=f"Program number {n} " + "x" * 40) for n in range(12)]

    alternate = merged_values(many)["alternate_name"]

    assert len(alternate) <= NAME_LIMIT
    assert alternate.endswith("…")


# --- one place or two ------------------------------------------------------------------------


def test_one_building_one_number_is_one_place_however_the_street_is_written() -> None:
    first = keys(address="1631-A East Second Street")
    second = keys(address="1631 E 2nd St, Building A", name="Another Name")

    assert one_door_one_number(first, second)
    assert same_place(first, second)


def test_two_doors_on_one_street_with_one_number_are_two_places() -> None:
    assert not one_door_one_number(keys(address="10 Main St"), keys(address="12 Main St"))


def test_an_unpublished_address_joins_a_published_one_only_when_the_names_agree() -> None:
    hidden = keys(address="- - -")

    assert one_door_one_number(hidden, keys(name="Blue Ridge Recovery LLC"))
    assert not one_door_one_number(hidden, keys(name="County Health Department"))


def test_two_programs_one_source_lists_under_one_roof_with_their_own_numbers_stay_two() -> None:
    detox = keys(name="Integral Care Detox", phone="512-555-0101", sources={"directory"})
    otp = keys(name="Integral Care", phone="512-555-0102", sources={"directory"})

    assert not same_place(detox, otp)


def test_the_same_name_in_one_building_from_two_sources_is_one_place() -> None:
    first = keys(name="Integral Care", phone="512-555-0101", sources={"directory"})
    second = keys(name="Integral Care", phone="512-555-0102", sources={"otp"})

    assert same_place(first, second)


def test_another_zip_code_is_another_place() -> None:
    assert not same_place(keys(), keys(postal_code="22903"))


def test_the_index_finds_a_known_place_by_building_by_line_or_by_exact_key() -> None:
    index = PlaceIndex()
    index.add(keys(), "known")

    assert index.find(keys(address="100 Main St., Suite 4")) == "known"
    assert index.find(keys(address="- - -")) == "known"
    assert index.find(keys(name="Blue Ridge Recovery", phone="")) == "known"
    assert index.find(keys(address="500 Elm St", phone="434-555-0199")) is None
