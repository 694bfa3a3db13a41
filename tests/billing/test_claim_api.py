"""The claims' API: file (JSON), list with filters, read with the regime and why, the partner's
decision, the adjustments and the payout; another client's ids answer 404."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from clients.models import Client
from tests import factories_claims as fc
from tests import factories_invoices as finv
from tests.conftest import api_for, assert_404, assert_error

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def test_file_list_read_decide_and_pay_out(world):
    finv.InvoiceFactory(
        matter=world.a.matter, created_by=world.a.lead, gross=Decimal("900.00"), paid=Decimal("900.00"), status="paid"
    )
    client = api_for(world.a.user)
    r = client.post(
        "/api/claims/",
        {"matter": world.a.matter.pk, "subject": "quality", "description": "Неполно", "ask_refund": "300.00"},
        format="json",
    )
    assert r.status_code == 201, r.content
    body = r.json()
    pk = body["id"]
    assert body["regime"]["code"] == "contract" and body["regime"]["response_days"] == 30
    assert body["regime"]["why"] == "The client is an organisation."
    assert body["response_due_on"] == str(TODAY() + dt.timedelta(days=30)) and body["status"] == "open"
    assert [c["id"] for c in client.get("/api/claims/").json()["results"]] == [pk]
    assert api_for(world.b.user).get("/api/claims/").json()["results"] == []
    assert_404(api_for(world.b.user).get(f"/api/claims/{pk}/"))
    assert [c["id"] for c in api_for(world.partner).get("/api/claims/?overdue=false").json()["results"]] == [pk]
    assert api_for(world.partner).get("/api/claims/?overdue=true").json()["results"] == []

    assert_error(
        api_for(world.a.lead).post(f"/api/claims/{pk}/decide/", {"outcome": "reject", "text": "Нет"}, format="json"),
        403,
        "not_permitted",
    )
    partner = api_for(world.partner)
    assert_error(
        partner.post(f"/api/claims/{pk}/decide/", {"outcome": "grant", "refund": "900.01"}, format="json"),
        400,
        "invalid",
        fields=("refund",),
    )
    r = partner.post(f"/api/claims/{pk}/decide/", {"outcome": "grant", "refund": "300.00"}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "granted"
    assert_error(
        partner.post(f"/api/claims/{pk}/decide/", {"outcome": "grant", "refund": "1.00"}, format="json"),
        409,
        "invalid_state",
    )
    adjustments = client.get(f"/api/adjustments/?claim={pk}").json()["results"]
    assert len(adjustments) == 1 and adjustments[0]["kind"] == "refund" and adjustments[0]["status"] == "pending"
    adj = adjustments[0]["id"]
    assert api_for(world.b.user).get("/api/adjustments/").json()["results"] == []
    assert_404(api_for(world.b.user).post(f"/api/adjustments/{adj}/pay-out/", {}, format="json"))
    r = partner.post(f"/api/adjustments/{adj}/pay-out/", {"paid_on": str(TODAY()), "reference": "п/п 5"}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "paid_out" and r.json()["paid_out_reference"] == "п/п 5"


def test_a_consumers_claim_shows_the_statutory_penalty(world):
    Client.objects.filter(pk=world.a.client.pk).update(kind=Client.Kind.PERSON)
    r = api_for(world.a.user).post(
        "/api/claims/",
        {
            "matter": world.a.matter.pk,
            "subject": "timeliness",
            "description": "Просрочка",
            "personal_needs": True,
            "ask_penalty_computed": True,
            "agreed_on": str(TODAY() - dt.timedelta(days=4)),
            "service_price": "5000.00",
        },
        format="json",
    )
    assert r.status_code == 201, r.content
    assert r.json()["regime"]["code"] == "consumer" and r.json()["statutory_penalty"] == "600.00"
    assert r.json()["response_due_on"] == str(TODAY() + dt.timedelta(days=10))


def test_bad_input_is_a_400_and_the_firm_cannot_file(world):
    client = api_for(world.a.user)
    assert_error(
        client.post(
            "/api/claims/", {"matter": world.a.matter.pk, "subject": "quality", "description": "x"}, format="json"
        ),
        400,
        "invalid",
    )
    assert_error(
        client.post("/api/claims/", {"matter": world.a.matter.pk, "subject": "bad", "description": "x"}, format="json"),
        400,
        "invalid",
        fields=("subject",),
    )
    assert_404(
        client.post(
            "/api/claims/",
            {"matter": world.b.matter.pk, "subject": "quality", "description": "x", "ask_refund": "1"},
            format="json",
        )
    )
    assert_error(
        api_for(world.a.lead).post(
            "/api/claims/",
            {"matter": world.a.matter.pk, "subject": "quality", "description": "x", "ask_refund": "1"},
            format="json",
        ),
        403,
        "not_permitted",
    )


def test_the_list_costs_the_same_queries_for_more_claims(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    api = api_for(world.partner)
    counts = []
    for n in (2, 20):
        for _ in range(n):
            claim = fc.ClaimFactory(matter=world.b.matter)
            claim.attachments.create(name="a.pdf", size=1, file="claims/a.pdf")
        with CaptureQueriesContext(connection) as queries:
            assert api.get("/api/claims/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
