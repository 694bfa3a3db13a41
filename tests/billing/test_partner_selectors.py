"""The partner's view's figures against hand-computed data (Decimal to the kopeck), and the fixed number
of queries whatever the volume: billing.selectors.partner."""

import datetime as dt
from decimal import Decimal

import pytest

from billing.models import Act, Advance, Claim, FeeRate, Invoice, InvoiceLine, Payment, Termination, WorkStatus
from billing.selectors import partner as sel
from core.errors import NotPermitted
from tests import factories as f
from tests.factories_acts import ActFactory
from tests.factories_advances import AdvanceFactory
from tests.factories_billing import ExpenseFactory, FeeArrangementFactory, TimeEntryFactory
from tests.factories_claims import ClaimFactory
from tests.factories_invoices import InvoiceFactory
from tests.factories_payments import PaymentFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 15)
D = Decimal


def _invoice(matter, *, issued, gross, status=Invoice.Status.ISSUED, paid="0.00", due=None):
    return InvoiceFactory(
        matter=matter,
        status=status,
        issue_date=issued,
        due_date=due or issued + dt.timedelta(days=5),
        net=D(gross),
        gross=D(gross),
        paid=D(paid),
    )


def _act(matter, day, gross, *, net=None, vat="0.00", vat_rate=None, **kw):
    net = net if net is not None else gross
    return ActFactory(matter=matter, act_date=day, period_start=day.replace(day=1), period_end=day, net=D(net),
                      vat=D(vat), gross=D(gross), vat_rate=vat_rate, **kw)  # fmt: skip


def _terminated(matter, by, day):
    return Termination.objects.create(matter=matter, terminated_on=day, channel=Termination.Channel.PORTAL,
                                      recorded_by=by, balance=D("0.00"))  # fmt: skip


def test_acts_by_month_and_by_the_clients_answer(world):
    a, b = world.a.matter, world.b.matter
    A = Act.Answer
    _act(a, dt.date(2026, 5, 10), "122.00", net="100.00", vat="22.00", vat_rate=D("22"), answer=A.ACCEPTED)
    silent = _act(
        a,
        dt.date(2026, 5, 20),
        "244.00",
        net="200.00",
        vat="44.00",
        vat_rate=D("22"),
        acceptance_due=dt.date(2026, 6, 1),
    )  # fmt: skip  (past its period, not swept yet: deemed)
    _act(b, dt.date(2026, 6, 1), "50.00", acceptance_due=dt.date(2026, 6, 20))  # awaiting, period running
    corrected = _act(a, dt.date(2026, 6, 2), "300.00", answer=A.OBJECTED, objection="Не те часы")
    _act(a, dt.date(2026, 6, 10), "280.00", corrects=corrected, correction_no=1)  # awaiting, not yet sent
    objected = _act(b, dt.date(2026, 4, 5), "500.00", answer=A.OBJECTED, objection="Услуги не оказаны",
                    answered_at=sel.dt.datetime(2026, 4, 9, tzinfo=dt.UTC))  # fmt: skip
    swept = _act(a, dt.date(2026, 3, 1), "10.00", answer=A.DEEMED, acceptance_due=dt.date(2026, 3, 10))
    _act(b, dt.date(2025, 5, 31), "1000.00", answer=A.ACCEPTED)  # before the twelve months
    # A correction of a correction: only the latest stands.
    first = _act(b, dt.date(2026, 1, 10), "70.00", answer=A.OBJECTED)
    _act(b, dt.date(2026, 1, 11), "60.00", corrects=first, correction_no=1)
    _act(b, dt.date(2026, 1, 12), "40.00", corrects=first, correction_no=2, answer=A.ACCEPTED)

    data = sel.acts_summary(world.partner, TODAY)
    months = {row["month"]: row for row in data["months"]}
    assert len(data["months"]) == 12 and data["months"][0]["month"] == dt.date(2025, 7, 1)
    assert months[dt.date(2026, 1, 1)] == {"month": dt.date(2026, 1, 1), "count": 1, "net": D("40.00"),
                                           "vat": D("0.00"), "gross": D("40.00")}  # fmt: skip
    assert months[dt.date(2026, 3, 1)]["count"] == 1 and months[dt.date(2026, 3, 1)]["gross"] == D("10.00")
    assert months[dt.date(2026, 4, 1)]["gross"] == D("500.00")
    assert (months[dt.date(2026, 5, 1)]["count"], months[dt.date(2026, 5, 1)]["net"]) == (2, D("300.00"))
    assert (months[dt.date(2026, 5, 1)]["vat"], months[dt.date(2026, 5, 1)]["gross"]) == (D("66.00"), D("366.00"))
    assert (months[dt.date(2026, 6, 1)]["count"], months[dt.date(2026, 6, 1)]["gross"]) == (2, D("330.00"))
    assert months[dt.date(2025, 12, 1)]["count"] == 0 and months[dt.date(2025, 12, 1)]["gross"] == D("0.00")
    assert (data["count"], data["net"], data["vat"], data["gross"]) == (7, D("1180.00"), D("66.00"), D("1246.00"))
    states = {s["key"]: (s["count"], s["gross"]) for s in data["states"]}
    assert states == {
        "awaiting": (2, D("330.00")),
        "accepted": (3, D("1162.00")),
        "deemed": (2, D("254.00")),
        "objected": (1, D("500.00")),
    }
    assert data["objected"] == [objected] and data["objected_more"] == 0
    assert [(r["act"], r["days_past"]) for r in data["unanswered"]] == [(silent, 14), (swept, 97)]
    assert data["unanswered_count"] == 2 and data["unanswered_more"] == 0


