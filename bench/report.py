"""Percentiles and the printed table."""

import statistics
from dataclasses import dataclass


@dataclass(frozen=True)
class Summary:
    n: int
    p50: float  # milliseconds
    p90: float
    p95: float
    mean: float


def summarize(seconds: list[float]) -> Summary:
    """p50/p90/p95 in milliseconds of timings in seconds."""
    ms = sorted(s * 1000 for s in seconds)
    if len(ms) < 2:
        only = ms[0] if ms else float("nan")
        return Summary(len(ms), only, only, only, only)
    cuts = statistics.quantiles(ms, n=100, method="inclusive")
    return Summary(n=len(ms), p50=cuts[49], p90=cuts[89], p95=cuts[94], mean=statistics.fmean(ms))


@dataclass
class Row:
    name: str
    path: str
    summary: Summary
    queries: int | None
    sql_ms: float | None  # in-process: the time its queries took
    request_ms: float | None  # in-process: the whole request without the network and gunicorn
    budget: float | None  # p95 within budget × list floor p95; None for the floors


def verdict(row: Row, list_floor: Summary) -> str:
    if row.budget is None:
        return "floor"
    ratio = row.summary.p95 / list_floor.p95
    if ratio <= row.budget:
        return f"within {row.budget:g}× list floor"
    return f"over budget ({row.budget:g}× list floor)"


COLUMNS = [  # title, width, right-aligned
    ("page", 23, False),
    ("path", 24, False),
    ("p50 ms", 7, True),
    ("p90 ms", 7, True),
    ("p95 ms", 7, True),
    ("×hello", 7, True),
    ("×list", 6, True),
    ("SQL", 3, True),
    ("SQL ms", 6, True),
    ("in-proc", 7, True),
    ("verdict", 0, False),
]


def table(rows: list[Row], hello: Summary, list_floor: Summary) -> str:
    """p50/p90/p95 over HTTP; ×hello and ×list: p95 over the floor's p95. In-process: the SQL query
    count, the time those queries took and the whole request's time without the network (medians)."""
    lines = [_line([title for title, _, _ in COLUMNS])]
    lines.append("-" * len(lines[0]))
    for row in rows:
        s = row.summary
        lines.append(
            _line(
                [
                    row.name,
                    _cut(row.path, 24),
                    f"{s.p50:.2f}",
                    f"{s.p90:.2f}",
                    f"{s.p95:.2f}",
                    f"{s.p95 / hello.p95:.1f}",
                    f"{s.p95 / list_floor.p95:.2f}",
                    _or_dash(row.queries, "{}"),
                    _or_dash(row.sql_ms, "{:.2f}"),
                    _or_dash(row.request_ms, "{:.2f}"),
                    verdict(row, list_floor),
                ]
            )
        )
    return "\n".join(lines)


def _line(cells: list[str]) -> str:
    out = []
    for cell, (_, width, right) in zip(cells, COLUMNS, strict=True):
        out.append(cell.rjust(width) if right else cell.ljust(width))
    return " ".join(out).rstrip()


def _or_dash(value, fmt: str) -> str:
    return "-" if value is None else fmt.format(value)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
