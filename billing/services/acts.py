"""Acts of services rendered (rule 1): what a period's act would hold, its issue by a partner, its correction.

What an act covers, for a matter and a period (`act_candidates`):

* approved (or already invoiced) billable time of the period under an hourly arrangement — one line
  per entry, priced at the rate of the arrangement in force on the entry's date (the specialist's
  own rate, else the default);
* the fixed fee of each stage of a staged arrangement that the matter has passed (the current
  stage's fee is offered unticked: the partner decides whether it is done);
* each month of a retainer the period touches; a plain fixed fee (offered ticked on a final act);
* approved expenses of the period, at cost.

Each is keyed (`ActLine.key`) and an original act covers a key once — the database enforces it —
so nothing is acted twice. The work itself keeps its status: an approved entry is already
immutable (only drafts change), and an acted entry can still be invoiced.

Prices include VAT, as on invoices; the VAT is extracted per line at the rate in force on the act's
date (`document_vat`); a firm without VAT prints "Без налога (НДС)" with the ground
(`BILLING_NO_VAT_GROUND`). A VAT-paying firm's act comes with a УПД (status 1) of the same date.
"""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.errors import InvalidState, NotFound, NotPermitted, ValidationError
from core.numbering import next_value
from matters.access import restrict_matters
from timeline.models import TimelineEvent
from timeline.services import in_languages, timeline_record

from ..access import act_matters, restrict_acts
from ..caching import ACTS, bumps
from ..models import Act, ActLine, TaxRegime, Upd
from ..money import Line, format_money, totals
from ..selectors.firm import document_vat
from .act_candidates import HOURS, QUANTITY, _check_period, act_candidates
from .termination import final_act_issued

DEFAULT_ACCEPTANCE_DAYS = 5
# Why an act without VAT carries none — printed after "Без налога (НДС)". The default is the
# exemption of a simplified-system organisation under the income threshold (art. 145(1) of the Tax
# Code, as amended from 2025); an advocates' bar formation sets its own ground in the settings.
DEFAULT_NO_VAT_GROUND = "п. 1 ст. 145 НК РФ"
_TIMELINE = {
    "issued": gettext_noop("Act of services rendered No. %(number)s for %(start)s – %(end)s: %(amount)s"),
    "corrected": gettext_noop("Act No. %(original)s is corrected by act No. %(number)s: %(amount)s"),
}


def no_vat_ground() -> str:
    return getattr(settings, "BILLING_NO_VAT_GROUND", DEFAULT_NO_VAT_GROUND)


def _requisites(profile) -> dict:
    fields = ("name", "short_name", "inn", "kpp", "ogrn", "address", "bank_name", "bik", "corr_account", "account")
    return {name: getattr(profile, name) for name in fields} | {"tax_regime": profile.tax_regime}


def _customer(client) -> dict:
    fields = (
        "name", "kind", "legal_form", "inn", "kpp", "ogrn", "address", "postal_address",
        "bank_name", "bik", "account", "corr_account", "signatory", "passport",
    )  # fmt: skip
    return {name: getattr(client, name, "") or "" for name in fields}


def _price(line: ActLine, rate) -> None:
    amounts = _money(line, rate).amounts()
    line.vat_rate, line.net, line.vat, line.gross = rate, amounts.net, amounts.vat, amounts.gross


def _money(line: ActLine, rate) -> Line:
    if line.minutes:
        return Line(Decimal(line.minutes), line.unit_price / HOURS, rate)
    return Line(line.quantity, line.unit_price, rate)


def _total(act: Act, lines) -> None:
    result = totals([_money(line, line.vat_rate) for line in lines])
    act.net, act.vat, act.gross = result.total.net, result.total.vat, result.total.gross
    if act.gross < 0:
        raise ValidationError(_("An act's total cannot be negative."))


def _snapshot(act_date: dt.date) -> tuple:
    try:
        snapshot = document_vat(act_date)
    except NotFound:
        raise InvalidState(_("Enter the firm's requisites before issuing an act.")) from None
    profile = snapshot["firm_profile"]
    rate = None if profile.tax_regime == TaxRegime.NO_VAT else snapshot["vat_rate"]
    return profile, rate


def _number(act: Act) -> None:
    act.year = act.act_date.year
    act.seq = next_value(f"act:{act.year}")
    act.number = f"{act.year}-{act.seq:04d}"


