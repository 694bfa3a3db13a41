"""The accountants' exports of the partner's view: invoices, acts and payments of a period as CSV or XLSX.

Each export is an ``Exporter`` in ``EXPORTERS`` (its key names the download: ``invoices.csv``,
``invoices.xlsx``): a heading, the columns, and the selector that yields the rows (scoped and
gated in billing.selectors.partner). Another export is one more entry, e.g. the acts of services::

    register_exporter(Exporter("acts", _("Acts of services"), ACT_COLUMNS, acts_for_export))

and both the page's and the API's routes follow the registry (billing.urls.partner, billing.api_urls).

The files:
- Column headings are in the user's language; amounts are numbers, dates are dates; a text that starts
  like a formula ("=", "+", "-", "@": a payer's name from a bank statement) stays text in both formats.
- CSV: UTF-8 with a byte-order mark and ";" between fields, so that Excel in a Russian locale opens
  it by double-click with Cyrillic intact and the columns split (its list separator there is ";",
  and without the BOM it reads the file as cp1251). Decimal comma and dd.mm.yyyy dates for Russian,
  decimal point and ISO dates (yyyy-mm-dd) for English; no thousands separators, no currency sign.
  Streamed row by row from a database cursor, so a year of payments never sits in memory.
- XLSX (openpyxl, write-only mode: rows go straight to the file): numeric cells with the money
  format ``#,##0.00``, real date cells (dd.mm.yyyy / yyyy-mm-dd), the heading row frozen. Spooled to a
  temporary file (in memory up to 8 MB, then on disk) and streamed from there.
"""

import csv
import datetime as dt
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.http import FileResponse, StreamingHttpResponse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .selectors.partner import acts_for_export, invoices_for_export, payments_for_export

CSV_DELIMITER = ";"
MONEY_FORMAT = "#,##0.00"
CHUNK = 2000
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMATS = tuple(CONTENT_TYPES)


@dataclass(frozen=True)
class Column:
    header: str | Promise
    value: Callable[[object], object]
    kind: str = "text"  # text | money | percent | date | int
    width: int = 14


@dataclass(frozen=True)
class Exporter:
    key: str
    title: str | Promise
    columns: tuple[Column, ...]
    rows: Callable[..., object]  # (*, user, date_from, date_to) -> a queryset


def _attr(name: str):
    def get(obj):
        for part in name.split("."):
            obj = getattr(obj, part, None) if obj is not None else None
        return obj

    return get


def _payer(invoice, field: str) -> str:
    """The payer as the invoice printed it (copied at issue), else the client as it is now."""
    return (invoice.payer or {}).get(field) or getattr(invoice.client, field, "") or ""


INVOICE_COLUMNS = (
    Column(_("Invoice number"), _attr("number"), width=12),
    Column(_("Issue date"), _attr("issue_date"), "date", 12),
    Column(_("Due date"), _attr("due_date"), "date", 12),
    Column(_("Status"), lambda i: i.get_status_display(), width=14),
    Column(_("Client"), lambda i: _payer(i, "name"), width=36),
    Column(_("Client's INN"), lambda i: _payer(i, "inn"), width=14),
    Column(_("Client's KPP"), lambda i: _payer(i, "kpp"), width=12),
    Column(_("Matter"), _attr("matter.number"), width=14),
    Column(_("Net"), _attr("net"), "money"),
    Column(_("VAT rate, percent"), _attr("vat_rate"), "percent", 10),
    Column(_("VAT"), _attr("vat"), "money"),
    Column(_("Total"), _attr("gross"), "money"),
    Column(_("Paid"), _attr("paid"), "money"),
    Column(_("Due"), lambda i: i.gross - i.paid, "money"),
)

PAYMENT_COLUMNS = (
    Column(_("Date"), _attr("date"), "date", 12),
    Column(_("Amount"), _attr("amount"), "money"),
    Column(_("Payer"), _attr("payer_name"), width=36),
    Column(_("Payer's INN"), _attr("payer_inn"), width=14),
    Column(_("Payment order number"), _attr("document_number"), width=12),
    Column(_("Purpose of payment"), _attr("purpose"), width=50),
    Column(_("Status"), lambda p: p.get_status_display(), width=16),
    Column(_("Invoice matched"), _attr("matched_invoice_number"), width=12),
    Column(_("Client"), _attr("client.name"), width=36),
    Column(_("Source"), lambda p: p.get_source_display(), width=16),
)


def _customer(act, field: str) -> str:
    """The customer as the act printed it (fixed at issue), else the client as it is now."""
    return (act.customer or {}).get(field) or getattr(act.client, field, "") or ""


def _act_status(act) -> str:
    """The client's answer as of today, or that a correction replaced the act."""
    if getattr(act, "superseded", False):
        return str(_("corrected"))
    return act.answer_label()


