"""The work report's HTML (rule 6), rendered to PDF by the worker through core.pdf; no queries here."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .money import format_money


def _money(amount, language: str) -> str:
    return format_money(amount, language)


def work_report_html(report, data: dict) -> str:
    language = report.language if report.language in ("ru", "en") else "ru"
    with translation.override(language):
        settlement = data["settlement"]
        period = data["period_settlement"]

        def rows(s):
            return [(line, line.text, _money(line.amount, language)) for line in s.lines]

        return render_to_string(
            "billing/report_pdf.html",
            {
                **data,
                "firm": settings.FIRM,
                "report": report,
                "language": language,
                "generated_at": timezone.localtime(),
                "period_rows": rows(period),
                "period_fees": _money(period.fees, language),
                "period_expenses": _money(period.expenses, language),
                "settlement_rows": rows(settlement),
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
