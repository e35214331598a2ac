"""Meeting problem reports took the directory's shape (migration 0008): nothing stored before
is lost, and the way back restores it."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("meetings", "0007_source_title_for_visitors")]
AFTER = [("meetings", "0008_problem_reports_like_the_directorys")]


def migrated_to(target: list) -> object:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


@pytest.fixture
def at_the_latest_afterwards():
    """Whatever happens, the database ends at the newest migrations: the tests after this one
    share it (migrating only to AFTER left the later import-run migrations unapplied)."""
    yield
    migrated_to(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_stored_reports_keep_their_words_date_and_state_both_ways(at_the_latest_afterwards) -> None:
    old = migrated_to(BEFORE)
    source = old.get_model("meetings", "FeedSource").objects.create(name="test")
    meeting = old.get_model("meetings", "Meeting").objects.create(
        source=source, source_slug="m", slug="m", name="Serenity at Noon"
    )
    reports = old.get_model("meetings", "ProblemReport").objects
    waiting = reports.create(meeting=meeting, message="It moved to the library.")
    done = reports.create(meeting=meeting, message="Wrong time.", status="done")
    stamp = reports.get(pk=waiting.pk).created_at

    new = migrated_to(AFTER)
    after = {r.pk: r for r in new.get_model("meetings", "ProblemReport").objects.all()}

    assert (after[waiting.pk].details, after[waiting.pk].status) == (
        "It moved to the library.",
        "new",
    )
    assert (after[done.pk].details, after[done.pk].status) == ("Wrong time.", "resolved")
    assert {report.kind for report in after.values()} == {"other"}
    assert after[waiting.pk].created == stamp

    back = migrated_to(BEFORE)
    restored = back.get_model("meetings", "ProblemReport").objects.get(pk=done.pk)
    assert (restored.message, restored.status) == ("Wrong time.", "done")