def test_acts_are_listed_up_to_the_limit_with_the_rest_counted(world):
    for day in range(1, 4):
        _act(world.a.matter, dt.date(2026, 6, day), "1.00", answer=Act.Answer.OBJECTED)
    data = sel.acts_summary(world.partner, TODAY, limit=2)
    assert [a.act_date.day for a in data["objected"]] == [3, 2] and data["objected_more"] == 1


def test_open_claims_overdue_first_with_the_final_acts_to_issue(world):
    late = ClaimFactory(matter=world.b.matter, response_due_on=dt.date(2026, 6, 12), regime=Claim.Regime.CONSUMER,
                        response_days=10)  # fmt: skip
    soon = ClaimFactory(matter=world.a.matter, response_due_on=dt.date(2026, 6, 20))
    today = ClaimFactory(matter=world.a.matter, response_due_on=TODAY)
    ClaimFactory(matter=world.a.matter, response_due_on=dt.date(2026, 6, 1), status=Claim.Status.REJECTED,
                 decided_by=world.partner, decided_at=sel.dt.datetime(2026, 6, 2, tzinfo=dt.UTC),
                 decision_text="Нет оснований")  # fmt: skip
    waiting = _terminated(world.a.matter, world.a.lead, dt.date(2026, 6, 5))
    done = f.MatterFactory(client=world.b.client, lead=world.b.lead)
    closed = _terminated(done, world.b.lead, dt.date(2026, 5, 5))
    closed.final_act_issued_at = sel.dt.datetime(2026, 5, 6, tzinfo=dt.UTC)
    closed.save()

    data = sel.claims_open(world.partner, TODAY)
    assert [(r["claim"], r["overdue"], r["days"]) for r in data["claims"]] == [
        (late, True, 3), (today, False, 0), (soon, False, 5)
    ]  # fmt: skip
    assert (data["open"], data["overdue"], data["more"]) == (3, 1, 0)
    assert data["claims"][0]["claim"].get_regime_display() == Claim.Regime.CONSUMER.label
    assert [(r["termination"], r["days"]) for r in data["final_acts"]] == [(waiting, 10)]
    assert data["final_acts"][0]["termination"].final_act_url.startswith(f"/matters/{world.a.matter.pk}/acts/new/")