def _save_lines(act: Act, lines) -> None:
    for position, line in enumerate(lines, start=1):
        line.act, line.matter, line.position = act, act.matter, position
        _price(line, act.vat_rate)
    try:
        with transaction.atomic():
            ActLine.objects.bulk_create(lines)
    except IntegrityError:  # another act took some of the work first
        raise InvalidState(_("Some of this work is already on another act; reload and try again.")) from None


def _upd(act: Act) -> None:
    """A VAT-paying firm's УПД for the act (an original numbered "upd:YYYY"; a correction's prints the
    original's number with "Исправление № N")."""
    if act.vat_rate is None:
        return
    if act.is_correction:
        original = Upd.objects.filter(act=act.corrects).first()
        base = original.number if original else act.corrects.number
        Upd.objects.create(act=act, number=f"{base}/{act.correction_no}", upd_date=act.act_date)
        return
    seq = next_value(f"upd:{act.act_date.year}")
    Upd.objects.create(
        act=act, year=act.act_date.year, seq=seq, number=f"{act.act_date.year}-{seq:04d}", upd_date=act.act_date
    )


def _record(act: Act, by, event: str) -> None:
    """The client-visible line of the matter's timeline (dates and amounts in the reader's language)."""
    timeline_record(
        matter=act.matter,
        kind=TimelineEvent.Kind.WORK,
        actor=by,
        summary=_TIMELINE[event],
        params={
            "number": act.number,
            "original": act.corrects.number if act.corrects_id else "",
            "start": in_languages(lambda: formats.date_format(act.period_start, "SHORT_DATE_FORMAT")),
            "end": in_languages(lambda: formats.date_format(act.period_end, "SHORT_DATE_FORMAT")),
            "amount": {code: format_money(act.gross, code) for code, _name in settings.LANGUAGES},
        },
        ref=act,
    )


def default_acceptance_days() -> int:
    """The contract's acceptance period in working days (`BILLING_ACT_ACCEPTANCE_DAYS`, 5 by default);
    the partner may set another on the act when the matter's agreement says so."""
    return int(getattr(settings, "BILLING_ACT_ACCEPTANCE_DAYS", DEFAULT_ACCEPTANCE_DAYS))


def next_period_start(matter) -> dt.date:
    """Where the matter's next act starts: the day after the last act's period, else the matter's opening."""
    last = Act.objects.filter(matter=matter).order_by("-period_end").values_list("period_end", flat=True).first()
    return last + dt.timedelta(days=1) if last else timezone.localdate(matter.opened_at)


def _acceptance_days(value) -> int:
    if value in (None, ""):
        return default_acceptance_days()
    try:
        days = int(value)
    except (TypeError, ValueError):
        days = -1
    if not 1 <= days <= 60:
        raise ValidationError(fields={"acceptance_days": [_("Give the acceptance period: 1 to 60 working days.")]})
    return days


def _queue_render(act: Act) -> None:
    from ..jobs import render_act

    pk = act.pk
    transaction.on_commit(lambda: render_act.delay(pk))