ACT_COLUMNS = (
    Column(_("Act number"), _attr("number"), width=12),
    Column(_("Date of the act"), _attr("act_date"), "date", 12),
    Column(_("Matter"), _attr("matter.number"), width=14),
    Column(_("Client"), lambda a: _customer(a, "name"), width=36),
    Column(_("Client's INN"), lambda a: _customer(a, "inn"), width=14),
    Column(_("Period from"), _attr("period_start"), "date", 12),
    Column(_("Period to"), _attr("period_end"), "date", 12),
    Column(_("Net"), _attr("net"), "money"),
    Column(_("VAT rate, percent"), _attr("vat_rate"), "percent", 10),
    Column(_("VAT"), _attr("vat"), "money"),
    Column(_("Total"), _attr("gross"), "money"),
    Column(_("Status"), _act_status, width=22),
    Column(_("Corrects the act"), _attr("corrects.number"), width=12),
)

EXPORTERS: dict[str, Exporter] = {}


def register_exporter(exporter: Exporter) -> None:
    EXPORTERS[exporter.key] = exporter


register_exporter(Exporter("invoices", _("Invoices"), INVOICE_COLUMNS, invoices_for_export))
register_exporter(Exporter("acts", _("Acts of services"), ACT_COLUMNS, acts_for_export))
register_exporter(Exporter("payments", _("Payments"), PAYMENT_COLUMNS, payments_for_export))


def _is_ru(language: str) -> bool:
    return language.split("-")[0].lower() == "ru"


# A text that starts like a formula is one to Excel: a payer's name or a payment's purpose comes from a
# bank statement, so "=HYPERLINK(…)" there must stay text (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_value(value, kind: str, language: str) -> str:
    """One field as the user's Excel reads it: a plain number (decimal comma in Russian), a date, a text
    that never runs as a formula."""
    if value is None or value == "":
        return ""
    if kind in ("money", "percent"):
        text = f"{Decimal(value):.2f}"
        return text.replace(".", ",") if _is_ru(language) else text
    if kind == "date":
        return value.strftime("%d.%m.%Y") if _is_ru(language) else value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


class _Echo:
    """csv.writer writes to it; it hands the line back (the pseudo-buffer of Django's streaming recipe)."""

    def write(self, value):
        return value


def csv_rows(exporter: Exporter, rows, language: str) -> Iterator[str]:
    writer = csv.writer(_Echo(), delimiter=CSV_DELIMITER, lineterminator="\r\n")
    with translation.override(language):
        yield "\ufeff" + writer.writerow([str(c.header) for c in exporter.columns])
        for obj in rows.iterator(chunk_size=CHUNK):
            yield writer.writerow([csv_value(c.value(obj), c.kind, language) for c in exporter.columns])


def write_xlsx(exporter: Exporter, rows, language: str, target) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    date_format = "DD.MM.YYYY" if _is_ru(language) else "YYYY-MM-DD"
    workbook = Workbook(write_only=True)
    with translation.override(language):
        sheet = workbook.create_sheet(str(exporter.title)[:31])
        sheet.freeze_panes = "A2"
        for index, column in enumerate(exporter.columns, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = column.width
        bold = Font(bold=True)
        header = []
        for column in exporter.columns:
            cell = WriteOnlyCell(sheet, value=str(column.header))
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        for obj in rows.iterator(chunk_size=CHUNK):
            line = []
            for column in exporter.columns:
                value = column.value(obj)
                if value is None or value == "":
                    line.append(None)
                    continue
                if column.kind not in ("money", "percent", "date", "int"):
                    value = str(value)
                cell = WriteOnlyCell(sheet, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # openpyxl takes a str starting with "=" for a formula: keep it text
                if column.kind in ("money", "percent"):
                    cell.number_format = MONEY_FORMAT
                elif column.kind == "date":
                    cell.number_format = date_format
                line.append(cell)
            sheet.append(line)
    workbook.save(target)


def file_name(exporter: Exporter, date_from: dt.date, date_to: dt.date, fmt: str) -> str:
    return f"{exporter.key}-{date_from:%Y%m%d}-{date_to:%Y%m%d}.{fmt}"


def export_response(*, key: str, fmt: str, user, date_from: dt.date, date_to: dt.date, language: str):
    """The download: a streamed CSV or a spooled XLSX of the exporter's rows (gated by its selector)."""
    exporter = EXPORTERS[key]
    rows = exporter.rows(user=user, date_from=date_from, date_to=date_to)
    name = file_name(exporter, date_from, date_to, fmt)
    if fmt == "csv":
        response = StreamingHttpResponse(csv_rows(exporter, rows, language), content_type=CONTENT_TYPES["csv"])
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 - FileResponse closes it
    write_xlsx(exporter, rows, language, spool)
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename=name, content_type=CONTENT_TYPES["xlsx"])
