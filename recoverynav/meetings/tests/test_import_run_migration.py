"""The move of ImportRun to the shared vocabulary keeps every run already recorded: status,
message and rejections come back as succeeded, errors and notes, and the way back restores
them."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("meetings", "0008_problem_reports_like_the_directorys")]
AFTER = [("meetings", "0010_import_run_old_columns_removed")]
STARTED = dt.datetime(2026, 11, 30, 16, 50, tzinfo=dt.UTC)


def migrated_to(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


@pytest.fixture
def old_runs(transactional_db):
    apps = migrated_to(BEFORE)
    source = apps.get_model("meetings", "FeedSource").objects.create(name="intergroup")
    runs = apps.get_model("meetings", "ImportRun").objects
    runs.create(
        source=source,
        started_at=STARTED,
        finished_at=STARTED + dt.timedelta(seconds=3),
        status="success",
        created=4,
        rejected=2,
        message="intergroup: 6 meetings in the feed; 4 created.\n12: no street address",
        rejections="7: no day\n9: no time",
    )
    runs.create(
        source=source,
        started_at=STARTED + dt.timedelta(days=1),
        status="failed",
        message="The feed is not valid JSON: Expecting value",
    )
    yield
    migrated_to(_latest())


def _latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def test_every_recorded_run_keeps_its_outcome_reasons_and_notes(old_runs) -> None:
    apps = migrated_to(AFTER)

    succeeded, failed = apps.get_model("meetings", "ImportRun").objects.order_by("started")
    assert (succeeded.succeeded, succeeded.created, succeeded.rejected) == (True, 4, 2)
    assert succeeded.started == STARTED
    assert succeeded.finished == STARTED + dt.timedelta(seconds=3)
    assert succeeded.errors == ["7: no day", "9: no time"]
    assert succeeded.notes == [
        "intergroup: 6 meetings in the feed; 4 created.",
        "12: no street address",
    ]
    assert not failed.succeeded
    assert failed.errors == ["The feed is not valid JSON: Expecting value"]
    assert failed.notes == []


def test_the_way_back_restores_the_old_columns(old_runs) -> None:
    migrated_to(AFTER)
    apps = migrated_to(BEFORE)

    succeeded, failed = apps.get_model("meetings", "ImportRun").objects.order_by("started_at")
    assert succeeded.status == "success"
    assert succeeded.rejections == "7: no day\n9: no time"
    assert succeeded.message.endswith("12: no street address")
    assert (failed.status, failed.message) == (
        "failed",
        "The feed is not valid JSON: Expecting value",
    )
