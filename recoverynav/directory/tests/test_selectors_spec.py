"""The directory's reads, at their edges: the search form a query string becomes, pages and
their ends, the way back to a search, which sources a listing names, the HSDS pages and the
coverage figures."""

import datetime as dt

import pytest
from django.http import QueryDict
from django.utils import timezone, translation

from recoverynav.directory import service_names, sources
from recoverynav.directory.forms import SearchForm
from recoverynav.directory.models import SourceRecord
from recoverynav.directory.selectors import (
    DEFAULT_RADIUS,
    MAX_PER_PAGE,
    SearchPage,
    back_to_search,
    directory_coverage,
    export_page,
    facility_detail,
    facility_sources,
    hsds_organization,
    hsds_organizations_page,
    listed_facilities,
    search_facilities,
)
from recoverynav.directory.tests.factories import CHARLOTTESVILLE, make_facility, miles_north
from recoverynav.directory.vocabulary import GROUPS, MEDICATION, language_names

TODAY = timezone.localdate()


def search(**kwargs) -> SearchPage:
    return search_facilities(latitude=CHARLOTTESVILLE[0], longitude=CHARLOTTESVILLE[1], **kwargs)


def form(query: str) -> SearchForm:
    bound = SearchForm(QueryDict(query))
    assert bound.is_valid(), bound.errors
    return bound


# --- the search form -------------------------------------------------------------------------


def test_a_search_without_filters_has_none_and_uses_the_default_radius() -> None:
    bound = form("place=22903")

    assert bound.filters() == {}
    assert bound.cleaned_data["radius"] == DEFAULT_RADIUS


def test_filters_from_several_groups_are_kept_by_group() -> None:
    bound = form("place=22903&setting=outpatient&setting=detox&payment=medicaid&otp=on")

    assert bound.filters() == {
        "setting": ["outpatient", "detox"],
        "payment": ["medicaid"],
        "otp": ["yes"],
    }


def test_the_guide_s_alcohol_medicines_link_stands_for_each_alcohol_medicine() -> None:
    bound = form("medication=alcohol_medication&medication=naltrexone")

    assert bound.filters() == {
        "medication": ["naltrexone", "naltrexone_er", "acamprosate", "disulfiram"]
    }


@pytest.mark.parametrize(
    ("query", "field"),
    [("radius=7", "radius"), ("setting=spa", "setting"), ("place=" + "x" * 201, "place")],
)
def test_a_value_the_form_does_not_offer_is_an_error_on_its_field(query: str, field: str) -> None:
    bound = SearchForm(QueryDict(query))

    assert not bound.is_valid()
    assert list(bound.errors) == [field]


def test_the_filter_groups_are_added_only_when_the_page_needs_them() -> None:
    bound = SearchForm(QueryDict("place=22903"))

    assert "setting" not in bound.fields
    assert [field.name for field in bound.filter_fields()][:2] == ["setting", "medication"]


# --- search pages ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_listing_exactly_at_the_radius_is_found_and_one_just_beyond_is_not() -> None:
    make_facility(name="Inside", latitude=miles_north(9.9)[0])
    make_facility(name="Outside", latitude=miles_north(10.2)[0])

    assert [f.name for f in search(radius_miles=10).facilities] == ["Inside"]


@pytest.mark.django_db
def test_listings_at_the_same_distance_keep_one_order_on_every_page() -> None:
    made = [make_facility(name=f"Same place {n}") for n in range(5)]

    first = search(per_page=2, page=1).facilities
    second = search(per_page=2, page=2).facilities
    third = search(per_page=2, page=3).facilities

    assert [f.pk for f in first + second + third] == [f.pk for f in made]


@pytest.mark.django_db
@pytest.mark.parametrize(("asked", "shown"), [(0, 1), (-3, 1), (99, 3)])
def test_a_page_number_before_the_first_or_after_the_last_shows_the_nearest_page(
    asked: int, shown: int
) -> None:
    for n in range(5):
        make_facility(name=f"Place {n}")

    page = search(per_page=2, page=asked)

    assert page.page == shown
    assert (page.has_previous, page.has_next) == (shown > 1, shown < 3)


@pytest.mark.django_db
@pytest.mark.parametrize(("asked", "used"), [(0, 1), (500, MAX_PER_PAGE)])
def test_the_page_size_stays_between_one_and_the_maximum(asked: int, used: int) -> None:
    assert search(per_page=asked).per_page == used


@pytest.mark.django_db
def test_an_empty_search_is_one_empty_page() -> None:
    page = search()

    assert (page.total, page.num_pages, page.has_next, page.has_previous) == (0, 1, False, False)


@pytest.mark.django_db
def test_every_filter_group_narrows_the_search_to_what_offers_it() -> None:
    for group in GROUPS.values():
        value = next(iter(group.values))
        make_facility(name=f"Offers {group.name}", attributes={group.name: [value]})
    make_facility(name="Offers nothing")

    for group in GROUPS.values():
        value = next(iter(group.values))
        found = search(filters={group.name: [value]}).facilities
        assert [f.name for f in found] == [f"Offers {group.name}"], group.name


@pytest.mark.django_db
def test_an_unknown_filter_value_is_ignored_rather_than_hiding_everything() -> None:
    make_facility(name="Anything")

    assert [f.name for f in search(filters={"setting": ["spa"]}).facilities] == ["Anything"]


@pytest.mark.django_db
def test_a_hidden_listing_has_no_page_and_is_not_exported() -> None:
    hidden = make_facility(is_active=False)

    assert facility_detail(hidden.pk) is None
    assert hidden not in listed_facilities()
    assert export_page(page=1) == ([], 0)


