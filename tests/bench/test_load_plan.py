"""The load test's plan and verdicts (bench/load/plan.py): pure, no locust, no database."""

import pytest

from bench.load.plan import Line, Verdict, aggregate, highest_held, memory, read_stats, rss_kb, steps, verdict

HEADER = (
    "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,"
    "Max Response Time,Average Content Size,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%"
)
STATS = "\n".join(
    [
        HEADER,
        "GET,client: dashboard,120,0,40,45,10,300,9000,4.0,0.0,40,50,60,70,90,110,150,190,300,300,300",
        "POST,lead: accept,10,1,80,85,40,200,500,0.3,0.03,80,90,100,110,150,190,200,200,200,200,200",
        ",Aggregated,130,1,42,48,10,300,8000,4.3,0.03,42,55,65,75,95,120,160,190,300,300,300",
    ]
)


def _line(requests=100, failures=0, p95=120.0):
    return Line(kind="", name="Aggregated", requests=requests, failures=failures, p50_ms=40, p95_ms=p95, rps=3.3)


def test_steps():
    assert steps(start=10, step=10, most=50) == [10, 20, 30, 40, 50]
    assert steps(start=5, step=10, most=30) == [5, 15, 25]
    with pytest.raises(ValueError):
        steps(start=0, step=10, most=50)
    with pytest.raises(ValueError):
        steps(start=60, step=10, most=50)


def test_locust_stats_are_read_back(tmp_path):
    path = tmp_path / "run_stats.csv"
    path.write_text(STATS, encoding="utf-8")
    lines = read_stats(path)
    assert [line.label for line in lines] == ["GET client: dashboard", "POST lead: accept", "Aggregated"]
    total = aggregate(lines)
    assert (total.requests, total.failures, total.p50_ms, total.p95_ms) == (130, 1, 42.0, 120.0)
    with pytest.raises(ValueError):
        aggregate(lines[:2])


def test_a_step_holds_only_without_failures_and_under_the_limit():
    assert verdict(30, _line(), p95_limit_ms=200).held
    assert not verdict(30, _line(p95=200.0), p95_limit_ms=200).held  # at the limit is over it
    assert not verdict(30, _line(failures=1), p95_limit_ms=200).held
    assert not verdict(30, _line(requests=0), p95_limit_ms=200).held


def test_the_highest_load_held_is_the_last_step_before_the_first_that_fails():
    runs = [Verdict(10, True, ""), Verdict(20, True, ""), Verdict(30, False, ""), Verdict(40, True, "")]
    assert highest_held(runs) == 20
    assert highest_held([Verdict(10, False, "")]) == 0
    assert highest_held([]) == 0


def test_memory_is_flat_within_ten_per_cent_or_ten_megabytes():
    flat = memory([200 * 1024, 230 * 1024, 215 * 1024])
    assert (flat.start_mb, flat.end_mb, flat.max_mb) == (200.0, 215.0, 230.0) and flat.flat()
    assert not memory([200 * 1024, 260 * 1024]).flat()
    assert memory([50 * 1024, 59 * 1024]).flat()  # small processes: 10 MB of slack
    with pytest.raises(ValueError):
        memory([])


def test_rss_is_read_from_proc(tmp_path):
    (tmp_path / "42").mkdir()
    (tmp_path / "42" / "status").write_text("Name:\tgunicorn\nVmRSS:\t  204800 kB\n")
    assert rss_kb(42, proc=tmp_path) == 204800
    assert rss_kb(43, proc=tmp_path) is None
