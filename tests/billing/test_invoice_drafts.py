"""A draft invoice is edited (lines included from the matter or entered by hand, changed, removed; its
dates planned) through the services, the API and the page; an issued invoice never changes."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from billing.models import Advance, FeeArrangement, FeeStageAmount, Invoice, InvoiceLine, WorkStatus
from billing.services.invoice_lines import (
    billable_advances,
    invoice_draft_dates,
    invoice_line_add,
    invoice_line_change,
    invoice_line_remove,
    invoice_lines_include,
)
from billing.services.invoices import invoice_draft, invoice_issue
from core.errors import InvalidState, NotPermitted, ValidationError
from matters.models import MatterType, Stage
from tests import factories_advances as fa
from tests.conftest import api_for, assert_404, assert_error, login
from tests.factories_billing import ExpenseFactory, FeeArrangementFactory, FirmProfileFactory, TimeEntryFactory

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 3, 10)


@pytest.fixture
def setup(world):
    """Matter A: hourly at 5000, two stages of a fixed fee are not in force (hourly is)."""
    FirmProfileFactory()
    FeeArrangementFactory(
        matter=world.a.matter,
        kind="hourly",
        fixed_amount=None,
        default_rate=Decimal("5000.00"),
        valid_from=dt.date(2025, 1, 1),
        created_by=world.a.lead,
    )
    entry = TimeEntryFactory(matter=world.a.matter, specialist=world.a.specialist, minutes=60, status="approved")
    expense = ExpenseFactory(matter=world.a.matter, specialist=world.a.specialist, status=WorkStatus.APPROVED)
    draft = invoice_draft(matter=world.a.matter, by=world.a.lead, fixed_amount=Decimal("1000"))
    return draft, entry, expense


def _stages(world):
    kind = MatterType.objects.create(name_ru="Арбитраж", name_en="Arbitration")
    claim = Stage.objects.create(matter_type=kind, order=1, name_ru="Иск", name_en="Claim")
    appeal = Stage.objects.create(matter_type=kind, order=2, name_ru="Апелляция", name_en="Appeal")
    world.a.matter.matter_type = kind
    world.a.matter.save()
    arrangement = FeeArrangementFactory(
        matter=world.a.matter,
        kind=FeeArrangement.Kind.FIXED_STAGES,
        fixed_amount=None,
        valid_from=dt.date(2026, 1, 1),
        created_by=world.a.lead,
    )
    FeeStageAmount.objects.create(arrangement=arrangement, stage=claim, amount=Decimal("40000.00"))
    FeeStageAmount.objects.create(arrangement=arrangement, stage=appeal, amount=Decimal("25000.00"))
    return claim, appeal


def _lines(invoice):
    return [(line.position, line.source, line.gross) for line in invoice.lines.order_by("position")]


def test_include_expenses_stages_and_advances_then_remove_and_they_are_billable_again(world, setup):
    draft, _entry, expense = setup
    claim, appeal = _stages(world)
    advance = fa.AdvanceFactory(matter=world.a.matter, amount=Decimal("3000.00"))
    invoice_lines_include(
        by=world.a.specialist,
        invoice=draft,
        expenses=[expense.pk],
        stages=[claim.pk],
        advances=[advance],
    )
    draft.refresh_from_db()
    assert [source for _p, source, _g in _lines(draft)] == ["fixed", "expense", "fixed", "advance"]
    assert draft.lines.get(stage=claim).gross == Decimal("40000.00")
    assert draft.gross == sum(line.gross for line in draft.lines.all())
    with pytest.raises(InvalidState):  # on this draft already
        invoice_lines_include(by=world.a.lead, invoice=draft, expenses=[expense])
    with pytest.raises(ValidationError):
        invoice_lines_include(by=world.a.lead, invoice=draft, stages=[claim])
    stage_line = draft.lines.get(stage=claim)
    invoice_line_remove(by=world.a.lead, invoice=draft, line=stage_line)
    draft.refresh_from_db()
    assert [position for position, _s, _g in _lines(draft)] == [1, 2, 3]
    assert draft.gross == sum(line.gross for line in draft.lines.all())
    invoice_lines_include(by=world.a.lead, invoice=draft, stages=[claim, appeal])
    assert draft.lines.filter(stage__isnull=False).count() == 2


def test_time_is_priced_by_the_arrangement_in_force(world, setup):
    draft, entry, _expense = setup
    invoice_lines_include(by=world.a.lead, invoice=draft, time_entries=[entry])
    assert draft.lines.get(source="time").gross == Decimal("5000.00")


def test_an_advance_the_client_pays_a_third_party_is_never_a_line(world, setup):
    draft, _entry, _expense = setup
    direct = fa.AdvanceFactory(matter=world.a.matter, payer=Advance.Payer.CLIENT_TO_THIRD_PARTY)
    cancelled = fa.AdvanceFactory(matter=world.a.matter, status=Advance.Status.CANCELLED)
    confirmed = fa.AdvanceFactory(
        matter=world.a.matter, status=Advance.Status.CONFIRMED, confirmed_amount=Decimal("2900.00")
    )
    other = fa.AdvanceFactory(matter=world.b.matter)
    assert list(billable_advances(world.a.matter)) == [confirmed]
    for refused in (direct, cancelled, other):
        with pytest.raises(ValidationError):
            invoice_lines_include(by=world.a.lead, invoice=draft, advances=[refused])
    invoice_lines_include(by=world.a.lead, invoice=draft, advances=[confirmed])
    assert draft.lines.get(source="advance").gross == Decimal("2900.00")  # what actually arrived


def test_manual_lines_are_added_changed_and_removed(world, setup):
    draft, _entry, _expense = setup
    line = invoice_line_add(
        by=world.a.lead, invoice=draft, description="Выезд в суд", quantity="2", unit_price="1500,50", unit="шт"
    )
    assert (line.position, line.source, line.gross) == (2, "manual", Decimal("3001.00"))
    for bad in ({"quantity": "0"}, {"unit_price": "-1"}, {"unit_price": "1.001"}, {"description": " "}):
        with pytest.raises(ValidationError):
            invoice_line_add(
                by=world.a.lead, invoice=draft, **({"description": "x", "quantity": 1, "unit_price": 1} | bad)
            )
    invoice_line_change(by=world.a.lead, invoice=draft, line=line, description="Выезд", unit_price=Decimal("100"))
    draft.refresh_from_db()
    assert draft.gross == Decimal("1200.00") and draft.lines.get(pk=line.pk).description == "Выезд"
    fixed = draft.lines.get(position=1)
    invoice_line_change(by=world.a.lead, invoice=draft, line=fixed, description="Фикс", quantity=Decimal("1"))
    invoice_line_remove(by=world.a.lead, invoice=draft, line=fixed)
    draft.refresh_from_db()
    assert _lines(draft) == [(1, "manual", Decimal("200.00"))] and draft.gross == Decimal("200.00")
    with pytest.raises(InvalidState):  # the last line: delete the draft instead
        invoice_line_remove(by=world.a.lead, invoice=draft, line=draft.lines.get())


def test_time_lines_change_only_their_description(world, setup):
    draft, entry, _expense = setup
    invoice_lines_include(by=world.a.lead, invoice=draft, time_entries=[entry])
    line = draft.lines.get(source="time")
    with pytest.raises(InvalidState):
        invoice_line_change(by=world.a.lead, invoice=draft, line=line, description="x", unit_price=Decimal("1"))
    invoice_line_change(by=world.a.lead, invoice=draft, line=line, description="Консультация")
    assert draft.lines.get(pk=line.pk).description == "Консультация"


def test_planned_dates_are_used_at_issue_and_kept_in_number_order(world, setup):
    draft, _entry, _expense = setup
    invoice_draft_dates(by=world.a.lead, invoice=draft, issue_date=DAY, due_date=DAY + dt.timedelta(days=10))
    with pytest.raises(ValidationError):
        invoice_draft_dates(by=world.a.lead, invoice=draft, issue_date=DAY, due_date=DAY - dt.timedelta(days=1))
    issued = invoice_issue(invoice=draft, by=world.a.lead)
    assert (issued.issue_date, issued.due_date) == (DAY, DAY + dt.timedelta(days=10))
    later = invoice_draft(matter=world.a.matter, by=world.a.lead, fixed_amount=Decimal("1"))
    with pytest.raises(ValidationError) as refused:
        invoice_draft_dates(by=world.a.lead, invoice=later, issue_date=DAY - dt.timedelta(days=1))
    assert "issue_date" in refused.value.fields
    with pytest.raises(ValidationError):
        invoice_issue(invoice=later, by=world.a.lead, issue_date=DAY - dt.timedelta(days=1))
    invoice_draft_dates(by=world.a.lead, invoice=later, issue_date=None)
    assert invoice_issue(invoice=later, by=world.a.lead).issue_date >= DAY


def test_an_issued_invoice_never_changes(world, setup):
    draft, entry, _expense = setup
    issued = invoice_issue(invoice=draft, by=world.a.lead, issue_date=DAY)
    line = issued.lines.get()
    before = (issued.gross, _lines(issued), issued.issue_date)
    attempts = [
        lambda: invoice_lines_include(by=world.a.lead, invoice=issued, time_entries=[entry]),
        lambda: invoice_line_add(by=world.a.lead, invoice=issued, description="x", quantity=1, unit_price=1),
        lambda: invoice_line_change(by=world.a.lead, invoice=issued, line=line, description="x"),
        lambda: invoice_line_remove(by=world.a.lead, invoice=issued, line=line),
        lambda: invoice_draft_dates(by=world.a.lead, invoice=issued, issue_date=DAY + dt.timedelta(days=1)),
    ]
    for attempt in attempts:
        with pytest.raises(InvalidState):
            attempt()
    issued.refresh_from_db()
    assert (issued.gross, _lines(issued), issued.issue_date) == before


def test_only_the_matters_lawyers_edit_a_draft(world, setup):
    draft, _entry, _expense = setup
    for outsider in (world.b.lead, world.a.user, world.secretary):
        with pytest.raises(NotPermitted):
            invoice_line_add(by=outsider, invoice=draft, description="x", quantity=1, unit_price=1)
    other_line = invoice_draft(matter=world.b.matter, by=world.b.lead, fixed_amount=Decimal("5")).lines.get()
    with pytest.raises(NotPermitted):  # a line of another invoice
        invoice_line_remove(by=world.a.lead, invoice=draft, line=other_line)


def test_the_api_edits_a_draft_and_refuses_an_issued_one(world, setup):
    draft, entry, _expense = setup
    api = api_for(world.a.lead)
    url = f"/api/invoices/{draft.pk}/"
    added = api.post(url + "lines/", {"description": "Выезд", "quantity": "1", "unit_price": "500.00"})
    assert added.status_code == 201, added.content
    line_id = added.json()["lines"][-1]["id"]
    assert added.json()["gross"] == "1500.00"
    included = api.post(url + "lines/include/", {"time_entries": [entry.pk]}, format="json")
    assert included.status_code == 200 and [line["source"] for line in included.json()["lines"]][-1] == "time"
    assert_error(api.post(url + "lines/include/", {"advances": [10**6]}, format="json"), 400, "invalid", ["advances"])
    changed = api.patch(url + f"lines/{line_id}/", {"description": "Выезд в суд", "unit_price": "700.00"})
    assert changed.status_code == 200 and changed.json()["gross"] == "6700.00"
    removed = api.delete(url + f"lines/{line_id}/")
    assert removed.status_code == 200 and len(removed.json()["lines"]) == 2
    dated = api.patch(url, {"issue_date": "2026-03-10"})
    assert dated.status_code == 200 and dated.json()["issue_date"] == "2026-03-10"
    assert_404(api_for(world.b.lead).post(url + "lines/", {"description": "x", "quantity": "1", "unit_price": "1"}))
    api.post(url + "issue/", {})
    assert_error(
        api.post(url + "lines/", {"description": "x", "quantity": "1", "unit_price": "1"}), 409, "invalid_state"
    )
    line = Invoice.objects.get(pk=draft.pk).lines.first()
    assert_error(api.delete(url + f"lines/{line.pk}/"), 409, "invalid_state")
    assert_error(api.patch(url, {"issue_date": "2026-12-01"}), 409, "invalid_state")


def test_the_page_edits_a_draft(world, setup):
    draft, entry, _expense = setup
    advance = fa.AdvanceFactory(matter=world.a.matter, purpose="Пошлина за иск")
    client = login(Client(), world.a.lead)
    detail = reverse("billing:invoice_detail", args=[draft.pk])
    # The new-draft form of the matter offers the advance as a line too.
    invoices_page = client.get(reverse("billing:matter_invoices", args=[world.a.matter.pk])).content.decode()
    assert f'name="advances" value="{advance.pk}"' in invoices_page
    page = client.get(detail).content.decode()
    assert 'id="include"' in page and 'id="line"' in page and 'id="dates"' in page and "Пошлина за иск" in page
    response = client.post(
        reverse("billing:invoice_lines_include", args=[draft.pk]),
        {"advances": [advance.pk], "time_entries": [entry.pk]},
    )
    assert response.status_code == 302
    assert {line.source for line in draft.lines.all()} == {"fixed", "time", "advance"}
    bad = client.post(reverse("billing:invoice_line_add", args=[draft.pk]), {"description": "x", "quantity": "0"})
    assert bad.status_code == 400
    client.post(
        reverse("billing:invoice_line_add", args=[draft.pk]),
        {"description": "Копии", "quantity": "3", "unit_price": "10"},
    )
    manual = draft.lines.get(source=InvoiceLine.Source.MANUAL)
    client.post(
        reverse("billing:invoice_line_change", args=[draft.pk, manual.pk]),
        {"description": "Копии документов", "quantity": "4", "unit_price": "10"},
    )
    manual.refresh_from_db()
    assert (manual.description, manual.gross) == ("Копии документов", Decimal("40.00"))
    client.post(reverse("billing:invoice_line_remove", args=[draft.pk, manual.pk]))
    assert not draft.lines.filter(source="manual").exists()
    assert (
        client.post(reverse("billing:invoice_dates", args=[draft.pk]), {"issue_date": "2026-03-10"}).status_code == 302
    )
    draft.refresh_from_db()
    assert draft.issue_date == DAY
    client.post(reverse("billing:invoice_issue", args=[draft.pk]))
    page = client.get(detail).content.decode()
    assert 'id="include"' not in page and 'id="line"' not in page and "Change or remove" not in page
    refused = client.post(
        reverse("billing:invoice_line_add", args=[draft.pk]), {"description": "x", "quantity": "1", "unit_price": "1"}
    )
    assert refused.status_code in (400, 409) and Invoice.objects.get(pk=draft.pk).lines.count() == 3