@transaction.atomic
@bumps(ACTS)
def act_issue(
    *,
    by,
    matter,
    period_start: dt.date,
    period_end: dt.date,
    final: bool = False,
    act_date: dt.date | None = None,
    keys=None,
    signatory_position: str = "",
    acceptance_days=None,
    adjustments=(),
) -> Act:
    """Issue the act of the period (a partner): numbered, the requisites, VAT and totals fixed, the
    covered work keyed so it is never acted again, a УПД for a VAT payer, the PDF queued. `keys`
    chooses among `act_candidates` (default: those ticked). `adjustments` are extra lines another part of
    billing applies — a fee reduction or penalty from a claim (rule 15) as a negative amount — each
    {"description", "amount", "key"}; a key (e.g. "claim:12") is applied once per matter, as work is.
    A final act closes the matter after it."""
    if not restrict_matters(by, "read").filter(pk=matter.pk).exists():
        raise NotFound()
    if not act_matters(by, "issue").filter(pk=matter.pk).exists():
        raise NotPermitted(_("Only a partner issues acts."))
    act_date = act_date or timezone.localdate()
    _check_period(period_start, period_end, act_date)
    days = _acceptance_days(acceptance_days)
    candidates = act_candidates(matter=matter, period_start=period_start, period_end=period_end, final=final)
    if keys is None:
        chosen = [c for c in candidates if c.ticked]
    else:
        keys = [str(k) for k in keys]
        by_key = {c.key: c for c in candidates}
        missing = [k for k in keys if k not in by_key]
        if missing:
            raise InvalidState(_("Some of the chosen work is no longer available for an act; reload the page."))
        chosen = [by_key[k] for k in dict.fromkeys(keys)]
    extra = _adjustments(adjustments)
    if not chosen:
        raise ValidationError(_("There is nothing to put on an act in this period."))
    profile, rate = _snapshot(act_date)
    language = matter.client.language or "ru"
    with translation.override(language):
        position = str(signatory_position or "").strip()[:255] or _("Partner")
    act = Act(
        matter=matter,
        client=matter.client,
        act_date=act_date,
        period_start=period_start,
        period_end=period_end,
        is_final=bool(final),
        language=language,
        firm_profile=profile,
        requisites=_requisites(profile),
        customer=_customer(matter.client),
        vat_rate=rate,
        vat_ground="" if rate is not None else no_vat_ground(),
        signatory_name=by.full_name,
        signatory_position=position,
        client_signatory=matter.client.signatory,
        acceptance_days=days,
        issued_by=by,
    )
    _number(act)
    lines = [
        ActLine(
            source=c.source,
            description=c.description,
            quantity=c.quantity,
            unit=c.unit,
            minutes=c.minutes,
            unit_price=c.unit_price,
            key=c.key,
            **c.refs,
        )
        for c in chosen
    ] + extra
    act.save()
    _save_lines(act, lines)
    _total(act, lines)
    act.save(update_fields=["net", "vat", "gross"])
    _upd(act)
    _queue_render(act)
    _record(act, by, "issued")
    if act.is_final:
        final_act_issued(by=by, act=act)
    return act


def _adjustments(rows) -> list[ActLine]:
    lines, errors = [], {}
    for index, row in enumerate(rows or ()):
        amount = _money_in(row.get("amount", ""), f"adjustments.{index}.amount", errors)
        description = str(row.get("description") or "").strip()[:500]
        if not description:
            errors[f"adjustments.{index}.description"] = [_("Describe the added line.")]
        if amount is None or not description:
            continue
        if amount == 0:
            errors[f"adjustments.{index}.amount"] = [_("Enter a number.")]
            continue
        lines.append(
            ActLine(
                source=ActLine.Source.ADJUSTMENT,
                description=description,
                quantity=Decimal(1),
                unit=ActLine.Unit.SERVICE,
                unit_price=amount.quantize(Decimal("0.01")),
                key=str(row.get("key") or "")[:40],
            )
        )
    if errors:
        raise ValidationError(fields=errors)
    return lines


def _money_in(value, name, errors) -> Decimal | None:
    try:
        amount = Decimal(str(value).replace(",", ".").replace(" ", "").replace("\u00a0", ""))
    except (InvalidOperation, ValueError):
        amount = None
    if amount is None or not amount.is_finite() or abs(amount) >= Decimal("1e10"):
        errors[name] = [_("Enter a number.")]
        return None
    return amount