def test_revenue_by_month_sums_issued_invoices_and_received_payments(world):
    m = world.a.matter
    _invoice(m, issued=dt.date(2026, 6, 1), gross="1000.10")
    _invoice(m, issued=dt.date(2026, 6, 10), gross="2000.20", status=Invoice.Status.PAID, paid="2000.20")
    _invoice(m, issued=dt.date(2026, 4, 5), gross="500.05", status=Invoice.Status.PARTLY_PAID, paid="100.00")
    _invoice(world.b.matter, issued=dt.date(2026, 6, 2), gross="9999.00", status=Invoice.Status.CANCELLED)
    _invoice(m, issued=dt.date(2025, 6, 30), gross="700.00")  # before the twelve months
    InvoiceFactory(matter=m, status=Invoice.Status.DRAFT, year=None, seq=None, number="", issue_date=None)
    PaymentFactory(date=dt.date(2026, 6, 3), amount=D("300.30"), status=Payment.Status.MATCHED)
    PaymentFactory(date=dt.date(2026, 6, 14), amount=D("0.70"))
    PaymentFactory(date=dt.date(2026, 6, 1), amount=D("50.00"), status=Payment.Status.IGNORED)
    PaymentFactory(date=dt.date(2026, 1, 31), amount=D("1234.56"))
    PaymentFactory(date=dt.date(2026, 6, 16), amount=D("99.00"))  # after today

    revenue = sel.revenue_by_month(world.partner, TODAY)

    months = revenue["months"]
    assert [m["month"] for m in months] == [dt.date(2025, 7, 1)] + [dt.date(2025, 8 + i, 1) for i in range(5)] + [
        dt.date(2026, i, 1) for i in range(1, 7)
    ]
    by = {m["month"]: m for m in months}
    assert by[dt.date(2026, 6, 1)] == {
        "month": dt.date(2026, 6, 1),
        "invoiced": D("3000.30"),
        "invoices": 2,
        "received": D("301.00"),
        "payments": 2,
    }
    assert (by[dt.date(2026, 4, 1)]["invoiced"], by[dt.date(2026, 4, 1)]["invoices"]) == (D("500.05"), 1)
    assert (by[dt.date(2026, 1, 1)]["received"], by[dt.date(2026, 1, 1)]["payments"]) == (D("1234.56"), 1)
    assert by[dt.date(2025, 7, 1)]["invoiced"] == D("0.00")
    assert revenue["invoiced"] == D("3500.35") and revenue["received"] == D("1535.56")
    assert all(isinstance(m["invoiced"], Decimal) and isinstance(m["received"], Decimal) for m in months)


def test_receivables_are_bucketed_by_days_past_the_due_date(world):
    m, old = world.a.matter, dt.date(2025, 1, 10)
    _invoice(m, issued=old, gross="1000.10", due=dt.date(2026, 6, 20))  # not due
    _invoice(m, issued=old, gross="5.00", due=TODAY)  # due today: not overdue
    _invoice(m, issued=old, gross="500.05", paid="100.00", status=Invoice.Status.PARTLY_PAID, due=dt.date(2026, 5, 16))
    _invoice(m, issued=old, gross="250.00", due=dt.date(2026, 5, 15))  # 31 days
    _invoice(m, issued=old, gross="80.00", due=dt.date(2026, 3, 17))  # 90 days
    _invoice(m, issued=old, gross="20.00", due=dt.date(2026, 3, 16))  # 91 days
    _invoice(world.b.matter, issued=old, gross="700.00", due=dt.date(2025, 7, 5))
    _invoice(m, issued=old, gross="400.00", status=Invoice.Status.PAID, paid="400.00", due=dt.date(2026, 1, 1))
    _invoice(m, issued=old, gross="300.00", status=Invoice.Status.CANCELLED, due=dt.date(2026, 1, 1))

    ages = sel.receivables_by_age(world.partner, TODAY)

    assert [(b["key"], b["amount"], b["invoices"]) for b in ages["buckets"]] == [
        ("not_due", D("1005.10"), 2),
        ("d1_30", D("400.05"), 1),
        ("d31_60", D("250.00"), 1),
        ("d61_90", D("80.00"), 1),
        ("d90_plus", D("720.00"), 2),
    ]
    assert (ages["total"], ages["overdue"], ages["invoices"]) == (D("2455.15"), D("1450.05"), 7)


