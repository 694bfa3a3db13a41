"""The advances' API: list with filters, create, PATCH while requested, paid (multipart), confirm,
reject, override, spendings and the matter's balance; another client's ids answer 404."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests import factories_advances as fa
from tests.conftest import api_for, assert_404, assert_error

pytestmark = pytest.mark.django_db


def _body(world, **extra):
    return {
        "matter": world.a.matter.pk,
        "amount": "4500.00",
        "purpose": "Госпошлина",
        "category": "state_duty",
        "due_on": str(timezone.localdate() + dt.timedelta(days=5)),
        "payer": "third_party",
        **fa.REQUISITES,
        **extra,
    }


def test_create_list_patch_pay_confirm_spend_and_balance(world):
    lead = api_for(world.a.lead)
    r = lead.post("/api/advances/", _body(world, task=world.a.task.pk), format="json")
    assert r.status_code == 201, r.content
    pk = r.json()["id"]
    assert r.json()["task"] == world.a.task.pk and r.json()["status"] == "requested"
    r = lead.patch(f"/api/advances/{pk}/", {"amount": "5000.00"}, format="json")
    assert r.status_code == 200 and r.json()["amount"] == "5000.00"
    client = api_for(world.a.user)
    assert [a["id"] for a in client.get("/api/advances/").json()["results"]] == [pk]
    assert api_for(world.b.user).get("/api/advances/").json()["results"] == []
    assert_404(api_for(world.b.user).get(f"/api/advances/{pk}/"))
    order = SimpleUploadedFile("order.pdf", b"%PDF-1.4 order", content_type="application/pdf")
    r = client.post(
        f"/api/advances/{pk}/paid/",
        {"paid_amount": "5000.00", "paid_on": str(timezone.localdate()), "payment_order": order},
        format="multipart",
    )
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "paid_claimed"
    assert_error(lead.patch(f"/api/advances/{pk}/", {"amount": "1.00"}, format="json"), 409, "invalid_state")
    r = lead.post(f"/api/advances/{pk}/confirm/", {"confirmed_amount": "4990.00"}, format="json")
    assert r.status_code == 200 and r.json()["confirmed_amount"] == "4990.00"
    r = lead.post(
        f"/api/advances/{pk}/spendings/",
        {"amount": "5000.00", "spent_on": str(timezone.localdate()), "description": "x"},
        format="json",
    )
    assert_error(r, 400, "invalid", fields=["amount"])
    r = lead.post(
        f"/api/advances/{pk}/spendings/",
        {"amount": "4000.00", "spent_on": str(timezone.localdate()), "description": "Пошлина уплачена"},
        format="json",
    )
    assert r.status_code == 201
    assert len(client.get(f"/api/advances/{pk}/spendings/").json()) == 1
    r = client.get(f"/api/matters/{world.a.matter.pk}/advance-balance/")
    assert r.json() == {
        "matter": world.a.matter.pk,
        "requested": "5000.00",
        "paid": "4990.00",
        "spent": "4000.00",
        "left": "990.00",
    }
    assert_404(api_for(world.b.user).get(f"/api/matters/{world.a.matter.pk}/advance-balance/"))


def test_filters_and_refusals(world):
    late = fa.AdvanceFactory(matter=world.a.matter, due_on=timezone.localdate() - dt.timedelta(days=1))
    fa.AdvanceFactory(matter=world.a.matter)
    lead = api_for(world.a.lead)
    assert [a["id"] for a in lead.get("/api/advances/?overdue=true").json()["results"]] == [late.pk]
    assert len(lead.get(f"/api/advances/?matter={world.a.matter.pk}&status=requested").json()["results"]) == 2
    assert_404(lead.get(f"/api/advances/?matter={world.b.matter.pk}"))
    assert_error(lead.get("/api/advances/?status=nonsense"), 400, "invalid")
    assert_error(lead.post("/api/advances/", _body(world, recipient_bik="000000000"), format="json"), 400, "invalid")
    assert_404(lead.post("/api/advances/", _body(world, matter=world.b.matter.pk), format="json"))
    assert_error(api_for(world.a.user).post("/api/advances/", _body(world), format="json"), 403, "not_permitted")
    r = lead.post("/api/advances/", _body(world, task=world.b.task.pk), format="json")
    assert_error(r, 400, "invalid", fields=["task"])
    assert_error(lead.post(f"/api/advances/{late.pk}/override/", {"reason": "x"}, format="json"), 403, "not_permitted")
    r = api_for(world.partner).post(f"/api/advances/{late.pk}/override/", {"reason": "Срок сегодня"}, format="json")
    assert r.status_code == 200 and r.json()["overridden"] is True and r.json()["overdue"] is False
    assert_error(lead.post(f"/api/advances/{late.pk}/reject/", {"reason": "x"}, format="json"), 409, "invalid_state")
