"""The step run's plan and verdicts, locust's CSV read back, memory samples summed up: pure functions.

No locust and no Django here, so the unit tests (tests/bench/test_load_plan.py) run in the main suite.
"""

import csv
from dataclasses import dataclass
from pathlib import Path

AGGREGATED = "Aggregated"


def steps(*, start: int, step: int, most: int) -> list[int]:
    """User counts of the step run: start, start + step, ... up to `most` inclusive."""
    if start < 1 or step < 1 or most < start:
        raise ValueError("need 1 <= start <= most and step >= 1")
    return list(range(start, most + 1, step))


@dataclass(frozen=True)
class Line:
    """One row of locust's *_stats.csv: a request type, or the Aggregated row."""

    kind: str  # "GET", "POST", "" for the aggregate
    name: str
    requests: int
    failures: int
    p50_ms: float
    p95_ms: float
    rps: float

    @property
    def label(self) -> str:
        return self.name if not self.kind else f"{self.kind} {self.name}"


def _number(value: str) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):  # "N/A" when a request type has no samples
        return 0.0


def read_stats(path: Path) -> list[Line]:
    """locust's `<prefix>_stats.csv` as Lines, the Aggregated row last."""
    with Path(path).open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [
        Line(
            kind=row.get("Type", ""),
            name=row["Name"],
            requests=int(_number(row["Request Count"])),
            failures=int(_number(row["Failure Count"])),
            p50_ms=_number(row["50%"]),
            p95_ms=_number(row["95%"]),
            rps=_number(row["Requests/s"]),
        )
        for row in rows
    ]


def aggregate(lines: list[Line]) -> Line:
    for line in lines:
        if line.name == AGGREGATED:
            return line
    raise ValueError("locust's stats have no Aggregated row")


@dataclass(frozen=True)
class Verdict:
    users: int
    held: bool
    reason: str


def verdict(users: int, total: Line, *, p95_limit_ms: float) -> Verdict:
    """A step holds when it answered something, without a single failure, at p95 under the limit."""
    if total.requests == 0:
        return Verdict(users, False, "no request was answered")
    if total.failures:
        return Verdict(users, False, f"{total.failures} failed requests of {total.requests}")
    if total.p95_ms >= p95_limit_ms:
        return Verdict(users, False, f"p95 {total.p95_ms:.0f} ms >= {p95_limit_ms:.0f} ms")
    return Verdict(users, True, f"p95 {total.p95_ms:.0f} ms, {total.rps:.1f} requests/s, no failures")


def highest_held(verdicts: list[Verdict]) -> int:
    """The user count of the last step that held before the first that did not (0: none held)."""
    best = 0
    for v in verdicts:
        if not v.held:
            break
        best = v.users
    return best


@dataclass(frozen=True)
class Memory:
    start_mb: float
    end_mb: float
    max_mb: float

    @property
    def growth(self) -> float:
        return (self.end_mb - self.start_mb) / self.start_mb if self.start_mb else 0.0

    def flat(self, *, tolerance: float = 0.10, slack_mb: float = 10.0) -> bool:
        """Flat: the end within `tolerance` (or `slack_mb`, whichever is larger) of the start."""
        return self.end_mb - self.start_mb <= max(self.start_mb * tolerance, slack_mb)


def memory(samples_kb: list[int]) -> Memory:
    """Start, end and maximum of RSS samples (kB), in MB."""
    if not samples_kb:
        raise ValueError("no memory samples")
    mb = [s / 1024 for s in samples_kb]
    return Memory(start_mb=mb[0], end_mb=mb[-1], max_mb=max(mb))


def rss_kb(pid: int, proc: Path = Path("/proc")) -> int | None:
    """VmRSS of a process in kB from /proc/<pid>/status (None when it is gone)."""
    try:
        text = (proc / str(pid) / "status").read_text()
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return None