def test_unbilled_work_is_valued_as_an_invoice_would_price_it(world):
    a, b = world.a, world.b
    FeeArrangementFactory(matter=a.matter, kind="hourly", fixed_amount=None, default_rate=D("500"),
                          valid_from=dt.date(2025, 1, 1), created_by=a.lead)  # fmt: skip
    hourly = FeeArrangementFactory(matter=a.matter, kind="hourly", fixed_amount=None, default_rate=D("1000.00"),
                                   valid_from=dt.date(2026, 1, 1), created_by=a.lead)  # fmt: skip
    FeeRate.objects.create(arrangement=hourly, specialist=a.specialist, rate=D("4500.00"))
    FeeArrangementFactory(
        matter=a.matter,
        kind="hourly",
        fixed_amount=None,
        default_rate=D("9999"),
        valid_from=dt.date(2026, 7, 1),
        created_by=a.lead,
    )  # fmt: skip  (not yet in force)
    FeeArrangementFactory(matter=b.matter, created_by=b.lead, valid_from=dt.date(2026, 1, 1))  # a fixed fee

    def time(matter, who, minutes, **kw):
        return TimeEntryFactory(matter=matter, specialist=who, minutes=minutes, status=WorkStatus.APPROVED, **kw)

    time(a.matter, a.specialist, 50)  # 4500 × 50 / 60 = 3750.00
    time(a.matter, a.specialist, 50)  # 3750.00
    time(a.matter, a.lead, 7)  # 1000 × 7 / 60 = 116.666… → 116.67
    time(a.matter, a.lead, 1)  # 16.666… → 16.67 (per entry, as the invoice's lines round)
    time(a.matter, a.lead, 1)  # 16.67
    time(a.matter, a.specialist, 600, billable=False)
    TimeEntryFactory(matter=a.matter, specialist=a.specialist, minutes=600, status=WorkStatus.SUBMITTED)
    TimeEntryFactory(matter=a.matter, specialist=a.specialist, minutes=600, status=WorkStatus.BILLED)
    on_draft = time(a.matter, a.specialist, 600)
    on_cancelled = time(a.matter, a.specialist, 10)  # 750.00: its invoice was cancelled
    draft = InvoiceFactory(matter=a.matter, status=Invoice.Status.DRAFT, year=None, seq=None, number="")
    cancelled = InvoiceFactory(matter=a.matter, status=Invoice.Status.CANCELLED)
    for invoice, entry in ((draft, on_draft), (cancelled, on_cancelled)):
        InvoiceLine.objects.create(invoice=invoice, position=2, source="time", description="t", quantity=D(1),
                                   minutes=entry.minutes, unit_price=D(1), time_entry=entry)  # fmt: skip
    ExpenseFactory(matter=a.matter, specialist=a.specialist, amount=D("6000.00"), status=WorkStatus.APPROVED)
    ExpenseFactory(matter=a.matter, specialist=a.specialist, amount=D("0.45"), status=WorkStatus.APPROVED)
    ExpenseFactory(matter=a.matter, specialist=a.specialist, amount=D("77.00"), status=WorkStatus.DRAFT)
    time(b.matter, b.specialist, 30)  # a fixed fee: counted, not valued
    ExpenseFactory(matter=b.matter, specialist=b.specialist, amount=D("100.00"), status=WorkStatus.APPROVED)

    unbilled = sel.unbilled_work(world.partner, TODAY)

    first, second = unbilled["matters"]
    assert first["matter"] == a.matter and second["matter"] == b.matter
    assert (first["time"], first["expenses"], first["total"]) == (D("8400.01"), D("6000.45"), D("14400.46"))
    assert (first["minutes"], first["unpriced_minutes"], first["entries"]) == (119, 0, 8)
    assert (second["time"], second["expenses"], second["total"]) == (D("0.00"), D("100.00"), D("100.00"))
    assert (second["minutes"], second["unpriced_minutes"]) == (30, 30)
    assert (unbilled["total"], unbilled["time"], unbilled["expenses"]) == (D("14500.46"), D("8400.01"), D("6100.45"))
    assert unbilled["unpriced_minutes"] == 30 and unbilled["more"] == 0
    top = sel.unbilled_work(world.partner, TODAY, top=1)
    assert [m["matter_id"] for m in top["matters"]] == [a.matter.pk] and top["more"] == 1
    assert top["total"] == D("14500.46")


