"""WHAT `make bench` measures. Later issues add their lines here; the driver does the rest.

An HTTP line (`Measurement`) is timed over the network against the gunicorn server, interleaved with
all the other lines, checked (status 200 and the number of rows it must show, so a login page or an
error page is never timed as a success), and its SQL queries are counted in-process. A page that is
not a list (a dashboard) is checked by the markers only it renders instead (body="markers").

A non-HTTP benchmark (the conflict check, the notice sweep, a PDF) is a `Section`: a function of the
Context that returns the lines to print under its heading. It runs after the HTTP lines, with the
server stopped; `report.summarize` turns its samples into the same p50/p90/p95 figures.
"""

import gzip
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .portal import Context


class CheckFailed(Exception):
    pass


@dataclass(frozen=True)
class Measurement:
    name: str
    path: str  # formatted with the Context's attributes: "/bench/list/?client={client_id}"
    actor: str | None = None  # a key of Context.actors; None: an anonymous request
    via: str = "session"  # "session": the session cookie; "token": the API token
    body: str = "html"  # how to check: "html" (rows), "json" (results), "text" (exact), "markers" (present)
    rows: str | None = None  # a key of Context.rows: how many rows the answer must show
    text: str = ""  # for body="text": the exact answer
    item: str = ""  # for body="html": what starts a row, when not a <tbody> row ('<li class="tl-item')
    markers: tuple[str, ...] = ()  # for body="markers": strings the page must contain, each of them
    floor: str | None = None  # "hello" / "list": this line is that floor
    budget: float | None = 2.0  # p95 within budget × the list floor's p95; None: no verdict
    gzip: bool = False  # ask as calendar apps do (Accept-Encoding: gzip); the check reads the unzipped body

    def url(self, ctx: Context) -> str:
        return self.path.format(**vars(ctx))

    def headers(self, ctx: Context) -> dict[str, str]:
        headers = {"Accept-Language": "ru"}
        if self.actor:
            headers.update(ctx.actors[self.actor].headers(self.via))
        if self.body == "json":
            headers["Accept"] = "application/json"
        if self.gzip:
            headers["Accept-Encoding"] = "gzip"
        return headers

    def check(self, ctx: Context, status: int, body: bytes) -> None:
        """Raise CheckFailed unless the answer is the page it should be."""
        if status != 200:
            raise CheckFailed(f"{self.name}: {self.url(ctx)} answered HTTP {status}: {body[:300]!r}")
        if self.gzip and body[:2] == b"\x1f\x8b":
            body = gzip.decompress(body)
        if self.body == "text":
            if body.decode() != self.text:
                raise CheckFailed(f"{self.name}: expected {self.text!r}, got {body[:300]!r}")
            return
        if self.body == "markers":
            html = body.decode()
            missing = [marker for marker in self.markers if marker not in html]
            if missing or not self.markers:
                raise CheckFailed(f"{self.name}: {self.url(ctx)} lacks {missing or 'markers'}: {body[:300]!r}")
            return
        found = count_rows(self.body, body, self.item)
        expected = ctx.rows[self.rows] if self.rows else None
        if expected is not None and found != expected:
            raise CheckFailed(f"{self.name}: {self.url(ctx)} shows {found} rows, expected {expected}: {body[:300]!r}")


def count_rows(kind: str, body: bytes, item: str = "") -> int:
    if kind == "json":
        return len(json.loads(body)["results"])
    html = body.decode()
    if item:
        return html.count(item)
    match = re.search(r"<tbody>(.*?)</tbody>", html, re.DOTALL)
    if match is None:
        raise CheckFailed(f"no <tbody> in the page: {html[:300]!r}")
    return match.group(1).count("<tr") - match.group(1).count('class="empty"')


FLOORS = [
    Measurement("floor: hello", "/bench/hello/", body="text", text="ok", floor="hello", budget=None),
    Measurement(
        "floor: list (50 rows)",
        "/bench/list/?client={client_id}",
        rows="client_tasks",
        floor="list",
        budget=None,
    ),
]

