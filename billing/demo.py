"""Billing's part of `make demo` (registered with portal.demo in BillingConfig.ready)."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from .models import FeeArrangement
from .services.advances import advance_request
from .services.fees import set_fee_arrangement
from .services.work import approve_work, record_expense, record_time, submit_work


def seed_billing(*, matter, lead, specialist, client_user, partner, hearing, **_):
    """An hourly arrangement, approved time and an expense, and the state duty's advance the hearing waits on."""
    today = timezone.localdate()
    set_fee_arrangement(
        by=lead,
        matter=matter,
        data={
            "kind": FeeArrangement.Kind.HOURLY,
            "valid_from": today - dt.timedelta(days=30),
            "default_rate": Decimal("5000.00"),
            "rates": {lead.pk: Decimal("7000.00")},
            "reason": "",
        },
    )
    entries = [
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
    ]
    for entry in entries:
        submit_work(by=entry.created_by, entry=entry)
        approve_work(by=lead, entry=entry)
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