def test_overdue_advances_are_the_unpaid_ones_past_their_date_with_their_action(world):
    m = world.a.matter
    late = AdvanceFactory(matter=m, due_on=dt.date(2026, 6, 10), amount=D("3000.00"), filing="Исковое заявление")
    AdvanceFactory(matter=m, due_on=TODAY)
    AdvanceFactory(matter=m, due_on=dt.date(2026, 6, 1), status=Advance.Status.PAID_CLAIMED)
    AdvanceFactory(matter=m, due_on=dt.date(2026, 5, 1), overridden_by=world.partner)
    AdvanceFactory(matter=m, due_on=dt.date(2026, 5, 1), status=Advance.Status.CANCELLED)
    task_funded = AdvanceFactory(matter=world.b.matter, due_on=dt.date(2026, 6, 14), amount=D("150.50"),
                                 task=world.b.task)  # fmt: skip

    overdue = sel.overdue_advances(world.partner, TODAY)

    assert [(r["advance"], r["days_overdue"]) for r in overdue["advances"]] == [(late, 5), (task_funded, 1)]
    assert overdue["advances"][0]["advance"].action_label == "Исковое заявление"
    assert overdue["advances"][1]["advance"].action_label == str(world.b.task)
    assert (overdue["count"], overdue["total"], overdue["more"]) == (2, D("3150.50"), 0)


def test_hours_per_specialist_this_month_and_the_last_billable_or_not(world):
    a = world.a
    s, lead = a.specialist, a.lead

    def time(who, day, minutes, status=WorkStatus.SUBMITTED, billable=True):
        TimeEntryFactory(matter=a.matter, specialist=who, date=day, minutes=minutes, status=status, billable=billable)

    time(s, dt.date(2026, 6, 1), 90)
    time(s, dt.date(2026, 6, 15), 30, WorkStatus.APPROVED)
    time(s, dt.date(2026, 6, 2), 20, WorkStatus.BILLED, billable=False)
    time(s, dt.date(2026, 6, 3), 60, WorkStatus.DRAFT)  # a draft: not counted
    time(s, dt.date(2026, 5, 31), 45)
    time(s, dt.date(2026, 4, 30), 100)  # before last month
    time(s, dt.date(2026, 6, 16), 100)  # after today
    time(lead, dt.date(2026, 5, 1), 15, billable=False)

    hours = sel.hours_by_specialist(world.partner, TODAY)

    assert (hours["this_month"], hours["last_month"]) == (dt.date(2026, 6, 1), dt.date(2026, 5, 1))
    people = {p["specialist_id"]: p for p in hours["people"]}
    assert {k: people[s.pk][k] for k in ("this_billable", "this_other", "last_billable", "last_other")} == {
        "this_billable": 120,
        "this_other": 20,
        "last_billable": 45,
        "last_other": 0,
    }
    assert (people[lead.pk]["last_other"], people[lead.pk]["this_billable"]) == (15, 0)
    assert hours["totals"] == {"this_billable": 120, "this_other": 20, "last_billable": 45, "last_other": 15}


def test_month_start_goes_back_across_years():
    assert sel.month_start(dt.date(2026, 1, 31), 1) == dt.date(2025, 12, 1)
    assert sel.month_start(dt.date(2026, 6, 15), 11) == dt.date(2025, 7, 1)
    assert sel.month_start(dt.date(2026, 12, 1), 0) == dt.date(2026, 12, 1)


