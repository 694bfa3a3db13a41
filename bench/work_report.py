"""The 50-page work report (rule 6) against the bare WeasyPrint floor of the same HTML (budget 1.2×).

The report is built in memory — a matter with 820 approved time entries under an hourly arrangement,
unsaved model instances and the settlement computed by billing.services.settlement.settle — so the
section needs no rows in the bench database and measures what the worker does after its queries:
the template, the layout and the PDF (billing.reports_pdf + core.pdf.html_to_document + write_pdf).
The floor renders the same HTML with bare WeasyPrint: `HTML(string=…).write_pdf()` with a font
configuration and the document stylesheet made once.

    python -m bench.work_report            # just this section (needs DJANGO_SETTINGS_MODULE set up)
"""

import datetime as dt
import time
from decimal import Decimal

from .report import summarize

ENTRIES = 820
REPEATS = 3
START = dt.date(2025, 1, 1)
WORDS = (
    "Анализ документов клиента, подготовка правовой позиции, переговоры с контрагентом, "
    "подготовка проекта процессуального документа и его согласование с клиентом"
)


def build(entries: int = ENTRIES):
    """(report, data) for billing.reports_pdf.work_report_html — unsaved rows, no queries."""
    from billing.models import FeeArrangement, WorkReport, WorkStatus
    from billing.models import TimeEntry as Entry
    from billing.services.settlement import SettlementInput, TimeItem, Version, settle
    from clients.models import Client
    from matters.models import Matter
    from users.models import User

    client = Client(name="ООО «Альфа»")
    matter = Matter(pk=1, client=client, number="2026/0001", title="Дело о взыскании", opened_at=None)
    people = [User(pk=i + 1, full_name=f"Иванов Иван Иванович {i + 1}", email=f"b{i}@x.test") for i in range(2)]
    rows = []
    for i in range(entries):
        entry = Entry(
            pk=i + 1,
            matter=matter,
            specialist=people[i % 2],
            date=START + dt.timedelta(days=i // 3),
            minutes=30 + (i * 7) % 300,
            description=f"{WORDS} (№ {i + 1})",
            status=WorkStatus.APPROVED,
        )
        rows.append(entry)
    end = rows[-1].date
    version = Version(1, FeeArrangement.Kind.HOURLY, START, default_rate=Decimal("6000.00"))
    items = tuple(
        TimeItem(e.pk, e.date, e.specialist.pk, e.specialist.full_name, e.minutes, e.description) for e in rows
    )
    settlement = settle(SettlementInput(end=end, versions=(version,), time=items))
    period = settle(SettlementInput(end=end, start=START, versions=(version,), time=items))
    minutes = sum(e.minutes for e in rows)
    by = {}
    for e in rows:
        by.setdefault(e.specialist.full_name, [0, 0])
        by[e.specialist.full_name][0] += e.minutes
        by[e.specialist.full_name][1] += 1
    data = {
        "matter": matter,
        "start": START,
        "end": end,
        "time": rows,
        "time_hours": (Decimal(minutes) / 60).quantize(Decimal("0.01")),
        "by_specialist": sorted((n, (Decimal(m) / 60).quantize(Decimal("0.01")), c) for n, (m, c) in by.items()),
        "expenses": [],
        "tasks": [],
        "deliverables": [],
        "advances": [],
        "invoices": [],
        "payments": [],
        "period_settlement": period,
        "settlement": settlement,
    }
    report = WorkReport(matter=matter, period_start=START, period_end=end, language="ru")
    return report, data


def _ours(report, data) -> tuple[bytes, int]:
    from billing.reports_pdf import work_report_html
    from core.pdf import html_to_document

    document = html_to_document(work_report_html(report, data))
    return document.write_pdf(), len(document.pages)


def _floor_renderer():
    from django.contrib.staticfiles import finders
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    css = CSS(filename=finders.find("pdf/document.css"), font_config=fonts)
    return lambda html: HTML(string=html).write_pdf(stylesheets=[css], font_config=fonts)


def section(ctx=None, *, repeats: int = REPEATS, entries: int = ENTRIES) -> list[str]:
    from billing.reports_pdf import work_report_html

    report, data = build(entries)
    html = work_report_html(report, data)
    floor = _floor_renderer()
    _content, pages = _ours(report, data)  # warms the font configuration and the stylesheet
    floor(html)
    ours_s, floor_s = [], []
    for _ in range(repeats):  # interleaved: the machine's noise falls on both alike
        t = time.perf_counter()
        _ours(report, data)
        ours_s.append(time.perf_counter() - t)
        t = time.perf_counter()
        floor(html)
        floor_s.append(time.perf_counter() - t)
    ours, bare = summarize(ours_s), summarize(floor_s)
    ratio = ours.p50 / bare.p50
    return [
        f"{entries} time entries → {pages} pages; p50 in ms over {repeats} rounds each",
        f"{'report (template + layout + PDF)':<36} {ours.p50:>9.0f}",
        f"{'floor: bare WeasyPrint, same HTML':<36} {bare.p50:>9.0f}",
        f"{'ratio (budget 1.2×)':<36} {ratio:>9.2f}  {'within' if ratio <= 1.2 else 'OVER'}",
    ]


if __name__ == "__main__":
    import django

    django.setup()
    for line in section():
        print(line)
