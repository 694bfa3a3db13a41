"""The acts' API: a partner issues, the lead may not; the detail, the PDF (409 until rendered) and the УПД;
dispatch by post; the client objects or accepts; a correction; another client's ids answer 404."""

import datetime as dt
from decimal import Decimal

import pytest

from billing.models import TaxRegime, WorkStatus
from billing.services.acts import act_render
from tests.conftest import api_for, assert_404
from tests.factories_billing import FeeArrangementFactory, FirmProfileFactory, TimeEntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def firm(world, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    FirmProfileFactory(valid_from=dt.date(2024, 6, 1), tax_regime=TaxRegime.GENERAL)
    FeeArrangementFactory(
        matter=world.a.matter, kind="hourly", fixed_amount=None, default_rate=Decimal("6000"),
        created_by=world.a.lead, valid_from=dt.date(2020, 1, 1),
    )  # fmt: skip
    return TimeEntryFactory(
        matter=world.a.matter, specialist=world.a.specialist, minutes=30, date=dt.date(2026, 3, 3),
        status=WorkStatus.APPROVED,
    )  # fmt: skip


ISSUE = {"period_start": "2026-03-01", "period_end": "2026-03-31", "act_date": "2026-04-02"}


def test_issue_read_pdf_dispatch_answer_and_correct(world, firm):
    body = {"matter": world.a.matter.pk, **ISSUE}
    assert api_for(world.a.lead).post("/api/acts/", body, format="json").status_code == 403
    assert api_for(world.b.user).post("/api/acts/", body, format="json").status_code == 404
    partner = api_for(world.partner)
    r = partner.post("/api/acts/", body, format="json")
    assert r.status_code == 201, r.content
    act = r.json()
    assert act["number"] == "2026-0001" and act["gross"] == "3000.00" and act["vat_rate"] == "22.00"
    assert act["upd_number"] == "2026-0001" and act["lines"][0]["unit"] == "356" and act["answer"] == ""
    pk = act["id"]
    # The PDF: 409 while the worker has not rendered it, then the stored bytes.
    assert partner.get(f"/api/acts/{pk}/pdf/").status_code == 409
    act_render(pk)
    pdf = api_for(world.a.user).get(f"/api/acts/{pk}/pdf/")
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert api_for(world.a.user).get(f"/api/acts/{pk}/upd/").status_code == 200
    assert_404(api_for(world.b.user).get(f"/api/acts/{pk}/"))
    assert_404(api_for(world.b.user).get(f"/api/acts/{pk}/pdf/"))
    assert api_for(world.b.user).get("/api/acts/").json()["results"] == []
    assert [a["id"] for a in api_for(world.a.user).get("/api/acts/").json()["results"]] == [pk]
    # Dispatch by post: a bad tracking number is a 400 with the field; a good one starts the period.
    lead = api_for(world.a.lead)
    bad = lead.post(f"/api/acts/{pk}/dispatch/", {"channel": "post", "tracking_number": "x"}, format="json")
    assert bad.status_code == 400 and "tracking_number" in bad.content.decode()
    ok = lead.post(f"/api/acts/{pk}/dispatch/", {"channel": "post", "tracking_number": "62001493012345"}, format="json")
    assert ok.status_code == 200 and ok.json()["acceptance_due"] and ok.json()["dispatches"][0]["channel"] == "post"
    # The client objects; a second answer is a 409.
    client = api_for(world.a.user)
    assert client.post(f"/api/acts/{pk}/object/", {"reason": ""}, format="json").status_code == 400
    r = client.post(f"/api/acts/{pk}/object/", {"reason": "Не согласны с часами"}, format="json")
    assert r.status_code == 200 and r.json()["answer"] == "objected"
    assert client.post(f"/api/acts/{pk}/accept/").status_code == 409
    # The partner corrects: a new act referencing this one.
    r = partner.post(
        f"/api/acts/{pk}/correct/",
        {
            "reason": "Часы",
            "act_date": "2026-04-03",
            "lines": [{"position": 1, "quantity": "0.25", "unit_price": "6000"}],
        },
        format="json",
    )
    assert r.status_code == 201, r.content
    assert r.json()["corrects"] == pk and r.json()["correction_no"] == 1 and r.json()["gross"] == "1500.00"
    assert lead.post(f"/api/acts/{pk}/correct/", {"reason": "x", "lines": []}, format="json").status_code == 403


def test_the_preview_lists_what_the_act_would_cover(world, firm):
    url = f"/api/matters/{world.a.matter.pk}/act-preview/?period_start=2026-03-01&period_end=2026-03-31"
    r = api_for(world.a.lead).get(url)
    assert r.status_code == 200 and r.json()[0]["key"] == f"time:{firm.pk}" and r.json()[0]["gross"] == "3000.00"
    assert api_for(world.a.lead).get(url.replace("2026-03-01", "bad")).status_code == 400
    assert_404(api_for(world.a.user).get(url))
    assert_404(api_for(world.b.lead).get(url))