@pytest.mark.parametrize("role", ["lead", "specialist", "user", "secretary"])
def test_only_partners_get_the_overview(world, role):
    user = world.secretary if role == "secretary" else getattr(world.a, role)
    with pytest.raises(NotPermitted):
        sel.partner_overview(user=user, today=TODAY)
    with pytest.raises(NotPermitted):
        sel.invoices_for_export(user=user, date_from=TODAY, date_to=TODAY)


def _volume(world, n):
    for i in range(n):
        for side in (world.a, world.b):
            matter = f.MatterFactory(client=side.client, lead=side.lead, specialists=[side.specialist])
            arrangement = FeeArrangementFactory(matter=matter, kind="hourly", fixed_amount=None,
                                                default_rate=D("1000"), valid_from=dt.date(2026, 1, 1))  # fmt: skip
            FeeRate.objects.create(arrangement=arrangement, specialist=side.specialist, rate=D("2000"))
            TimeEntryFactory(matter=matter, specialist=side.specialist, minutes=10 + i, status=WorkStatus.APPROVED,
                             date=dt.date(2026, 6, 1))  # fmt: skip
            ExpenseFactory(matter=matter, specialist=side.specialist, status=WorkStatus.APPROVED)
            _invoice(matter, issued=dt.date(2026, 5, 1 + i), gross="10.00", due=dt.date(2026, 5, 6))
            PaymentFactory(date=dt.date(2026, 5, 2 + i), client=side.client)
            AdvanceFactory(matter=matter, due_on=dt.date(2026, 6, 1))
            original = ActFactory(matter=matter, act_date=dt.date(2026, 5, 1), answer=Act.Answer.OBJECTED,
                                  objection="Не согласны")  # fmt: skip
            _act(original.matter, dt.date(2026, 5, 2), "10.00", corrects=original, correction_no=1)
            _act(matter, dt.date(2026, 5, 3), "10.00", acceptance_due=dt.date(2026, 5, 10))
            ClaimFactory(matter=matter, response_due_on=dt.date(2026, 6, 1 + i))
            _terminated(matter, world.partner, dt.date(2026, 6, 1))


# revenue 2, receivables 1, acts 4, unbilled 3, advances 2, hours 1, claims and final acts 3
OVERVIEW_QUERIES = 16


@pytest.mark.parametrize("n", [1, 8])
def test_the_overview_runs_a_fixed_number_of_queries(world, n, django_assert_num_queries):
    _volume(world, n)
    with django_assert_num_queries(OVERVIEW_QUERIES):
        sections = sel.partner_overview(user=world.partner, today=TODAY)
        # Reading what the page reads (the matter heads, the advances' matters and actions) adds none.
        for _section, data in sections:
            for row in data.get("matters", []):
                str(row["matter"].client.name)
            for row in data.get("advances", []):
                str(row["advance"].matter.client.name), row["advance"].action_label
            for act in data.get("objected", []):
                str(act.matter.number), str(act.client.name)
            for row in data.get("unanswered", []):
                str(row["act"].matter.number), str(row["act"].client.name)
            for row in data.get("claims", []):
                str(row["claim"].matter.client.name), row["claim"].get_regime_display()
            for row in data.get("final_acts", []):
                str(row["termination"].matter.client.name), row["termination"].final_act_url
    keys = [s.key for s, _d in sections]
    assert keys == ["revenue", "receivables", "acts", "unbilled", "advances", "hours", "claims_open"]


def test_a_section_registers_in_its_place():
    saved = list(sel.SECTIONS)
    try:
        sel.register(sel.Section("acts", "Acts", "x.html", lambda user, today: {}), after="receivables")
        sel.register(sel.Section("claims_open", "Claims", "y.html", lambda user, today: {}))
        sel.register(sel.Section("extra", "Extra", "z.html", lambda user, today: {}), after="revenue")
        assert [s.key for s in sel.SECTIONS] == [
            "revenue", "extra", "receivables", "acts", "unbilled", "advances", "hours", "claims_open"
        ]  # fmt: skip
    finally:
        sel.SECTIONS[:] = saved