@pytest.mark.django_db
def test_a_listing_no_current_source_confirms_keeps_its_page_but_leaves_searches(
    settings,
) -> None:
    settings.DIRECTORY_CURRENT_SINCE = TODAY - dt.timedelta(days=10)
    old = make_facility(last_verified=TODAY - dt.timedelta(days=400))

    assert facility_detail(old.pk) == old
    assert search().total == 0


# --- the way back ----------------------------------------------------------------------------


def test_the_way_back_keeps_the_search_and_drops_anything_else() -> None:
    url = back_to_search("place=22903&radius=10&setting=detox&utm_source=x&page=2")

    assert url == "/treatment/?place=22903&radius=10&setting=detox&page=2"


def test_the_way_back_cuts_long_or_many_values() -> None:
    url = back_to_search("place=" + "x" * 500 + "&" + "&".join(["setting=detox"] * 50))

    query = QueryDict(url.split("?", 1)[1])
    assert len(query["place"]) == 200
    assert len(query.getlist("setting")) == 20


def test_with_nothing_to_keep_the_way_back_is_the_empty_search() -> None:
    assert back_to_search("") == back_to_search("tracking=1") == "/treatment/"


# --- sources ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_listing_names_its_sources_newest_first_by_name_never_by_slug() -> None:
    facility = make_facility()
    for source, day in [
        ("samhsa-moud", dt.date(2020, 5, 1)),
        ("samhsa-directory-2024", dt.date(2024, 3, 1)),
        ("county-2026", dt.date(2026, 1, 5)),
    ]:
        SourceRecord.objects.create(
            facility=facility, source=source, source_id="1", fingerprint="x", data={},
            last_verified=day,
        )  # fmt: skip

    listed = facility_sources(facility)

    assert [s.as_of for s in listed] == [
        dt.date(2026, 1, 5),
        dt.date(2024, 3, 1),
        dt.date(2020, 5, 1),
    ]
    assert listed[0].name == "A list this site's team added"
    assert listed[1].name == sources.source_name("samhsa-directory-2024")
    assert all("samhsa-" not in s.name for s in listed)


def test_an_unknown_source_is_named_in_spanish_on_spanish_pages() -> None:
    with translation.override("es"):
        assert sources.source_name("county-2026") != "A list this site's team added"


# --- HSDS pages ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_hsds_pages_list_each_shown_facility_once_in_a_stable_order() -> None:
    made = [make_facility() for _ in range(5)]
    make_facility(is_active=False)

    first, total = export_page(page=1, per_page=2)
    last, _ = export_page(page=3, per_page=2)
    beyond, _ = export_page(page=4, per_page=2)

    assert total == 5
    assert [f.pk for f in first] == [made[0].pk, made[1].pk]
    assert [f.pk for f in last] == [made[4].pk]
    assert beyond == []


@pytest.mark.django_db
def test_an_organization_without_a_shown_facility_is_not_an_hsds_organization() -> None:
    shown = make_facility()
    hidden = make_facility(is_active=False)

    organizations, total = hsds_organizations_page(page=1)

    assert (total, [o.pk for o in organizations]) == (1, [shown.organization_id])
    assert hsds_organization(hidden.organization.uuid) is None
    assert hsds_organization(shown.organization.uuid) == (shown.organization, [shown])


# --- coverage --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_coverage_counts_what_the_shown_listings_can_tell_a_person() -> None:
    make_facility(attributes={"setting": ["outpatient"], "payment": ["medicaid"]})
    make_facility(phone="", location_approximate=True, is_otp=True)
    make_facility(is_active=False, attributes={"setting": ["detox"]})

    coverage = directory_coverage()

    assert coverage.listings_shown == 2
    assert (coverage.with_phone, coverage.with_setting, coverage.with_payment) == (1, 1, 1)
    assert (coverage.with_medication, coverage.approximate) == (1, 1)
    assert coverage.share(coverage.with_phone) == 0.5


@pytest.mark.django_db
def test_coverage_counts_one_building_listed_twice_as_a_duplicate_shown() -> None:
    make_facility(name="First name", address_1="1631-A East Second Street")
    make_facility(name="Second name", address_1="1631 E 2nd St, Building A")
    make_facility(name="Next door", address_1="1633 E 2nd St")

    assert directory_coverage().duplicates_shown == 1


@pytest.mark.django_db
def test_coverage_of_an_empty_directory_is_all_zero_without_dates() -> None:
    coverage = directory_coverage()

    assert (coverage.listings_shown, coverage.share(0)) == (0, 0.0)
    assert coverage.oldest_as_of is None


# --- words -----------------------------------------------------------------------------------


def test_a_facility_s_languages_name_ours_then_its_own_but_never_the_word_other() -> None:
    mask = GROUPS["language"].mask(["spanish", "other"])

    assert language_names(mask, ["Tagalog"]) == ["Spanish", "Tagalog"]


def test_every_medication_has_a_spanish_label() -> None:
    with translation.override("es"):
        labels = MEDICATION.labels(MEDICATION.mask(list(MEDICATION.values)))

    assert "Methadone" not in labels
    assert len(labels) == len(MEDICATION.values)


def test_samhsa_s_title_case_categories_become_sentence_case_headings() -> None:
    assert service_names.heading("Payment/Insurance/Funding Accepted") == (
        "Payment/insurance/funding accepted"
    )
    assert service_names.heading("Type of Care (e.g., detox)") == "Type of care"


def test_services_are_grouped_by_category_in_the_source_s_order() -> None:
    groups = service_names.grouped([["Services", "B"], ["Ages", "Adults"], ["Services", "A"]])

    assert [(g.heading, g.names) for g in groups] == [
        ("Services", ["B", "A"]),
        ("Ages", ["Adults"]),
    ]
