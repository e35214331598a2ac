"""The finder: one search function behind the page, the calendar and the benchmark."""

import pytest
from django.db import connection
from django.db.models import F

from recoverynav.meetings import keywords
from recoverynav.meetings.keywords import fts_match
from recoverynav.meetings.models import FeedSource, Fellowship, Meeting
from recoverynav.meetings.query import MeetingQuery
from recoverynav.meetings.selectors import search_meetings
from recoverynav.meetings.tests.conftest import import_records, meeting_record

pytestmark = pytest.mark.django_db

CHARLOTTESVILLE = {"latitude": 38.0402, "longitude": -78.4917}
RICHMOND = {
    "latitude": 37.5407,
    "longitude": -77.4360,
    "formatted_address": "1 E Broad St, Richmond, VA 23219, USA",
}


def slugs(**query) -> list[str]:
    return [m.source_slug for m in search_meetings(query=MeetingQuery(**query)).listings]


@pytest.fixture
def meetings(gazetteer) -> None:
    import_records(
        [
            meeting_record(slug="near", name="Downtown Serenity", **CHARLOTTESVILLE),
            meeting_record(
                slug="nearby",
                name="Belmont Women",
                day=[2, 4],
                time="07:00",
                types=["W", "C"],
                latitude=38.0205,
                longitude=-78.4780,
            ),
            meeting_record(slug="far", name="Richmond Men", types=["M"], time="21:30", **RICHMOND),
            meeting_record(
                slug="online",
                name="Zoom Serenity",
                time="18:00",
                conference_url="https://zoom.us/j/1",
                formatted_address=...,
                latitude=...,
                longitude=...,
            ),
            meeting_record(slug="gone", name="Gone Group", attendance_option="inactive"),
        ],
        fellowship=Fellowship.AA,
    )
    import_records(
        [meeting_record(slug="family", name="Hope AFG", time="19:00", **CHARLOTTESVILLE)],
        source="al-anon",
        fellowship=Fellowship.AL_ANON,
    )


@pytest.mark.usefixtures("meetings")
def test_it_lists_meetings_near_a_place_nearest_first_with_the_distance() -> None:
    result = search_meetings(query=MeetingQuery(place="22903", radius_miles=10))

    assert result.place.postal_code == "22903"
    assert [m.source_slug for m in result.listings] == ["near", "family", "nearby"]
    assert [round(m.miles, 1) for m in result.listings] == [0.4, 0.4, 1.2]
    assert slugs(place="22903", radius_miles=100)[-1] == "far"


@pytest.mark.usefixtures("meetings")
def test_online_meetings_are_found_wherever_the_person_is() -> None:
    assert slugs(place="22903", attendance=["online"]) == ["online"]
    assert slugs(place="Beverly Hills, CA", attendance=["online"]) == ["online"]
    assert "online" not in slugs(place="22903")


@pytest.mark.usefixtures("meetings")
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"days": [4]}, ["nearby"]),
        ({"days": [1], "bands": ["night"]}, ["far"]),
        ({"bands": ["morning"]}, ["nearby"]),
        ({"bands": ["midday"]}, ["near"]),
        ({"bands": ["evening"]}, ["family", "online"]),
        ({"types": ["W"]}, ["nearby"]),
        ({"types": ["W", "M"]}, []),
        ({"fellowships": [Fellowship.AL_ANON]}, ["family"]),
        ({"keyword": "serenity"}, ["near", "online"]),
        ({"keyword": "SERENITY zoom"}, ["online"]),
        ({"keyword": "richmond"}, ["far"]),
        ({"attendance": ["inactive"]}, ["gone"]),
        ({}, ["nearby", "near", "family", "far", "online"]),
    ],
)
def test_it_filters_by_every_choice_on_the_form(query, expected) -> None:
    assert slugs(**query) == expected


@pytest.mark.usefixtures("meetings")
def test_it_pages_through_results_without_counting_them_all() -> None:
    first = search_meetings(query=MeetingQuery(), per_page=2)
    third = search_meetings(query=MeetingQuery(page=3), per_page=2)

    assert first.has_next
    assert [m.source_slug for m in first.listings] == ["nearby", "near"]
    assert not third.has_next
    assert [m.source_slug for m in third.listings] == ["online"]


def test_the_page_asks_a_bounded_number_of_queries(
    visitor, gazetteer, django_assert_num_queries
) -> None:
    import_records(
        [meeting_record(slug=f"m{i}", day=[1, 3, 5], **CHARLOTTESVILLE) for i in range(30)]
    )

    # The place, the box around it, one page of meetings, and their weekly times.
    with django_assert_num_queries(4):
        response = visitor.get("/meetings/", {"place": "22903", "day": ["1", "3"], "q": "noon"})

    assert response.status_code == 200
    assert response.content.decode().count('class="card"') == 20
    assert "page=2" in response.content.decode()


