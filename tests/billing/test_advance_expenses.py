"""Spending a confirmed advance is the expense it paid: recorded with it or linked to an approved one;
such an expense is covered by the advance and never billed on an invoice; the balance is unchanged."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from billing.models import Advance, Expense, WorkStatus
from billing.selectors.advances import advance_balance
from billing.services import advances as s
from billing.services.invoice_lines import billable_expenses
from billing.services.invoices import invoice_draft
from billing.services.work import update_work
from core.errors import InvalidState, ValidationError
from tests import factories_advances as fa
from tests.conftest import api_for, assert_error, login
from tests.factories_billing import ExpenseFactory

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 12, 1)


@pytest.fixture
def advance(world):
    return fa.AdvanceFactory(
        matter=world.a.matter,
        amount=Decimal("10000.00"),
        status=Advance.Status.CONFIRMED,
        confirmed_amount=Decimal("10000.00"),
        category=Advance.Category.STATE_DUTY,
    )


def _approved(world, amount="6000.00", **kw):
    return ExpenseFactory(
        matter=world.a.matter, specialist=world.a.specialist, status=WorkStatus.APPROVED, amount=Decimal(amount), **kw
    )


def test_spending_records_the_expense_it_paid_and_the_balance_is_the_expenses(world, advance):
    spending = s.advance_spend(advance=advance, by=world.a.lead, amount="3000", spent_on=DAY, description="Пошлина")
    expense = spending.expense
    assert (expense.matter, expense.amount, expense.date, expense.category, expense.status) == (
        world.a.matter,
        Decimal("3000.00"),
        DAY,
        Expense.Category.STATE_DUTY,
        WorkStatus.APPROVED,
    )
    linked = _approved(world, "2500.50")
    second = s.advance_spend(advance=advance, by=world.a.lead, expense=linked)
    assert (second.expense, second.amount, second.spent_on) == (linked, Decimal("2500.50"), linked.date)
    balance = advance_balance([world.a.matter.pk])[world.a.matter.pk]
    spent_expenses = sum(sp.expense.amount for sp in advance.spendings.select_related("expense"))
    assert balance.spent == spent_expenses == Decimal("5500.50") and balance.left == Decimal("4499.50")
    # Covered by the advance: never billed, and locked.
    assert not billable_expenses(world.a.matter).filter(pk__in=[expense.pk, linked.pk]).exists()
    with pytest.raises(ValidationError):
        invoice_draft(matter=world.a.matter, by=world.a.lead, expenses=[linked])
    with pytest.raises(InvalidState):
        update_work(by=world.a.specialist, entry=expense, data={"amount": "1"})


def test_what_cannot_be_linked(world, advance):
    draft_expense = ExpenseFactory(matter=world.a.matter, specialist=world.a.specialist)
    other_matter = ExpenseFactory(matter=world.b.matter, specialist=world.b.specialist, status=WorkStatus.APPROVED)
    on_invoice = _approved(world, "100.00")
    invoice_draft(matter=world.a.matter, by=world.a.lead, expenses=[on_invoice])
    too_much = _approved(world, "10000.01")
    for refused in (draft_expense, other_matter, on_invoice):
        with pytest.raises(ValidationError) as error:
            s.advance_spend(advance=advance, by=world.a.lead, expense=refused)
        assert "expense" in error.value.fields
    with pytest.raises(ValidationError) as error:
        s.advance_spend(advance=advance, by=world.a.lead, expense=too_much)
    assert "amount" in error.value.fields
    linked = _approved(world, "10.00")
    with pytest.raises(ValidationError):  # the spending is the expense's amount
        s.advance_spend(advance=advance, by=world.a.lead, expense=linked, amount="11")
    s.advance_spend(advance=advance, by=world.a.lead, expense=linked)
    with pytest.raises(ValidationError):  # one advance per expense
        s.advance_spend(advance=advance, by=world.a.lead, expense=linked)
    assert advance.spendings.count() == 1


def test_the_api_links_an_expense_and_shows_it_covered(world, advance):
    expense = _approved(world, "700.00")
    api = api_for(world.a.lead)
    created = api.post(f"/api/advances/{advance.pk}/spendings/", {"expense": expense.pk})
    assert created.status_code == 201, created.content
    assert created.json()["expense"] == expense.pk and created.json()["amount"] == "700.00"
    assert_error(
        api.post(f"/api/advances/{advance.pk}/spendings/", {"expense": expense.pk}), 400, "invalid", ["expense"]
    )
    new = api.post(
        f"/api/advances/{advance.pk}/spendings/", {"amount": "300.00", "spent_on": "2026-12-01", "description": "Почта"}
    )
    assert new.status_code == 201 and Expense.objects.get(pk=new.json()["expense"]).amount == Decimal("300.00")
    rows = api.get("/api/expenses/", {"matter": world.a.matter.pk}).json()["results"]
    assert {row["id"]: row["covered_by_advance"] for row in rows} == {
        expense.pk: advance.pk,
        new.json()["expense"]: advance.pk,
    }


def test_the_pages_link_an_expense_and_show_it_covered(world, advance):
    expense = _approved(world, "1500.00", description="Экспертиза")
    client = login(Client(), world.a.lead)
    page = client.get(reverse("billing:advance_detail", args=[advance.pk])).content.decode()
    assert f'<option value="{expense.pk}"' in page
    response = client.post(reverse("billing:advance_spend", args=[advance.pk]), {"expense": expense.pk})
    assert response.status_code == 302 and expense.advance_spending.advance == advance
    assert "Экспертиза" in client.get(reverse("billing:advance_detail", args=[advance.pk])).content.decode()
    work = client.get(reverse("billing:matter_work", args=[world.a.matter.pk])).content.decode()
    assert "covered by the advance" in work
    bad = client.post(reverse("billing:advance_spend", args=[advance.pk]), {"amount": "", "description": ""})
    assert bad.status_code == 400
