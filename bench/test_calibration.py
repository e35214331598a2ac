"""The figures' arithmetic: which are durations or rates and their multiples of the calibration,
and the feed-load goal."""

from bench import calibration

MEASURED = {"constant_view_ms": 0.2, "cpu_loop_ms": 100.0, "load_average": 1.0}


def test_durations_are_given_as_multiples_of_both_yardsticks() -> None:
    found = calibration.calibrated({"sqlite": {"import": {"import_s": 24.4}}}, MEASURED)
    assert found == {
        "sqlite.import.import_s": {
            "value": 24.4,
            "unit": "s",
            "constant_views": 122000.0,
            "cpu_loops": 244.0,
        }
    }


def test_search_percentiles_and_budgets_are_milliseconds() -> None:
    figures = {"search_ms": {"keyword": {"queries": 200, "p50": 1.0, "p95": 2.0, "target_p95": 10}}}
    found = calibration.calibrated(figures, MEASURED)
    assert sorted(found) == [
        "search_ms.keyword.p50",
        "search_ms.keyword.p95",
        "search_ms.keyword.target_p95",
    ]
    assert found["search_ms.keyword.target_p95"]["constant_views"] == 50.0
    assert found["search_ms.keyword.p50"]["cpu_loops"] == 0.01


def test_a_rate_is_requests_per_yardstick() -> None:
    found = calibration.calibrated({"home": {"req_per_s": 3000.0}}, MEASURED)
    assert found["home.req_per_s"]["unit"] == "1/s"
    assert found["home.req_per_s"]["constant_views"] == 0.6
    assert found["home.req_per_s"]["cpu_loops"] == 300.0


def test_a_table_of_timings_takes_its_unit_from_the_table() -> None:
    found = calibration.calibrated({"per_page_render_ms": {"/": 1.0, "/es/": 2.0}}, MEASURED)
    assert found["per_page_render_ms./"]["unit"] == "ms"
    assert found["per_page_render_ms./es/"]["constant_views"] == 10.0


def test_counts_shares_ratios_and_flags_are_left_alone() -> None:
    figures = {
        "stored": 250000,
        "share_with_phone": 0.99,
        "ratio_to_baseline": 0.3,
        "meets_target": True,
        "feed_mb": 6.1,
        "calibration": MEASURED,
    }
    assert calibration.calibrated(figures, MEASURED) == {}


def test_the_cpu_loop_is_fixed_work() -> None:
    assert calibration.cpu_loop() == calibration.cpu_loop()


def test_the_feed_load_goal_is_p99_under_load_at_most_three_times_idle() -> None:
    from bench.http_feed_load import feed_load_verdict

    idle = {"p99_ms": 10.0, "errors": 0}
    assert feed_load_verdict(idle, {"p99_ms": 30.0, "errors": 0})["goal_met"] is True
    assert feed_load_verdict(idle, {"p99_ms": 30.1, "errors": 0})["goal_met"] is False
    assert feed_load_verdict(idle, {"p99_ms": 12.0, "errors": 1})["goal_met"] is False
    missing = feed_load_verdict({"p99_ms": None, "errors": 0}, {"p99_ms": 5.0, "errors": 0})
    assert missing == {
        "p99_under_load_to_idle": None,
        "goal": "p99 under load <= 3 x idle",
        "goal_met": False,
    }