def test_the_results_carry_the_save_buttons_script_once(visitor, gazetteer) -> None:
    import_records([meeting_record(slug=f"m{i}", **CHARLOTTESVILLE) for i in range(3)])

    html = visitor.get("/meetings/", {"place": "22903"}).content.decode()

    assert html.count("data-plan-save ") == 3
    assert html.count('<script src="/static/plan/save.js" defer data-saved-text=') == 1


@pytest.mark.usefixtures("meetings")
def test_the_page_offers_a_choice_when_the_place_is_ambiguous(visitor) -> None:
    html = visitor.get("/meetings/", {"place": "Arlington"}).content.decode()

    assert "More than one place matches “Arlington”. Which one do you mean?" in html
    assert "Arlington, VA" in html


@pytest.mark.usefixtures("meetings")
def test_a_state_name_alone_asks_for_a_town_in_that_state(visitor) -> None:
    html = visitor.get("/meetings/", {"place": "Virginia"}).content.decode()

    assert "“Virginia” is a whole state." in html
    assert "Virginia Beach, VA" in html
    assert ", MN" not in html


@pytest.mark.usefixtures("meetings")
@pytest.mark.parametrize(
    "params",
    [
        {"radius": "far"},
        {"day": "9"},
        {"time": "brunch"},
        {"page": "-1"},
        {"tz": "Mars/Base"},
        {"place": "x" * 500},
        {"place": "99999"},
    ],
)
def test_bad_input_gets_a_clear_answer_not_an_error(visitor, params) -> None:
    response = visitor.get("/meetings/", params)

    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()


def test_the_page_is_kind_on_an_empty_database(visitor) -> None:
    html = visitor.get("/meetings/", {"q": "anything"}).content.decode()

    assert "We list no meetings yet." in html  # our gap, not the visitor's search
    assert "Remove a choice" not in html


