"""The work report's HTML (rule 6), rendered to PDF by the worker through core.pdf; no queries here."""

from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import number_format

from .money import format_money

SIXTY = Decimal(60)


def _hours(minutes: int) -> str:
    return number_format((Decimal(minutes) / SIXTY).quantize(Decimal("0.01")), 2)


def _money(amount, language: str) -> str:
    return format_money(amount, language)


def _grouped(settlement, language: str) -> list[tuple[str, str]]:
    """The settlement's lines as the report shows them: hourly lines summed per specialist and rate
    (each entry is priced in the time table; the sums are exact, the entries being already rounded),
    every other line as it is."""
    from django.utils.translation import gettext

    rows: list = []
    hourly: dict = {}
    for line in settlement.lines:
        if line.code == "hourly":
            key = (line.params["specialist"], line.params["rate"])
            if key not in hourly:
                hourly[key] = [Decimal(0), Decimal(0)]
                rows.append(key)
            hourly[key][0] += Decimal(line.params["hours"])
            hourly[key][1] += line.amount
        else:
            rows.append(line)
    result = []
    for row in rows:
        if isinstance(row, tuple):
            hours, amount = hourly[row]
            text = gettext("Hourly: %(specialist)s, %(hours)s h × %(rate)s") % {
                "specialist": row[0],
                "hours": f"{hours.normalize():f}",
                "rate": _money(Decimal(row[1]), language),
            }
            result.append((text, _money(amount, language)))
        else:
            result.append((row.text, _money(row.amount, language)))
    return result


def work_report_html(report, data: dict) -> str:
    language = report.language if report.language in ("ru", "en") else "ru"
    with translation.override(language):
        settlement = data["settlement"]
        period = data["period_settlement"]

        priced = {line.params.get("time_entry"): line.amount for line in period.lines if line.code == "hourly"}
        return render_to_string(
            "billing/report_pdf.html",
            {
                **data,
                "firm": settings.FIRM,
                "report": report,
                "language": language,
                "generated_at": timezone.localtime(),
                "period_rows": _grouped(period, language),
                "period_fees": _money(period.fees, language),
                "period_expenses": _money(period.expenses, language),
                "settlement_rows": _grouped(settlement, language),
                "time_rows": [
                    (e, _hours(e.minutes), _money(priced[e.pk], language) if e.pk in priced else "—")
                    for e in data["time"]
                ],
                "totals": {
                    "fees": _money(settlement.fees, language),
                    "expenses": _money(settlement.expenses, language),
                    "advances": _money(settlement.advances, language),
                    "payments": _money(settlement.payments, language),
                    "due": _money(settlement.due_by_client, language),
                    "refund": _money(settlement.refund, language),
                },
                "balance": settlement.balance,
                "expense_rows": [(e, _money(e.amount, language)) for e in data["expenses"]],
                "advance_rows": [
                    (
                        a,
                        _money(a.amount, language),
                        _money(a.confirmed_amount, language) if a.confirmed_amount is not None else "—",
                        _money(a.spent or 0, language),
                    )
                    for a in data["advances"]
                ],
                "invoice_rows": [(i, _money(i.gross, language), _money(i.paid, language)) for i in data["invoices"]],
                "payment_rows": [(p, _money(p.amount, language)) for p in data["payments"]],
            },
        )