@transaction.atomic
@bumps(ACTS)
def act_correct(*, by, act: Act, lines: list[dict], reason: str, act_date: dt.date | None = None) -> Act:
    """A correction of `act` (a partner): a new act, numbered, referencing the original, with the
    corrected lines in full. `lines` are {"position": n, "description", "quantity", "unit_price"} for
    the lines kept (a line left out, or with quantity 0, is removed) and {"description", "quantity",
    "unit_price"} without a position for an added adjustment (a negative price reduces the total)."""
    if not restrict_acts(by, "view").filter(pk=act.pk).exists():
        raise NotFound()
    if not restrict_acts(by, "correct").filter(pk=act.pk).exists():
        raise NotPermitted(_("Only a partner corrects an act."))
    original = act.corrects or act
    latest = Act.objects.filter(corrects=original).order_by("-correction_no").first() or original
    if latest.pk != act.pk:
        raise InvalidState(_("This act has been corrected already: correct its latest correction."))
    reason = str(reason or "").strip()
    errors: dict = {}
    if not reason:
        errors["reason"] = [_("Say what the correction corrects.")]
    act_date = act_date or timezone.localdate()
    if act_date > timezone.localdate() or act_date < act.act_date:
        errors["act_date"] = [_("A correction is dated between the act's date and today.")]
    old = {line.position: line for line in act.lines.all()}
    new_lines = []
    for index, row in enumerate(lines or []):
        quantity = _money_in(row.get("quantity", ""), f"lines.{index}.quantity", errors)
        price = _money_in(row.get("unit_price", ""), f"lines.{index}.unit_price", errors)
        description = str(row.get("description") or "").strip()[:500]
        if quantity is None or price is None:
            continue
        if quantity < 0:
            errors[f"lines.{index}.quantity"] = [_("The quantity cannot be negative.")]
            continue
        if quantity == 0:
            continue
        position = row.get("position")
        if position not in (None, ""):
            base = old.get(int(position)) if str(position).isdigit() else None
            if base is None:
                errors[f"lines.{index}.position"] = [_("No such line on the act.")]
                continue
            minutes = base.minutes if base.minutes and quantity == base.quantity else None
            new_lines.append(
                ActLine(
                    source=base.source,
                    description=description or base.description,
                    quantity=quantity.quantize(QUANTITY),
                    unit=base.unit,
                    minutes=minutes,
                    unit_price=price,
                    key=base.key,
                    time_entry_id=base.time_entry_id,
                    expense_id=base.expense_id,
                    stage_id=base.stage_id,
                )
            )
        else:
            if not description:
                errors[f"lines.{index}.description"] = [_("Describe the added line.")]
                continue
            new_lines.append(
                ActLine(
                    source=ActLine.Source.ADJUSTMENT,
                    description=description,
                    quantity=quantity.quantize(QUANTITY),
                    unit=ActLine.Unit.SERVICE,
                    unit_price=price,
                )
            )
    if errors:
        raise ValidationError(fields=errors)
    if not new_lines:
        raise ValidationError(_("A correction keeps at least one line."))
    number = (
        Act.objects.filter(corrects=original).order_by("-correction_no").values_list("correction_no").first() or (0,)
    )[0]
    correction = Act(
        matter=act.matter,
        client=act.client,
        act_date=act_date,
        period_start=act.period_start,
        period_end=act.period_end,
        is_final=act.is_final,
        corrects=original,
        correction_no=number + 1,
        correction_reason=reason,
        language=act.client.language or act.language,
        firm_profile=act.firm_profile,
        requisites=act.requisites,
        customer=_customer(act.client),
        vat_rate=act.vat_rate,
        vat_ground=act.vat_ground,
        signatory_name=by.full_name,
        signatory_position=act.signatory_position,
        client_signatory=act.client.signatory,
        acceptance_days=act.acceptance_days,
        issued_by=by,
    )
    _number(correction)
    correction.save()
    for line in new_lines:
        line.correction = True
    _save_lines(correction, new_lines)
    _total(correction, new_lines)
    correction.save(update_fields=["net", "vat", "gross"])
    _upd(correction)
    _queue_render(correction)
    _record(correction, by, "corrected")
    return correction


def act_render(act_id: int) -> bool:
    """Render an act's PDF (and its УПД's) once and store them (the worker calls it); False if nothing to do."""
    from django.core.files.base import ContentFile

    from ..pdf_acts import act_pdf, upd_pdf

    act = Act.objects.select_related("matter", "corrects", "firm_profile").filter(pk=act_id).first()
    if act is None:
        return False
    upd = Upd.objects.filter(act=act).first()
    done = False
    lines = list(act.lines.all())
    if not act.pdf:
        content = act_pdf(act, lines)
        with transaction.atomic():
            locked = Act.objects.select_for_update().get(pk=act.pk)
            if not locked.pdf:
                locked.pdf.save(f"{locked.number}.pdf", ContentFile(content), save=False)
                Act.objects.filter(pk=locked.pk).update(pdf=locked.pdf.name)
                done = True
    if upd is not None and not upd.pdf:
        content = upd_pdf(upd, act, lines)
        with transaction.atomic():
            locked = Upd.objects.select_for_update().get(pk=upd.pk)
            if not locked.pdf:
                locked.pdf.save(f"{locked.number.replace('/', '-')}.pdf", ContentFile(content), save=False)
                Upd.objects.filter(pk=locked.pk).update(pdf=locked.pdf.name)
                done = True
    return done
