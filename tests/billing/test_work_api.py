"""The API of fee arrangements, time entries and expenses."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from billing.models import TimeEntry, WorkStatus
from tests.conftest import api_for, assert_404, assert_error
from tests.factories_billing import ExpenseFactory, TimeEntryFactory

pytestmark = pytest.mark.django_db

FIXED = {"kind": "fixed", "fixed_amount": "1", "valid_from": "2026-01-01"}


def test_arrangement_put_then_get_shows_versions(world):
    api = api_for(world.a.lead)
    url = f"/api/matters/{world.a.matter.pk}/fee-arrangement/"
    r = api.put(url, {"kind": "fixed", "fixed_amount": "150000.00", "valid_from": "2026-01-01"}, format="json")
    assert r.status_code == 200, r.content
    r = api.put(
        url,
        {
            "kind": "hourly",
            "default_rate": "5000",
            "rates": [{"specialist": world.a.specialist.pk, "rate": "4000.50"}],
            "valid_from": "2026-02-01",
            "reason": "По просьбе клиента",
        },
        format="json",
    )
    assert r.status_code == 200, r.content
    body = api_for(world.a.user).get(url).json()
    assert body["current"]["version"] == 2
    assert body["current"]["rates"][0]["rate"] == "4000.50"
    assert [v["version"] for v in body["versions"]] == [2, 1]
    assert body["versions"][1]["fixed_amount"] == "150000.00"


def test_arrangement_refusals(world):
    url = f"/api/matters/{world.a.matter.pk}/fee-arrangement/"
    assert_error(api_for(world.a.user).put(url, FIXED, format="json"), 403, "not_permitted")
    bad = {**FIXED, "fixed_amount": "-1"}
    assert_error(api_for(world.a.lead).put(url, bad, format="json"), 400, "invalid", fields=["fixed_amount"])
    assert_404(api_for(world.b.user).get(url))
    assert_404(api_for(world.b.lead).put(url, FIXED, format="json"))


def test_time_entry_flow_through_the_api(world):
    spec, lead = api_for(world.a.specialist), api_for(world.a.lead)
    today = timezone.localdate().isoformat()
    data = {
        "matter": world.a.matter.pk,
        "date": today,
        "minutes": 45,
        "description": "Звонок",
        "internal_note": "тайна",
    }
    r = spec.post("/api/time-entries/", data, format="json")
    assert r.status_code == 201, r.content
    pk = r.json()["id"]
    assert r.json()["status"] == "draft"
    r = spec.patch(f"/api/time-entries/{pk}/", {"minutes": 50}, format="json")
    assert r.json()["minutes"] == 50
    assert spec.post(f"/api/time-entries/{pk}/submit/").json()["status"] == "submitted"
    assert_error(spec.post(f"/api/time-entries/{pk}/approve/"), 403, "not_permitted")
    assert_error(lead.post(f"/api/time-entries/{pk}/return/", {}, format="json"), 400, "invalid", fields=["reason"])
    assert lead.post(f"/api/time-entries/{pk}/approve/").json()["status"] == "approved"
    assert_error(spec.delete(f"/api/time-entries/{pk}/"), 409, "invalid_state")
    client_view = api_for(world.a.user).get("/api/time-entries/").json()["results"]
    assert [e["id"] for e in client_view] == [pk]
    assert client_view[0]["internal_note"] == ""
    assert lead.get(f"/api/time-entries/{pk}/").json()["internal_note"] == "тайна"
    assert_404(api_for(world.b.user).get(f"/api/time-entries/{pk}/"))
    assert_404(api_for(world.b.lead).post(f"/api/time-entries/{pk}/submit/"))


def test_draft_is_deleted_and_the_client_never_sees_drafts(world):
    entry = TimeEntryFactory(matter=world.a.matter, specialist=world.a.specialist)
    assert_404(api_for(world.a.user).get(f"/api/time-entries/{entry.pk}/"))
    assert api_for(world.a.specialist).delete(f"/api/time-entries/{entry.pk}/").status_code == 204
    assert not TimeEntry.objects.exists()


def test_list_filters(world):
    d = dt.date(2026, 3, 10)
    TimeEntryFactory(matter=world.a.matter, specialist=world.a.specialist, date=d, status=WorkStatus.APPROVED)
    TimeEntryFactory(matter=world.a.matter, specialist=world.a.lead, date=d - dt.timedelta(days=5))
    lead = api_for(world.a.lead)

    def count(**query):
        return len(lead.get("/api/time-entries/", query).json()["results"])

    assert count(**{"from": "2026-03-09"}) == 1
    assert count(to="2026-03-09") == 1
    assert count(mine="true") == 1
    assert count(status="approved", matter=world.a.matter.pk) == 1
    assert_error(lead.get("/api/time-entries/", {"from": "yesterday"}), 400, "invalid")


def test_recording_on_another_clients_matter_is_404(world):
    data = {"matter": world.a.matter.pk, "date": "2026-01-01", "minutes": 5, "description": "x"}
    assert_404(api_for(world.b.specialist).post("/api/time-entries/", data, format="json"))


def test_expense_with_a_receipt(world):
    api = api_for(world.a.specialist)
    r = api.post(
        "/api/expenses/",
        {
            "matter": world.a.matter.pk,
            "date": timezone.localdate().isoformat(),
            "category": "state_duty",
            "amount": "6000.00",
            "description": "Госпошлина",
            "receipt": SimpleUploadedFile("платёжка.pdf", b"%PDF-1.4 x", "application/pdf"),
        },
        format="multipart",
    )
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["amount"] == "6000.00" and body["receipt_name"] == "платёжка.pdf"
    bad = {"matter": world.a.matter.pk, "date": "2026-01-01", "category": "travel", "amount": "0", "description": "x"}
    assert_error(api.post("/api/expenses/", bad, format="json"), 400, "invalid", fields=["amount"])


def test_billed_expense_is_locked(world):
    e = ExpenseFactory(matter=world.a.matter, specialist=world.a.specialist, status=WorkStatus.BILLED)
    r = api_for(world.partner).patch(f"/api/expenses/{e.pk}/", {"amount": "1"}, format="json")
    assert_error(r, 409, "invalid_state")
