"""The advances' pages: the matter's list with the balance and the request form, the detail with the
client's "I paid" form and staff's confirmation; the block on the task, hearing and matter pages; the
client's dashboard item."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from billing.models import Advance
from tests import factories_advances as fa
from tests import factories_hearings as fh
from tests.conftest import login

pytestmark = pytest.mark.django_db


def test_lead_requests_on_the_page_and_bad_input_is_shown(client, world):
    login(client, world.a.lead)
    url = f"/matters/{world.a.matter.pk}/advances/"
    page = client.get(url)
    assert page.status_code == 200 and b"Ask the client for an advance" in page.content
    due = str(timezone.localdate() + dt.timedelta(days=7))
    bad = client.post(url + "new/", {"amount": "abc", "purpose": "x", "category": "other", "due_on": due,
                                     "payer": "firm"})  # fmt: skip
    assert bad.status_code == 400 and b"Enter an amount in roubles" in bad.content
    ok = client.post(url + "new/", {"amount": "1500,50", "purpose": "Нотариус", "category": "notary", "due_on": due,
                                    "payer": "firm", "task": world.a.task.pk})  # fmt: skip
    advance = Advance.objects.get()
    assert ok.status_code == 302 and ok["Location"] == f"/advances/{advance.pk}/"
    assert str(advance.amount) == "1500.50" and advance.task == world.a.task


def test_client_pays_and_staff_confirm_on_the_detail_page(client, world):
    advance = fa.AdvanceFactory(matter=world.a.matter)
    login(client, world.a.user)
    page = client.get(f"/advances/{advance.pk}/")
    assert b"I have paid" in page.content and world.a.matter.number.encode() in page.content
    assert b"Confirm the payment" not in page.content
    order = SimpleUploadedFile("order.pdf", b"%PDF-1.4 x", content_type="application/pdf")
    r = client.post(f"/advances/{advance.pk}/paid/", {"paid_amount": "3000.00",
                    "paid_on": str(timezone.localdate()), "payment_order": order})  # fmt: skip
    assert r.status_code == 302
    assert client.get(f"/advances/{advance.pk}/payment-order/").status_code == 200
    login(client, world.a.lead)
    assert b"Confirm the payment" in client.get(f"/advances/{advance.pk}/").content
    assert client.post(f"/advances/{advance.pk}/confirm/", {"confirmed_amount": ""}).status_code == 302
    page = client.get(f"/matters/{world.a.matter.pk}/advances/")
    assert b'id="balance-paid">3000.00' in page.content


def test_another_clients_advance_is_not_found(client, world):
    advance = fa.AdvanceFactory(matter=world.a.matter)
    login(client, world.b.user)
    assert client.get(f"/advances/{advance.pk}/").status_code == 404
    assert client.get(f"/matters/{world.a.matter.pk}/advances/").status_code == 404


def test_overdue_advance_blocks_the_task_hearing_and_shows_on_the_matter(client, world):
    hearing = fh.HearingFactory(matter=world.a.matter, representative=world.a.lead, created_by=world.a.lead)
    past = timezone.localdate() - dt.timedelta(days=1)
    fa.AdvanceFactory(matter=world.a.matter, task=world.a.task, due_on=past, purpose="Пошлина за жалобу")
    fa.AdvanceFactory(matter=world.a.matter, hearing=hearing, due_on=past, purpose="Эксперт")
    login(client, world.a.lead)
    assert b"Blocked until the advance is paid" in client.get(f"/tasks/{world.a.task.pk}/").content
    assert b"Blocked until the advance is paid" in client.get(f"/hearings/{hearing.pk}/").content
    matter_page = client.get(f"/matters/{world.a.matter.pk}/").content
    assert b"Overdue advances" in matter_page and b"matter-advances" in matter_page
    login(client, world.a.user)
    assert b"Blocked until" not in client.get(f"/tasks/{world.a.task.pk}/").content


def test_client_dashboard_asks_to_pay(client, world):
    advance = fa.AdvanceFactory(matter=world.a.matter, amount="2500.00")
    login(client, world.a.user)
    page = client.get("/").content.decode()
    assert 'class="needed-advance"' in page and f"/advances/{advance.pk}/" in page
    assert "Pay the advance of 2500.00" in page
