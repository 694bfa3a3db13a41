"""The act of services rendered and the УПД as PDFs, in the client's language, from what the act stored.

No queries of their own beyond the act's own relations: the requisites, the customer, the VAT rate
and the totals were copied onto the act at issue, so a re-render (there is none: once, in the
worker) would print the same document.
"""

from django.utils import translation

from core.pdf import render_pdf

from .money import format_money
from .words import amount_in_words


def _language(act) -> str:
    return act.language if act.language in ("ru", "en") else "ru"


def vat_line(act, language: str) -> str:
    """ "В том числе НДС 22 %: 1 234,56 ₽" or "Без налога (НДС) — <ground>", in the act's language."""
    with translation.override(language):
        if act.vat_rate is None:
            text = translation.gettext("Without tax (VAT)")
            return f"{text} — {act.vat_ground}" if act.vat_ground else text
        return translation.gettext("Including VAT %(rate)s%%: %(amount)s") % {
            "rate": f"{act.vat_rate.normalize():f}",
            "amount": format_money(act.vat, language),
        }


def _previous(act):
    """The version a correction replaces: the previous correction, or the original act."""
    if not act.is_correction:
        return None
    from .models import Act

    earlier = Act.objects.filter(corrects_id=act.corrects_id, correction_no__lt=act.correction_no)
    return earlier.order_by("-correction_no").first() or act.corrects


def _context(act, lines, language: str) -> dict:
    previous = _previous(act)
    return {
        "act": act,
        "lines": [
            (line, format_money(line.unit_price, language), format_money(line.gross, language)) for line in lines
        ],
        "contractor": act.requisites,
        "customer": act.customer,
        "language": language,
        "gross_text": format_money(act.gross, language),
        "net_text": format_money(act.net, language),
        "vat_text": vat_line(act, language),
        "in_words": amount_in_words(act.gross, language),
        "previous": previous,
        "previous_gross": format_money(previous.gross, language) if previous else "",
        "difference": format_money(act.gross - previous.gross, language) if previous else "",
    }


def act_pdf(act, lines) -> bytes:
    language = _language(act)
    with translation.override(language):
        return render_pdf("billing/act_pdf.html", _context(act, lines, language))


def upd_pdf(upd, act, lines) -> bytes:
    """The УПД is a Russian tax document: always in Russian, whatever the client's language."""
    original_upd = getattr(act.corrects, "upd", None) if act.is_correction else None
    context = _context(act, lines, "ru") | {
        "upd": upd,
        "vat_total": format_money(act.vat, "ru"),
        "original_upd": original_upd,
        "rows": [
            {
                "line": line,
                "price_net": format_money(line.net / line.quantity, "ru") if line.quantity else "",
                "net": format_money(line.net, "ru"),
                "vat": format_money(line.vat, "ru"),
                "gross": format_money(line.gross, "ru"),
            }
            for line in lines
        ],
    }
    with translation.override("ru"):
        return render_pdf("billing/upd_pdf.html", context)