PAGES = [
    Measurement("client: task list", "/tasks/", actor="client", rows="client_tasks"),
    Measurement("lead: inbox", "/tasks/inbox/", actor="lead", rows="lead_inbox"),
    Measurement("API: task list", "/api/tasks/", actor="client", via="token", body="json", rows="client_tasks"),
    # The measured client's busiest matter (BUSY_EVENTS lines), newest first: a page of 50.
    Measurement(
        "client: matter timeline",
        "/matters/{timeline_matter_id}/timeline/",
        actor="client",
        item='<li class="tl-item',
        rows="client_timeline",
    ),
    Measurement(
        "API: matter timeline",
        "/api/matters/{timeline_matter_id}/timeline/",
        actor="client",
        via="token",
        body="json",
        rows="client_timeline",
    ),
    # The dashboards (the home page): the client's card for each open matter with what is new and
    # what is needed from it (a receipt to confirm, a risk to acknowledge, a message to read); the
    # lead's panels of work waiting (results to release, unread messages, overdue receipts), listed.
    Measurement(
        "client: dashboard",
        "/",
        actor="client",
        body="markers",
        markers=('class="card dash-matter"', 'class="needed-confirm"', 'class="needed-risk"', 'class="needed-message"'),
    ),
    Measurement(
        "lead: dashboard",
        "/",
        actor="lead",
        body="markers",
        markers=('class="card dash-panel"', 'id="release-title"', 'id="overdue-title"', '<ul class="dash-list">'),
    ),
    # The calendar (bench/calendar_data.py): the lead's month of hearings and deadlines, and the lead's
    # iCalendar feed (90 days back, 400 ahead: its heaviest reader), fetched without a session, with
    # Accept-Encoding: gzip as Google, Apple and Outlook calendars ask for it (3.5 MB of text, 0.23 MB sent).
    # The invoices (bench/billing_data.py): the client's own (issued ones, three on each of its matters
    # besides the firm-wide sample) and the partner's list of the firm's, newest first (fifty a page).
    Measurement("client: invoice list", "/invoices/", actor="client", item='<tr id="invoice-', rows="client_invoices"),
    Measurement(
        "partner: invoice list", "/invoices/", actor="partner", item='<tr id="invoice-', rows="partner_invoices"
    ),
    # The acts of services rendered (bench/act_data.py): the client's own (one for each of the last three
    # months on each of its matters besides the firm-wide sample, corrections too) and the partner's list of
    # the firm's, newest first (fifty a page, as the invoice lists).
    Measurement("client: act list", "/acts/", actor="client", item='<tr id="act-', rows="client_acts"),
    Measurement("partner: act list", "/acts/", actor="partner", item='<tr id="act-', rows="partner_acts"),
    Measurement(
        "lead: calendar (month)",
        "/calendar/?view=month",
        actor="lead",
        body="markers",
        markers=('<table class="cal-month"', 'class="cal-entry'),
    ),
    Measurement(
        "lead: calendar feed (iCalendar)",
        "{extra[lead_feed]}",
        body="markers",
        gzip=True,
        markers=("BEGIN:VCALENDAR", "BEGIN:VTIMEZONE", "BEGIN:VEVENT", "BEGIN:VALARM"),
    ),
]

# The partner's view (issue 13): revenue, receivables, unbilled work, overdue advances and hours, each
# aggregated in SQL over the whole firm (a fixed number of queries), and the same figures as JSON.
PAGES += [
    Measurement(
        "partner: the partner's view",
        "/partner/",
        actor="partner",
        body="markers",
        markers=('id="chart-revenue"', 'id="revenue-table"', 'id="chart-receivables"', 'id="exports"'),
    ),
    Measurement(
        "API: the partner's view",
        "/api/partner/",
        actor="partner",
        via="token",
        body="markers",
        markers=('"revenue"', '"receivables"', '"unbilled"', '"advances"', '"hours"'),
    ),
]

MEASUREMENTS: list[Measurement] = [*FLOORS, *PAGES]


@dataclass(frozen=True)
class Section:
    name: str
    run: Callable[[Context], Iterable[str]]


def _conflict_check(ctx: Context) -> Iterable[str]:
    from . import conflicts

    return conflicts.section(ctx)


def _invoice_pdf(ctx: Context) -> Iterable[str]:
    from . import billing_data

    return billing_data.pdf_section(ctx)


def _work_report(ctx: Context) -> Iterable[str]:
    from . import work_report

    return work_report.section(ctx)


SECTIONS: list[Section] = [
    Section("Conflict check over a million names", _conflict_check),
    Section("Invoice PDF against bare WeasyPrint of the same HTML (budget 1.2×)", _invoice_pdf),
    Section("The 50-page work report against bare WeasyPrint", _work_report),
]
