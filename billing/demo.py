"""Billing's part of `make demo` (registered with portal.demo in BillingConfig.ready).

`seed_demo` calls the seeder once, inside its transaction, and only on a fresh database (it stops
before the seeders when the demo's people exist); each step below also checks that its own piece is
not there yet, so calling the seeder again adds nothing. Everything goes through billing's services,
as a person in the portal would do it. The PDFs of the invoice and the act are queued for the worker
on commit (the file broker on a bare machine: no Redis needed); only the work report is rendered here,
synchronously, because it is small and the client's "download the report" should work at once.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from .models import Act, Claim, FeeArrangement, Invoice, WorkReport
from .services.act_answers import act_dispatch
from .services.acts import act_issue
from .services.advances import advance_request
from .services.claims import claim_file
from .services.fees import set_fee_arrangement
from .services.firm import firm_profile_ensure
from .services.invoices import invoice_draft, invoice_issue
from .services.payments import payment_match, payment_record
from .services.reports import report_render, report_request
from .services.work import approve_work, record_expense, record_time, submit_work

PART_PAYMENT = Decimal("10000.00")


def last_month(today: dt.date) -> tuple[dt.date, dt.date]:
    """The first and the last day of the month before `today`'s."""
    end = today.replace(day=1) - dt.timedelta(days=1)
    return end.replace(day=1), end


def _approved(entries, lead) -> list:
    for entry in entries:
        submit_work(by=entry.created_by, entry=entry)
        approve_work(by=lead, entry=entry)
    return entries


def seed_billing(*, matter, lead, specialist, client_user, partner, hearing, **_):
    """An hourly arrangement; last month's approved time under an act the partner issued and published in
    the portal; this month's time and an expense on an invoice the client has partly paid; the state duty's
    advance the hearing waits on; the client's open claim about a delay; the work report, ready."""
    today = timezone.localdate()
    month_start, month_end = last_month(today)
    firm_profile_ensure(by=partner)
    if FeeArrangement.objects.filter(matter=matter).exists():
        return  # billing's demo is there already
    set_fee_arrangement(
        by=lead,
        matter=matter,
        data={
            "kind": FeeArrangement.Kind.HOURLY,
            "valid_from": min(month_start, today - dt.timedelta(days=30)),
            "default_rate": Decimal("5000.00"),
            "rates": {lead.pk: Decimal("7000.00")},
            "reason": "",
        },
    )
    acted = _approved(
        [
            record_time(
                by=lead,
                matter=matter,
                date=month_start + dt.timedelta(days=9),
                minutes=120,
                description="Анализ договора долевого участия и переписки с застройщиком, правовая позиция",
            ),
            record_time(
                by=specialist,
                matter=matter,
                date=month_start + dt.timedelta(days=16),
                minutes=150,
                description="Сбор документов о просрочке, запрос в банк о платёжном поручении",
            ),
        ],
        lead,
    )
    current = _approved(
        [
            record_time(
                by=specialist,
                matter=matter,
                date=today - dt.timedelta(days=3),
                minutes=90,
                description="Расчёт неустойки за 270 дней просрочки",
            ),
            record_time(
                by=lead,
                matter=matter,
                date=today - dt.timedelta(days=2),
                minutes=60,
                description="Проверка проекта претензии, звонок клиенту",
            ),
            record_expense(
                by=specialist,
                matter=matter,
                date=today - dt.timedelta(days=2),
                category="postage",
                amount=Decimal("450.00"),
                description="Претензия застройщику заказным письмом",
            ),
        ],
        lead,
    )
    advance_request(
        matter=matter,
        by=lead,
        amount=Decimal("6000.00"),
        purpose="Государственная пошлина за подачу иска о взыскании неустойки",
        category="state_duty",
        due_on=today + dt.timedelta(days=5),
        hearing=hearing,
        payer="third_party",
        recipient_name="Казначейство России (ФНС России)",
        recipient_bank="ОКЦ № 2 ГУ Банка России по ЦФО // УФК по Тульской области",
        recipient_inn="7727406020",
        recipient_kpp="770801001",
        recipient_account="03100643000000018500",
        recipient_bik="017003983",
        recipient_corr_account="40102810445370000059",
        kbk="18210803010011050110",
        oktmo="65701000",
    )
    seed_invoice(matter=matter, lead=lead, partner=partner, work=current)
    seed_act(matter=matter, partner=partner, period=(month_start, month_end), work=acted)
    seed_claim(matter=matter, client_user=client_user)
    seed_report(matter=matter, client_user=client_user, period=(month_start, today))


def seed_invoice(*, matter, lead, partner, work) -> Invoice | None:
    """This month's work invoiced by the lead; the client paid part of it, matched by hand by the partner."""
    if Invoice.objects.filter(matter=matter).exclude(status=Invoice.Status.DRAFT).exists():
        return None
    from .models import TimeEntry

    time_entries = [w for w in work if isinstance(w, TimeEntry)]
    expenses = [w for w in work if not isinstance(w, TimeEntry)]
    invoice = invoice_draft(by=lead, matter=matter, time_entries=time_entries, expenses=expenses)
    invoice = invoice_issue(by=lead, invoice=invoice)
    client = matter.client
    payment = payment_record(
        by=partner,
        amount=PART_PAYMENT,
        date=timezone.localdate(),
        payer_name=client.name,
        payer_inn=client.inn,
        purpose=f"Оплата по счёту № {invoice.number} (частично). Без НДС",
    )
    if payment.status != payment.Status.MATCHED:
        payment_match(payment=payment, by=partner, invoice_id=invoice.pk)
    invoice.refresh_from_db()
    return invoice


def seed_act(*, matter, partner, period, work) -> Act | None:
    """Last month's approved work on an act the partner issued today and published in the portal: the
    client's dashboard asks it to accept the act (or object) within the acceptance period."""
    if Act.objects.filter(matter=matter).exists():
        return None
    start, end = period
    act = act_issue(
        by=partner,
        matter=matter,
        period_start=start,
        period_end=end,
        keys=[f"time:{entry.pk}" for entry in work],
        signatory_position="Управляющий партнёр",
    )
    act_dispatch(by=partner, act=act, channel="portal")
    return act


def seed_claim(*, matter, client_user) -> Claim | None:
    """The client's claim about a delay, still awaiting the firm's answer (the partner sees its deadline)."""
    if Claim.objects.filter(matter=matter).exists():
        return None
    today = timezone.localdate()
    return claim_file(
        by=client_user,
        matter=matter,
        subject=Claim.Subject.TIMELINESS,
        description="Проект претензии застройщику обещали подготовить к "
        f"{(today - dt.timedelta(days=10)):%d.%m.%Y}, а прислали только через неделю. "
        "Прошу снизить вознаграждение за этот месяц.",
        personal_needs=True,
        ask_fee_reduction=Decimal("3500.00"),
        agreed_on=today - dt.timedelta(days=10),
        performed_on=today - dt.timedelta(days=3),
    )


def seed_report(*, matter, client_user, period) -> WorkReport | None:
    """The client's report of work since last month, rendered here (a page or two: well under a second)
    so it is ready to download at once; the worker's copy of the job finds it ready and does nothing."""
    start, end = period
    report = report_request(by=client_user, matter=matter, period_start=start, period_end=end)
    if report.status != WorkReport.Status.READY:
        report_render(report.pk)
        report.refresh_from_db()
    return report
