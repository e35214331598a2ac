"""The one rate limiter (core/ratelimit.py) and the one network hash (core/client_address.py):
budgets per key, windows that end, counts shared by every worker, and no address kept."""

import datetime as dt
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import DatabaseError
from django.test import RequestFactory

from recoverynav.core import ratelimit
from recoverynav.core.checks import check_rate_limits
from recoverynav.core.client_address import address_key, network_key
from recoverynav.core.models import RateCounter
from recoverynav.core.ratelimit import Budget

pytestmark = pytest.mark.django_db

NOON = dt.datetime(2026, 12, 5, 12, 0, tzinfo=dt.UTC)
THREE = Budget(3, 600)


def hits(times: int, *, key: str = "test:k", budget=THREE, at=NOON) -> list[bool]:
    return [ratelimit.hit(key=key, budget=budget, now=at).allowed for _ in range(times)]


@pytest.mark.parametrize(
    ("text", "budget"),
    [("5/600", Budget(5, 600)), (" 10/3600", Budget(10, 3600)), ("off", None), ("OFF", None)],
)
def test_it_reads_a_budget_as_count_per_seconds(text: str, budget) -> None:
    assert Budget.parse(text) == budget


@pytest.mark.parametrize("text", ["five per minute", "10", "0/600", "5/0", "-1/60", "5/ten"])
def test_a_mistyped_budget_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"."):
        Budget.parse(text)


def test_a_mistyped_budget_in_settings_stops_the_start(rate_limits) -> None:
    rate_limits(api="120 a minute")

    assert [problem.id for problem in check_rate_limits(None)] == ["recoverynav.E005"]


def test_a_replaced_setting_is_named_with_its_replacement(monkeypatch) -> None:
    monkeypatch.setenv("DIRECTORY_REPORTS_PER_HOUR", "5")

    (warning,) = check_rate_limits(None)

    assert warning.id == "recoverynav.W001"
    assert "RATE_LIMIT_PROBLEM_REPORT" in warning.hint


def test_it_allows_the_budget_and_refuses_the_next_with_the_wait() -> None:
    assert hits(3) == [True, True, True]

    refused = ratelimit.hit(key="test:k", budget=THREE, now=NOON + dt.timedelta(seconds=100))

    assert not refused.allowed
    assert refused.retry_after == 500  # the window began at the first count


def test_the_window_ends_and_counting_starts_again() -> None:
    hits(4)

    assert hits(3, at=NOON + dt.timedelta(seconds=600)) == [True, True, True]


def test_keys_are_counted_apart() -> None:
    hits(3, key="test:a")

    assert hits(1, key="test:b") == [True]


def test_an_off_budget_counts_nothing() -> None:
    assert all(hits(50, budget=None))
    assert not RateCounter.objects.exists()


def test_peek_does_not_count_and_reset_forgets() -> None:
    hits(2)
    assert ratelimit.peek(key="test:k", budget=THREE, now=NOON).allowed
    hits(1)
    assert not ratelimit.peek(key="test:k", budget=THREE, now=NOON).allowed

    ratelimit.reset(key="test:k")

    assert hits(3) == [True, True, True]


def test_a_refund_gives_one_back() -> None:
    hits(3)
    ratelimit.refund(key="test:k", now=NOON)

    assert hits(2) == [True, False]


def test_ended_windows_are_pruned() -> None:
    hits(1, key="test:old")
    hits(1, key="test:new", at=NOON + dt.timedelta(seconds=300))

    assert ratelimit.prune(now=NOON + dt.timedelta(seconds=700)) == 1
    assert list(RateCounter.objects.values_list("key", flat=True)) == ["test:new"]


def test_counting_prunes_now_and_then(monkeypatch) -> None:
    hits(1, key="test:old")
    monkeypatch.setattr(ratelimit, "_next_prune", 0.0)

    hits(1, key="test:new", at=NOON + dt.timedelta(hours=1))

    assert list(RateCounter.objects.values_list("key", flat=True)) == ["test:new"]


@pytest.mark.django_db(transaction=True)
def test_it_counts_the_same_outside_any_transaction() -> None:
    """As in production (no test transaction around it); on PostgreSQL this is the statement
    that does not wait for the WAL flush."""
    assert hits(4) == [True, True, True, False]
    assert RateCounter.objects.get(key="test:k").count == 4


def test_a_shared_cache_counts_the_same_way(settings) -> None:
    settings.RATE_LIMIT_CACHE = "default"
    cache.clear()

    assert hits(3) == [True, True, True]
    assert not RateCounter.objects.exists()
    ratelimit.refund(key="test:k")
    assert hits(2) == [True, False]
    ratelimit.reset(key="test:k")
    assert ratelimit.peek(key="test:k", budget=THREE).allowed


def test_a_database_that_cannot_count_lets_the_request_through(monkeypatch) -> None:
    def locked(*args, **kwargs):
        raise DatabaseError("database is locked")

    monkeypatch.setattr(ratelimit, "_hit_database", locked)

    assert hits(5) == [True] * 5


WORKER = textwrap.dedent(
    """
    import sys
    import django
    django.setup()
    from django.db import connection
    from recoverynav.core import ratelimit
    from recoverynav.core.models import RateCounter
    if sys.argv[1] == "create":
        with connection.schema_editor() as editor:
            editor.create_model(RateCounter)
    else:
        budget = ratelimit.Budget(5, 3600)
        print(sum(ratelimit.hit(key="problem_report:x", budget=budget).allowed for _ in range(10)))
    """
)


def test_two_worker_processes_share_one_count(tmp_path: Path) -> None:
    """Issue 19: the facility report limit of 5 let 10 through, counted per worker. Two
    separate processes (as two gunicorn workers) each try 10 reports on one database."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "recoverynav.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'shared.sqlite3'}",
    }
    run = [sys.executable, "-c", WORKER]
    subprocess.run([*run, "create"], env=env, check=True)  # noqa: S603 (our own script)
    workers = [
        subprocess.Popen([*run, "hit"], env=env, stdout=subprocess.PIPE, text=True)  # noqa: S603
        for _ in range(2)
    ]

    allowed = [int(worker.communicate(timeout=120)[0]) for worker in workers]

    assert sum(allowed) == 5


def test_the_network_key_shortens_hashes_and_rotates_daily() -> None:
    one = RequestFactory().get("/", REMOTE_ADDR="198.51.100.7")
    neighbour = RequestFactory().get("/", REMOTE_ADDR="198.51.100.250")
    elsewhere = RequestFactory().get("/", REMOTE_ADDR="198.51.101.7")
    tomorrow = NOON + dt.timedelta(days=1)

    key = network_key(one, "report", now=NOON)

    assert key == network_key(neighbour, "report", now=NOON)  # the same /24
    assert key != network_key(elsewhere, "report", now=NOON)
    assert key != network_key(one, "api", now=NOON)  # each purpose its own key
    assert key != network_key(one, "report", now=tomorrow)
    assert len(key) == 64
    assert "198" not in key
    assert address_key("2001:db8:abcd:1::1", "x", now=NOON) == address_key(
        "2001:db8:abcd:ffff::9", "x", now=NOON
    )


def test_every_budget_is_documented_with_its_default(settings) -> None:
    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")

    missing = [
        route
        for route, default in settings.RATE_LIMIT_DEFAULTS.items()
        if f"| `RATE_LIMIT_{route.upper()}` | `{default}` |" not in readme
    ]

    assert missing == []
    assert "`RATE_LIMIT_CACHE_URL`" in readme
