"""Billing's part of the bench data set: invoices with their lines, and the invoice PDF section.

1. The invoices (`ensure_invoices`, its own marker table `bench_invoices`, so a data set generated before
   it gets them without generating the tasks again): one invoice per INVOICE_EVERY matters across the
   firm (5,000 at full size), plus MEASURED_PER_MATTER on each matter of the measured client (so that
   its list has rows to show, whatever the sampling gave it). Each has LINES lines (time, expense,
   fixed fee) and its totals are their sum. Statuses as a working firm has them: one in ten a draft,
   half paid, some partly paid or waiting, a few cancelled; issued ones carry a gapless number per
   year of issue (YYYY-NNNN).
2. The PDF section (`pdf_section`): one issued invoice rendered the way the worker renders it
   (billing.pdf.invoice_pdf → core.pdf.render_pdf, with its static-only URL fetcher and the cached font
   configuration) against the floor — `weasyprint.HTML(string=html).write_pdf()` of the identical HTML,
   nothing else — several runs each, interleaved, median and p95; budget 1.2× the floor.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterable
from pathlib import Path

import psycopg

from .database import connect

VERSION = 2  # 2: numbered per year of issue, as core.numbering numbers them
INVOICE_EVERY = 20  # one invoice per this many matters, across the firm
MEASURED_PER_MATTER = 3  # and this many on each matter of the measured client
LINES = 3
PDF_RUNS = 30
PDF_WARMUP = 2
PDF_BUDGET = 1.2

MARKER_DDL = (
    "CREATE TABLE IF NOT EXISTS bench_invoices (id int PRIMARY KEY, version int NOT NULL, invoices bigint NOT NULL,"
    " matters bigint NOT NULL, seconds double precision NOT NULL, generated_at timestamptz NOT NULL DEFAULT now())"
)
DESCRIPTIONS = [
    "Подготовка искового заявления",
    "Участие в судебном заседании",
    "Государственная пошлина за подачу иска",
    "Правовой анализ договора поставки",
    "Юридические услуги по договору, фиксированное вознаграждение",
]
# Where each invoice stands, by r in [0, 1): draft, issued, partly paid, paid, cancelled.
STATUS = (
    "CASE WHEN r < 0.10 THEN 'draft' WHEN r < 0.30 THEN 'issued' WHEN r < 0.45 THEN 'partly_paid'"
    " WHEN r < 0.95 THEN 'paid' ELSE 'cancelled' END"
)
REQUISITES = (
    '{"name": "ООО «Юридическая фирма «Северный берег»", "short_name": "ООО «Северный берег»",'
    ' "inn": "6671415928", "kpp": "667101001", "ogrn": "1166658001234",'
    ' "address": "620014, г. Екатеринбург, ул. Примерная, д. 1", "bank_name": "ПАО Сбербанк",'
    ' "bik": "044525225", "corr_account": "30101810400000000225", "account": "40702810938000000001",'
    ' "tax_regime": "no_vat"}'
)


def ensure_invoices(url: str, *, client_id: int, regenerate: bool = False, out=print) -> int:
    """The invoices of the data set (see the module's docstring), generated unless already there."""
    with connect(url, autocommit=True) as conn:
        conn.execute(MARKER_DDL)
        matters = conn.execute("SELECT count(*) FROM matters_matter").fetchone()[0]
        marker = conn.execute("SELECT version, invoices, matters, seconds FROM bench_invoices WHERE id = 1").fetchone()
        present = conn.execute("SELECT count(*) FROM billing_invoice").fetchone()[0]
        if not regenerate and marker and (marker[0], marker[2]) == (VERSION, matters) and present == marker[1]:
            out(f"  {present:,} invoices present (generated earlier in {marker[3]:.1f} s)")
            return present
        started = time.perf_counter()
        made = _generate(conn, client_id)
        seconds = time.perf_counter() - started
        conn.execute("DELETE FROM bench_invoices")
        conn.execute(
            "INSERT INTO bench_invoices (id, version, invoices, matters, seconds) VALUES (1, %s, %s, %s, %s)",
            [VERSION, made, matters, seconds],
        )
        out(f"  {made:,} invoices with {made * LINES:,} lines generated in {seconds:.1f} s")
        return made


def _generate(conn: psycopg.Connection, client_id: int) -> int:
    from .generate import _insert

    conn.execute("TRUNCATE billing_invoiceline, billing_invoice RESTART IDENTITY CASCADE")
    created_by = "(SELECT user_id FROM matters_assignment WHERE matter_id = s.m AND is_lead ORDER BY id LIMIT 1)"
    with conn.transaction():
        conn.execute("SELECT setseed(0.2026)")
        made = _insert(
            conn,
            "billing_invoice",
            {
                "matter_id": "s.m",
                "client_id": "s.client_id",
                "status": "s.status",
                "year": "CASE WHEN s.status <> 'draft' THEN s.year END",
                "seq": "CASE WHEN s.status <> 'draft' THEN s.seq END",
                "number": "CASE WHEN s.status <> 'draft' THEN s.year || '-' || lpad(s.seq::text, 4, '0') ELSE '' END",
                "issue_date": "CASE WHEN s.status <> 'draft' THEN s.day END",
                "due_date": "CASE WHEN s.status <> 'draft' THEN s.day + 5 END",
                "language": "'ru'",
                "firm_profile_id": "NULL",
                "requisites": "CASE WHEN s.status <> 'draft' THEN %(requisites)s::jsonb ELSE '{}'::jsonb END",
                "payer": "jsonb_build_object('name', s.client_name, 'inn', s.client_inn, 'kpp', '', 'address', '')",
                "vat_rate": "NULL",
                "net": "0",
                "vat": "0",
                "gross": "0",
                "paid": "0",
                "pdf": "''",
                "created_at": "s.day::timestamptz",
                "created_by_id": created_by,
                "issued_at": "CASE WHEN s.status <> 'draft' THEN s.day::timestamptz + interval '2 hours' END",
                "issued_by_id": f"CASE WHEN s.status <> 'draft' THEN {created_by} END",
                "cancelled_at": "CASE WHEN s.status = 'cancelled' THEN s.day::timestamptz + interval '3 days' END",
            },
            f"""FROM (
                SELECT u.*, row_number() OVER (PARTITION BY u.year, u.status = 'draft' ORDER BY u.day, u.m, u.k) AS seq
                FROM (
                    SELECT t.*, {STATUS} AS status, extract(year FROM t.day)::int AS year
                    FROM (
                        SELECT m.id AS m, m.client_id, c.name AS client_name, c.inn AS client_inn, k,
                               random() AS r, current_date - floor(random() * 700)::int AS day
                        FROM matters_matter AS m JOIN clients_client AS c ON c.id = m.client_id
                        CROSS JOIN generate_series(1, %(measured)s) AS k
                        WHERE (mod(m.id, %(every)s) = 0 AND k = 1) OR m.client_id = %(client)s
                    ) AS t
                ) AS u
            ) AS s""",
            {"requisites": REQUISITES, "measured": MEASURED_PER_MATTER, "every": INVOICE_EVERY, "client": client_id},
        )
        _insert(
            conn,
            "billing_invoiceline",
            {
                "invoice_id": "i.id",
                "position": "k",
                "source": "(ARRAY['time', 'expense', 'fixed'])[k]",
                "description": "(%(descriptions)s::text[])[1 + mod(i.id * 3 + k, %(choices)s)]",
                "quantity": "CASE WHEN k = 1 THEN 1.5 + mod(i.id, 6) ELSE 1 END",
                "unit": "CASE WHEN k = 1 THEN 'h' ELSE '' END",
                "minutes": "CASE WHEN k = 1 THEN (1.5 + mod(i.id, 6)) * 60 END",
                "unit_price": "CASE WHEN k = 1 THEN 6000 ELSE 1000 * (1 + mod(i.id * 7 + k, 30)) END",
                "vat_rate": "NULL",
                "net": "CASE WHEN k = 1 THEN 6000 * (1.5 + mod(i.id, 6)) ELSE 1000 * (1 + mod(i.id * 7 + k, 30)) END",
                "vat": "0",
                "gross": "CASE WHEN k = 1 THEN 6000 * (1.5 + mod(i.id, 6)) ELSE 1000 * (1 + mod(i.id * 7 + k, 30)) END",
            },
            "FROM billing_invoice AS i CROSS JOIN generate_series(1, %(lines)s) AS k",
            {"descriptions": DESCRIPTIONS, "choices": len(DESCRIPTIONS), "lines": LINES},
        )
        conn.execute(
            "UPDATE billing_invoice AS i SET net = l.total, gross = l.total,"
            " paid = CASE i.status WHEN 'paid' THEN l.total WHEN 'partly_paid' THEN round(l.total / 3, 2) ELSE 0 END"
            " FROM (SELECT invoice_id, sum(gross) AS total FROM billing_invoiceline GROUP BY invoice_id) AS l"
            " WHERE l.invoice_id = i.id"
        )
        for table in ("billing_invoice", "billing_invoiceline"):
            conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
    conn.execute("VACUUM (ANALYZE) billing_invoice, billing_invoiceline")
    return made


# --- the PDF -------------------------------------------------------------------------------------


def _invoice_html(invoice, lines) -> str:
    """The HTML billing.pdf.invoice_pdf hands to core.pdf.render_pdf (same template, same context, as
    render_pdf renders it), caught on its way: billing.pdf builds its context inline."""
    from django.conf import settings
    from django.template.loader import render_to_string

    from billing import pdf as billing_pdf

    captured: list[str] = []

    def capture(template, context):
        captured.append(render_to_string(template, {**context, "firm": settings.FIRM}))
        return b""

    original, billing_pdf.render_pdf = billing_pdf.render_pdf, capture
    try:
        billing_pdf.invoice_pdf(invoice, lines)
    finally:
        billing_pdf.render_pdf = original
    return captured[0]


def pdf_section(ctx, *, runs: int = PDF_RUNS) -> Iterable[str]:
    """Billing's PDF render of one issued invoice against bare WeasyPrint of the identical HTML."""
    import weasyprint

    from billing import pdf as billing_pdf
    from billing.models import Invoice

    from .report import summarize

    invoice = (
        Invoice.objects.select_related("matter")
        .filter(client_id=ctx.client_id)
        .exclude(status__in=["draft", "cancelled"])
        .order_by("pk")
        .first()
    )
    if invoice is None:
        yield "no issued invoice in the data set: nothing to render"
        return
    lines = list(invoice.lines.all())
    html = _invoice_html(invoice, lines)

    from django.contrib.staticfiles import finders

    from core.pdf import html_to_pdf

    css = Path(finders.find("pdf/document.css")).read_text(encoding="utf-8")
    styled = html.replace("</head>", f"<style>{css}</style></head>", 1)
    renders = {
        # the worker's whole render: context, QR code, template, then core.pdf.render_pdf
        "billing.pdf.invoice_pdf (the worker's)": lambda: billing_pdf.invoice_pdf(invoice, lines),
        # core's part alone, on the identical HTML (static-only fetcher, cached fonts and stylesheet)
        "core.pdf.html_to_pdf(html)": lambda: html_to_pdf(html),
        # the floor: bare WeasyPrint, the identical HTML, nothing else
        "floor: weasyprint.HTML(string=html).write_pdf()": lambda: weasyprint.HTML(string=html).write_pdf(),
        # the same with the document stylesheet inlined, for the same look (a floor that does core's work)
        "bare WeasyPrint, stylesheet inlined": lambda: weasyprint.HTML(string=styled).write_pdf(),
    }
    for _ in range(PDF_WARMUP):
        for render in renders.values():
            render()
    samples: dict[str, list[float]] = {name: [] for name in renders}
    sizes: dict[str, int] = {}
    # The bench's own heap (the conflict section's morphology dictionaries, the data set's context) is no
    # worker's: frozen, a full garbage collection does not walk it in the middle of whichever render it falls
    # on (before, one or two 300 ms pauses in 30 runs made the p95 of one line or another 2.5x its p50).
    gc.collect()
    gc.freeze()
    try:
        for _ in range(runs):
            for name, run in renders.items():
                started = time.perf_counter()
                sizes[name] = len(run())
                samples[name].append(time.perf_counter() - started)
    finally:
        gc.unfreeze()
    summaries = {name: summarize(times) for name, times in samples.items()}
    floor = summaries["floor: weasyprint.HTML(string=html).write_pdf()"]
    yield (
        f"invoice {invoice.number}: {len(lines)} lines, {len(html):,} characters of HTML;"
        f" {runs} runs of each, interleaved, after {PDF_WARMUP} warm-up runs"
    )
    yield f"{'render':<50} {'p50 ms':>8} {'p95 ms':>8} {'×floor p50':>10} {'×floor p95':>10} {'bytes':>8}"
    for name, s in summaries.items():
        yield (
            f"{name:<50} {s.p50:8.1f} {s.p95:8.1f} {s.p50 / floor.p50:10.2f} {s.p95 / floor.p95:10.2f} {sizes[name]:8,}"
        )
    worker = summaries["billing.pdf.invoice_pdf (the worker's)"]
    verdicts = [
        f"{name} {'within' if ours <= PDF_BUDGET * base else 'over'}"
        for name, ours, base in (("p50", worker.p50, floor.p50), ("p95", worker.p95, floor.p95))
    ]
    yield f"the worker's render against its budget of {PDF_BUDGET:g}× the floor: {', '.join(verdicts)}"


def main(argv: list[str] | None = None) -> int:
    """`python -m bench.billing_data [--runs 30]`: the PDF section alone (the data set must exist)."""
    import argparse
    import os
    import sys

    from . import portal
    from .__main__ import BENCH_ENV
    from .database import BenchError, database_url

    parser = argparse.ArgumentParser(prog="python -m bench.billing_data", description=main.__doc__)
    parser.add_argument("--runs", type=int, default=PDF_RUNS, help="timed renders of each kind")
    args = parser.parse_args(argv)
    os.environ.update(BENCH_ENV)
    os.environ["DATABASE_URL"] = database_url()
    portal.setup()
    try:
        client_id, _tasks = portal.typical_client()
        ensure_invoices(os.environ["DATABASE_URL"], client_id=client_id)
        print("Invoice PDF against bare WeasyPrint of the same HTML")
        for line in pdf_section(portal.Context(actors={}, client_id=client_id), runs=args.runs):
            print(f"  {line}")
    except (BenchError, LookupError) as error:
        print(f"\nbench: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
