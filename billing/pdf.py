"""The invoice as a PDF ("Счёт на оплату"), in the client's language, with the GOST R 56042 payment QR."""

import logging

from django.utils import translation
from django.utils.safestring import mark_safe

from core.errors import ValidationError
from core.pdf import render_pdf

from . import qr
from .money import format_money
from .words import amount_in_words

log = logging.getLogger(__name__)


def vat_text(invoice) -> str:
    """The VAT as the purpose of payment names it (always Russian: the bank reads it)."""
    if invoice.vat_rate is None:
        return "Без НДС"
    return f"НДС {invoice.vat_rate.normalize():f}% {format_money(invoice.vat, 'ru')}".replace("\u00a0", " ")


def payment_payload(invoice) -> str:
    """The QR payload of an issued invoice from the requisites copied onto it."""
    firm = invoice.requisites
    purpose = f"Оплата по счёту № {invoice.number} от {invoice.issue_date:%d.%m.%Y}, {vat_text(invoice)}"
    return qr.build_payload(
        name=firm["name"],
        personal_acc=firm["account"],
        bank_name=firm["bank_name"],
        bic=firm["bik"],
        corresp_acc=firm["corr_account"],
        payee_inn=firm["inn"],
        kpp=firm.get("kpp", ""),
        purpose=purpose,
        amount=invoice.gross,
    )


def _exempt_text(invoice, lines, language) -> str:
    """On an invoice with VAT: the sum of its lines without VAT (a state duty passed on), or ""."""
    if invoice.vat_rate is None:
        return ""
    exempt = [line.gross for line in lines if line.vat_rate is None]
    return format_money(sum(exempt), language) if exempt else ""


def invoice_pdf(invoice, lines) -> bytes:
    language = invoice.language if invoice.language in ("ru", "en") else "ru"
    try:
        qr_svg = mark_safe(qr.qr_svg(payment_payload(invoice), scale=3))  # noqa: S308 - segno's own SVG
    except ValidationError:
        log.warning("invoice %s: requisites unfit for a payment QR code", invoice.pk)
        qr_svg = ""
    with translation.override(language):
        return render_pdf(
            "billing/invoice_pdf.html",
            {
                "invoice": invoice,
                "lines": lines,
                "payee": invoice.requisites,
                "payer": invoice.payer,
                "language": language,
                "qr_svg": qr_svg,
                "gross_text": format_money(invoice.gross, language),
                "net_text": format_money(invoice.net, language),
                "vat_amount_text": format_money(invoice.vat, language),
                "in_words": amount_in_words(invoice.gross, language),
                "line_money": [
                    (
                        line,
                        format_money(line.unit_price, language),
                        format_money(line.gross, language),
                        format_money(line.vat, language),
                    )
                    for line in lines
                ],
                "exempt_text": _exempt_text(invoice, lines, language),
            },
        )
