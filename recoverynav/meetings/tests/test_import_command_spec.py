"""Importing a feed as an operator does, with `import_meetings`: what each run prints, what
it keeps, and the words for each way a feed can be wrong. Everything goes through the
command, so the specification holds however the import is organized inside."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from recoverynav.meetings.models import FeedSource, Meeting, ProblemReport
from recoverynav.meetings.tests.conftest import meeting_record

pytestmark = pytest.mark.django_db


def feed(tmp_path: Path, records, name: str = "feed.json") -> Path:
    path = tmp_path / name
    path.write_text(records if isinstance(records, str) else json.dumps(records), encoding="utf-8")
    return path


def run(path: Path, *options: str, source: str = "cville") -> str:
    out = io.StringIO()
    call_command("import_meetings", str(path), "--source", source, *options, stdout=out)
    return out.getvalue()


def records(count: int) -> list[dict]:
    return [meeting_record(slug=f"m{n}", name=f"Meeting {n}") for n in range(count)]


def test_a_first_import_counts_every_meeting_it_created(tmp_path) -> None:
    output = run(feed(tmp_path, records(3)))

    assert "cville: 3 meetings in the feed; 3 created, 0 updated, 0 unchanged, 0 removed" in output
    assert Meeting.objects.count() == 3


def test_the_same_feed_again_changes_nothing(tmp_path) -> None:
    path = feed(tmp_path, records(3))
    run(path)

    output = run(path)

    assert "0 created, 0 updated, 3 unchanged, 0 removed, 0 rejected." in output


def test_a_changed_meeting_is_updated_in_place_keeping_its_page(tmp_path) -> None:
    run(feed(tmp_path, records(2)))
    page_slug = Meeting.objects.get(source_slug="m0").slug
    changed = records(2)
    changed[0]["name"] = "Renamed Meeting"

    output = run(feed(tmp_path, changed))

    assert "1 updated, 1 unchanged" in output
    assert Meeting.objects.get(slug=page_slug).name == "Renamed Meeting"


def test_a_dry_run_reports_and_saves_neither_meetings_nor_the_source(tmp_path) -> None:
    output = run(feed(tmp_path, records(2)), "--dry-run", source="trial")

    assert output.strip().splitlines()[-1].startswith("Dry run, nothing saved: trial:")
    assert not Meeting.objects.exists()
    assert not FeedSource.objects.filter(name="trial").exists()


def test_more_than_fifty_rejections_are_summed_up(tmp_path) -> None:
    bad = [meeting_record(slug=f"bad{n}", day=9) for n in range(53)]

    output = run(feed(tmp_path, [*records(1), *bad]))

    assert output.count("Rejected ") == 50
    assert "… and 3 more rejected." in output


def test_a_feed_with_no_valid_meeting_changes_nothing_and_says_so(tmp_path) -> None:
    run(feed(tmp_path, records(2)))

    with pytest.raises(CommandError):
        run(feed(tmp_path, [meeting_record(slug="x", day=9)]))

    assert Meeting.objects.count() == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "The feed is not valid JSON"),
        ('{"meetings": []}', "must be a JSON list of meetings (Meeting Guide format), not a dict"),
        ('"text"', "not a str"),
    ],
)
def test_a_feed_that_is_not_a_list_of_meetings_is_refused_with_what_it_is(
    tmp_path, content: str, message: str
) -> None:
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        run(feed(tmp_path, content))


def test_a_failed_run_is_remembered_on_the_source_and_cleared_by_the_next_success(tmp_path):
    run(feed(tmp_path, records(2)))
    with pytest.raises(CommandError):
        run(feed(tmp_path, "{not json", name="broken.json"))
    failed = FeedSource.objects.get(name="cville")

    run(feed(tmp_path, records(2), name="fixed.json"))

    assert "not valid JSON" in failed.last_error
    source = FeedSource.objects.get(name="cville")
    assert (source.last_error, source.meeting_count) == ("", 2)
    assert source.last_success_at is not None


def test_removing_more_than_half_needs_force(tmp_path) -> None:
    run(feed(tmp_path, records(4)))

    with pytest.raises(CommandError, match="would remove 3 of the 4 stored meetings of cville"):
        run(feed(tmp_path, records(1)))
    output = run(feed(tmp_path, records(1)), "--force")

    assert "3 removed" in output
    assert Meeting.objects.count() == 1


def test_a_removed_meeting_takes_its_open_problem_reports_with_it(tmp_path) -> None:
    run(feed(tmp_path, records(2)))
    gone = Meeting.objects.get(source_slug="m1")
    ProblemReport.objects.create(meeting=gone, kind="moved", details="Moved to Tuesdays")

    run(feed(tmp_path, records(1)), "--force")

    assert not ProblemReport.objects.exists()


def test_two_sources_keep_their_own_meetings_with_the_same_feed_slugs(tmp_path) -> None:
    path = feed(tmp_path, records(2))

    run(path, source="north")
    run(path, source="south")

    assert Meeting.objects.count() == 4
    assert Meeting.objects.filter(source_slug="m0").values("slug").distinct().count() == 2


def test_options_given_again_update_the_registered_source(tmp_path) -> None:
    path = feed(tmp_path, records(1))
    run(path, "--timezone", "America/Chicago")

    run(path, "--fellowship", "na")

    source = FeedSource.objects.get(name="cville")
    assert (source.default_timezone, source.fellowship) == ("America/Chicago", "na")


def test_a_dry_run_does_not_change_the_registered_source(tmp_path) -> None:
    path = feed(tmp_path, records(1))
    run(path, "--fellowship", "aa")

    run(path, "--fellowship", "na", "--dry-run")

    assert FeedSource.objects.get(name="cville").fellowship == "aa"


@pytest.mark.parametrize("name", ["_starts-with-underscore", "UPPER", "a" * 51, "with space", ""])
def test_a_source_name_must_be_short_lower_case_letters_digits_and_dashes(tmp_path, name) -> None:
    with pytest.raises(CommandError, match="--source must be a short name"):
        run(feed(tmp_path, records(1)), source=name)