def _plan(sql: str) -> str:
    """The database's plan for `sql`, as text; PostgreSQL is told to prefer indexes, since a
    test table is small enough that a full scan would win."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_bitmapscan = off")
            cursor.execute(f"EXPLAIN {sql}")
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        return " ".join(str(row) for row in cursor.fetchall())


def _sorts(plan: str) -> bool:
    """Whether a plan sorts rows itself (rather than reading them in an index's order)."""
    return "TEMP B-TREE" in plan or "Sort" in plan


def _reads_no_table_rows(plan: str, index: str) -> bool:
    return f"COVERING INDEX {index}" in plan or f"Index Only Scan using {index}" in plan


def _reads_meetings_by_id(plan: str) -> bool:
    return "SEARCH meetings_meeting USING INTEGER PRIMARY KEY" in plan or (
        "meetings_meeting_pkey" in plan
    )


def test_the_box_near_a_place_is_read_from_one_index_with_attendance_in_it(gazetteer) -> None:
    """The box query reads its index alone, with or without a fellowship chosen (PostgreSQL
    read a table page per meeting in the box until the index included id and fellowship)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from recoverynav.meetings.bulk import refresh_statistics

    # Meetings from Florida to Maine, so the box around Charlottesville is the selective part.
    spread = [
        meeting_record(slug=f"m{i}", latitude=25 + i * 0.08, longitude=-78.49) for i in range(300)
    ]
    import_records(spread)
    refresh_statistics()  # as a big import does
    with CaptureQueriesContext(connection) as queries:
        found = search_meetings(query=MeetingQuery(place="22903", radius_miles=10))
    plans = [_plan(query["sql"]) for query in queries.captured_queries]
    box = next(plan for plan in plans if "meeting_box" in plan)
    with CaptureQueriesContext(connection) as of_a_fellowship:
        search_meetings(query=MeetingQuery(place="22903", radius_miles=10, fellowships=["aa"]))
    plans = [_plan(query["sql"]) for query in of_a_fellowship.captured_queries]
    box_of_a_fellowship = next(plan for plan in plans if "meeting_box" in plan)

    assert found.total_nearby == 3  # 0.08° apart: about 5.5 miles
    # The place, the box, the page's weekly rows, the page's meetings.
    assert len(queries) == 4
    # Sorted by distance in Python, so the database need not sort.
    assert not _sorts(box)
    assert _reads_no_table_rows(box, "meeting_box")
    assert _reads_no_table_rows(box_of_a_fellowship, "meeting_box")


@pytest.mark.usefixtures("meetings")
def test_a_page_sorts_bare_ids_and_reads_whole_rows_for_that_page_only() -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        result = search_meetings(query=MeetingQuery(keyword="serenity"), per_page=1)
    plans = [_plan(query["sql"]) for query in queries.captured_queries]

    assert [m.source_slug for m in result.listings] == ["near"]
    assert result.has_next
    # First whether the keyword index is current, then the index for the page's ids in name
    # order (PostgreSQL first asks its word list how many meetings have the word); then one
    # query for the page's meetings and one for their weekly rows.
    assert len(queries) == (4 if connection.vendor == "sqlite" else 5)
    # The page's ids are chosen and cut first; whole rows are read by id, for them only.
    assert any(_reads_meetings_by_id(plan) for plan in plans)


def test_keyword_search_follows_renamed_removed_and_deleted_meetings(gazetteer) -> None:
    import_records([meeting_record(slug="a", name="Gratitude Group"), meeting_record(slug="b")])
    assert slugs(keyword="gratitude") == ["a"]

    import_records([meeting_record(slug="a", name="Daily Reflections"), meeting_record(slug="b")])
    assert slugs(keyword="gratitude") == []
    assert slugs(keyword="reflections") == ["a"]

    import_records([meeting_record(slug="b", name="Gratitude Again")], force=True)
    assert slugs(keyword="reflections") == []
    assert slugs(keyword="gratitude") == ["b"]

    FeedSource.objects.get(name="test").delete()
    import_records([meeting_record(slug="c", name="New Gratitude")], source="other")
    assert slugs(keyword="gratitude") == ["c"]


def index_finds(word: str) -> set[str]:
    """Meetings the keyword index offers for `word`: every position it hands out must name a
    stored meeting, in name order (SQLite: once FTS5 checked its own index)."""
    assert keywords.keyword_index_is_current()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "INSERT INTO meetings_meeting_words(meetings_meeting_words, rank) "
                "VALUES ('integrity-check', 1)"
            )
            cursor.execute(
                "SELECT o.meeting_id FROM meetings_meeting_words "
                "JOIN meetings_meeting_name_order o ON o.position = meetings_meeting_words.rowid "
                "WHERE meetings_meeting_words MATCH %s ORDER BY meetings_meeting_words.rowid",
                [fts_match([word])],
            )
        else:
            cursor.execute("SELECT active FROM meetings_keyword_index_state")
            table_set = cursor.fetchone()[0]
            cursor.execute(
                f"SELECT o.meeting_id FROM meetings_keyword_words_{table_set} w, "  # noqa: S608
                f"unnest(w.positions) p JOIN meetings_keyword_order_{table_set} o "
                "ON o.position = p WHERE strpos(w.word, %s) > 0 GROUP BY o.position, "
                "o.meeting_id ORDER BY o.position",
                [word],
            )
        ids = [row[0] for row in cursor.fetchall()]
    found = Meeting.objects.filter(pk__in=ids).order_by("name", "pk")
    assert [meeting.pk for meeting in found] == ids
    return {meeting.source_slug for meeting in found}


def mark_keyword_index_out_of_date() -> None:
    """As a write outside the importer and the admin leaves it."""
    Meeting.objects.filter(pk__in=Meeting.objects.values("pk")[:1]).update(name=F("name"))
    assert not keywords.keyword_index_is_current()


def test_the_keyword_index_follows_every_change_to_the_meetings(gazetteer) -> None:
    import_records([meeting_record(slug="a", name="Gratitude Group"), meeting_record(slug="b")])
    assert index_finds("gratitude") == {"a"}

    import_records([meeting_record(slug="a", name="Daily Reflections"), meeting_record(slug="b")])
    assert index_finds("gratitude") == set()
    assert index_finds("reflections") == {"a"}

    import_records([meeting_record(slug="b", name="Gratitude Again")], force=True)
    assert index_finds("reflections") == set()
    assert index_finds("gratitude") == {"b"}

    # Writes outside the importer mark the index out of date (triggers); searches stay right.
    FeedSource.objects.get(name="test").delete()  # a delete that cascades
    assert not keywords.keyword_index_is_current()
    assert slugs(keyword="gratitude") == []
    import_records([meeting_record(slug="c", name="New Gratitude")], source="other")
    assert index_finds("gratitude") == {"c"}
    Meeting.objects.filter(source_slug="c").update(name="New Serenity")  # a rename
    assert not keywords.keyword_index_is_current()
    Meeting.objects.create(source=FeedSource.objects.get(name="other"), name="Late Gratitude")
    assert not keywords.keyword_index_is_current()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's tables and trigger")
def test_postgresql_s_index_is_rebuilt_beside_the_one_in_use_and_marked_stale_by_truncate(
    gazetteer,
) -> None:
    def set_in_use() -> str:
        with connection.cursor() as cursor:
            cursor.execute("SELECT active FROM meetings_keyword_index_state")
            return cursor.fetchone()[0]

    import_records([meeting_record(slug="a", name="Gratitude Group")])
    first = set_in_use()
    import_records([meeting_record(slug="a", name="Courage Group")])
    assert set_in_use() != first  # readers of the other set were never in the way
    assert index_finds("courage") == {"a"}

    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the test's open transaction
        cursor.execute("TRUNCATE meetings_meetingtime, meetings_problemreport, meetings_meeting")
    assert not keywords.keyword_index_is_current()
    assert slugs(keyword="courage") == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's extension")
def test_without_pg_trgm_postgresql_keeps_the_index_out_of_date_and_searches_by_name(
    gazetteer,
) -> None:
    with connection.cursor() as cursor:
        cursor.execute("DROP EXTENSION pg_trgm CASCADE")  # as where the user may not create it
    import_records([meeting_record(slug="a", name="Gratitude Group"), meeting_record(slug="b")])

    assert not keywords.keyword_index_is_current()
    assert slugs(keyword="gratitude") == ["a"]


@pytest.mark.usefixtures("meetings")
@pytest.mark.parametrize("index", ["current", "out of date", "words too common to keep"])
@pytest.mark.parametrize(
    "keyword", ["serenity", "SERENITY zoom", "ser", "en", "rich men", "va 22903", "%", 'x"y']
)
def test_keyword_results_are_the_same_with_or_without_the_text_index(
    index, keyword, monkeypatch
) -> None:
    expected = {
        "serenity": ["near", "online"],
        "SERENITY zoom": ["online"],
        "ser": ["near", "online"],
        "en": ["nearby", "near", "far", "online"],
        "rich men": ["far"],
        "va 22903": ["nearby", "near", "family"],
        "%": [],
        'x"y': [],
    }
    if index == "out of date":
        mark_keyword_index_out_of_date()
    if index == "words too common to keep":  # PostgreSQL keeps no positions: it walks
        monkeypatch.setattr(keywords, "MAX_CANDIDATES", 1)
        keywords.rebuild_keyword_index()

    assert slugs(keyword=keyword) == expected[keyword]


def test_a_keyword_listing_pages_in_name_order_with_every_filter(gazetteer) -> None:
    """The index's order is the listing's order: the same pages, filters and ties (same
    name: by id) as reading every meeting in name order."""
    names = ["Zen Hope", "Hope Anew", "hope", "Big Hope", "Hope Anew", "New Hope", "Hopeful"]
    import_records(
        [
            meeting_record(
                slug=f"m{index}",
                name=name,
                attendance_option=("in_person", "online", "hybrid")[index % 3],
                conference_url="https://zoom.us/j/1" if index % 3 else "",
            )
            for index, name in enumerate(names * 3)
        ]
    )

    def pages(**query) -> list[list[str]]:
        return [
            [
                listing.meeting.source_slug
                for listing in search_meetings(
                    query=MeetingQuery(keyword="hope", page=page, **query), per_page=4
                ).listings
            ]
            for page in (1, 2, 3, 4, 5, 6)
        ]

    chosen = [{}, {"attendance": ["online"]}, {"attendance": ["hybrid", "in_person"]}]
    with_index = [pages(**query) for query in chosen]
    mark_keyword_index_out_of_date()
    without_index = [pages(**query) for query in chosen]

    assert with_index == without_index
    everything = [slug for page in with_index[0] for slug in page]
    by_name = Meeting.objects.order_by("name", "pk").values_list("source_slug", flat=True)
    assert everything == list(by_name)


def test_the_admin_s_saves_and_deletes_leave_the_keyword_index_current(gazetteer, rf) -> None:
    from django.contrib.admin.sites import site

    from recoverynav.meetings.admin import FeedSourceAdmin, MeetingAdmin

    import_records([meeting_record(slug="a", name="Gratitude Group"), meeting_record(slug="b")])
    import_records([meeting_record(slug="c", name="Other Gratitude")], source="other")
    meetings, sources, request = MeetingAdmin(Meeting, site), FeedSourceAdmin(FeedSource, site), rf
    meeting = Meeting.objects.get(source_slug="a")

    meeting.name = "Courage to Change"
    meetings.save_model(request, meeting, form=None, change=True)
    assert index_finds("courage") == {"a"}

    meetings.delete_model(request, meeting)
    assert index_finds("courage") == set()

    sources.delete_queryset(request, FeedSource.objects.filter(name="other"))
    assert index_finds("gratitude") == set()
    assert index_finds("serenity") == {"b"}
