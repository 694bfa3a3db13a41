"""The invoices' API: a staff draft, issue, cancel, the PDF (409 until rendered), the client's view;
another client's ids answer 404."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile

from billing.models import Invoice, WorkStatus
from billing.services.invoices import invoice_render
from tests.conftest import api_for, assert_404, assert_error
from tests.factories_billing import ExpenseFactory, FeeArrangementFactory, FirmProfileFactory, TimeEntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def firm(world):
    FirmProfileFactory(valid_from=dt.date(2024, 6, 1))
    FeeArrangementFactory(
        matter=world.a.matter,
        kind="hourly",
        fixed_amount=None,
        default_rate=Decimal("6000"),
        created_by=world.a.lead,
        valid_from=dt.date(2020, 1, 1),
    )


def test_draft_issue_pdf_cancel_and_the_clients_view(
    world, firm, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = str(tmp_path)
    entry = TimeEntryFactory(
        matter=world.a.matter, specialist=world.a.specialist, minutes=30, status=WorkStatus.APPROVED
    )
    expense = ExpenseFactory(matter=world.a.matter, specialist=world.a.specialist, status=WorkStatus.APPROVED)
    staff = api_for(world.a.specialist)
    r = staff.post(
        "/api/invoices/",
        {"matter": world.a.matter.pk, "time_entries": [entry.pk], "expenses": [expense.pk], "fixed_amount": "1000.00"},
        format="json",
    )
    assert r.status_code == 201, r.content
    pk, body = r.json()["id"], r.json()
    assert body["status"] == "draft" and body["number"] == "" and body["gross"] == "10000.00"
    assert [line["source"] for line in body["lines"]] == ["time", "expense", "fixed"]
    # The client sees no draft; the specialist may not issue; the lead does.
    assert api_for(world.a.user).get("/api/invoices/").json()["results"] == []
    assert_404(api_for(world.a.user).get(f"/api/invoices/{pk}/"))
    assert_error(staff.post(f"/api/invoices/{pk}/issue/", {}, format="json"), 403, "not_permitted")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        r = api_for(world.a.lead).post(f"/api/invoices/{pk}/issue/", {}, format="json")
    assert r.status_code == 200, r.content
    # One job queued on commit: the PDF (with caches on, core.caching's bumps on commit come besides it).
    queued = [c for c in callbacks if c.__module__ != "core.caching"]
    assert r.json()["status"] == "issued" and r.json()["number"].endswith("-0001") and len(queued) == 1
    assert r.json()["requisites"]["inn"] == "6671415928" and r.json()["vat_rate"] is None
    client = api_for(world.a.user)
    assert_error(client.get(f"/api/invoices/{pk}/pdf/"), 409, "invalid_state")  # being prepared
    invoice_render(pk)  # what the queued job does
    r = client.get(f"/api/invoices/{pk}/pdf/")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert b"".join(r.streaming_content).startswith(b"%PDF")
    listed = client.get("/api/invoices/", {"status": "issued", "matter": world.a.matter.pk}).json()["results"]
    assert [i["id"] for i in listed] == [pk] and listed[0]["due"] == "10000.00"
    assert api_for(world.b.user).get("/api/invoices/").json()["results"] == []
    assert_404(api_for(world.b.user).get(f"/api/invoices/{pk}/pdf/"))
    assert_404(api_for(world.b.lead).post(f"/api/invoices/{pk}/cancel/"))
    assert_error(client.post(f"/api/invoices/{pk}/cancel/"), 403, "not_permitted")
    r = api_for(world.partner).post(f"/api/invoices/{pk}/cancel/")
    assert r.status_code == 200 and r.json()["status"] == "cancelled"
    assert Invoice.objects.get(pk=pk).number.endswith("-0001")


def test_bad_input_is_a_400_and_issued_invoices_are_never_deleted(world, firm):
    staff = api_for(world.a.lead)
    assert_error(staff.post("/api/invoices/", {"matter": world.a.matter.pk}, format="json"), 400, "invalid")
    assert_error(
        staff.post("/api/invoices/", {"matter": world.a.matter.pk, "fixed_amount": "-1"}, format="json"), 400, "invalid"
    )
    assert_404(staff.post("/api/invoices/", {"matter": world.b.matter.pk, "fixed_amount": "1"}, format="json"))
    pk = staff.post("/api/invoices/", {"matter": world.a.matter.pk, "fixed_amount": "5"}, format="json").json()["id"]
    staff.post(f"/api/invoices/{pk}/issue/", {}, format="json")
    assert_error(staff.delete(f"/api/invoices/{pk}/"), 409, "invalid_state")
    assert_error(staff.post(f"/api/invoices/{pk}/issue/", {}, format="json"), 409, "invalid_state")
    pk2 = staff.post("/api/invoices/", {"matter": world.a.matter.pk, "fixed_amount": "5"}, format="json").json()["id"]
    assert staff.delete(f"/api/invoices/{pk2}/").status_code == 204


def test_partner_sees_the_firms_invoices(world, firm):
    from tests.factories_invoices import InvoiceFactory

    mine, theirs = InvoiceFactory(matter=world.a.matter), InvoiceFactory(matter=world.b.matter)
    mine.pdf.save("x.pdf", ContentFile(b"%PDF-1.4"), save=True)
    ids = {i["id"] for i in api_for(world.partner).get("/api/invoices/").json()["results"]}
    assert ids == {mine.pk, theirs.pk}
    assert {i["id"] for i in api_for(world.a.lead).get("/api/invoices/").json()["results"]} == {mine.pk}
