"""The claims' pages: the client files (the law that applies shown before and after), the list with
deadlines and overdue ones, the partner's answer within the limits, the payout, the attachment."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from audit.models import AccessLogEntry
from billing.models import BillingAdjustment, Claim
from clients.models import Client
from tests import factories_claims as fc
from tests import factories_invoices as finv
from tests.conftest import login

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def test_an_organisation_files_with_a_file_and_sees_the_regime_and_deadline(client, world):
    login(client, world.a.user)
    url = f"/matters/{world.a.matter.pk}/claims/new/"
    page = client.get(url)
    assert page.status_code == 200 and b"The engagement terms and the Civil Code" in page.content
    assert b"personal_needs" not in page.content  # an organisation is never a consumer
    bad = client.post(url, {"subject": "quality", "description": "Плохо"})
    assert bad.status_code == 400 and b"Say what you ask for" in bad.content
    assert not Claim.objects.exists()
    upload = SimpleUploadedFile("letter.pdf", b"%PDF-1.4 x", content_type="application/pdf")
    ok = client.post(url, {"subject": "quality", "description": "Плохо", "ask_refund": "1 500,00", "files": [upload]})
    claim = Claim.objects.get()
    assert ok.status_code == 302 and ok["Location"] == f"/claims/{claim.pk}/"
    page = client.get(ok["Location"])
    assert b"The client is an organisation." in page.content and b"Answer the claim" not in page.content
    assert claim.ask_refund == Decimal("1500.00")
    attachment = claim.attachments.get()
    assert client.get(f"/claims/{claim.pk}/files/{attachment.pk}/").status_code == 200
    assert not AccessLogEntry.objects.exists()  # the client's own look is not logged
    login(client, world.a.lead)
    assert client.get(f"/claims/{claim.pk}/files/{attachment.pk}/").status_code == 200
    entry = AccessLogEntry.objects.get()
    assert entry.user == world.a.lead and entry.action == "download" and entry.client_id == world.a.client.pk
    login(client, world.b.user)
    assert client.get(f"/claims/{claim.pk}/").status_code == 404
    assert client.get(f"/claims/{claim.pk}/files/{attachment.pk}/").status_code == 404


def test_a_person_is_asked_about_personal_needs_and_a_consumer_delay_shows_the_penalty(client, world):
    Client.objects.filter(pk=world.a.client.pk).update(kind=Client.Kind.PERSON)
    login(client, world.a.user)
    url = f"/matters/{world.a.matter.pk}/claims/new/"
    page = client.get(url)
    assert b"personal_needs" in page.content and b"Consumer protection law" in page.content
    r = client.post(url, {"subject": "timeliness", "description": "Просрочка", "personal_needs": "on",
                          "ask_penalty_computed": "on", "agreed_on": str(TODAY() - dt.timedelta(days=2)),
                          "service_price": "20000"})  # fmt: skip
    assert r.status_code == 302, r.content.decode()[:2000]
    page = client.get(r["Location"]).content.decode()
    assert "Answer within 10 days of the claim (art. 31 of the Law)." in page
    assert 'id="claim-penalty">1200.00' in page  # 3% × 2 days × 20 000


def test_the_firms_list_shows_deadlines_and_overdue_and_the_client_sees_only_its_own(client, world):
    late = fc.ClaimFactory(matter=world.a.matter, response_due_on=TODAY() - dt.timedelta(days=1))
    other = fc.ClaimFactory(matter=world.b.matter)
    login(client, world.partner)
    page = client.get("/claims/").content.decode()
    assert f'id="claim-{late.pk}"' in page and f'id="claim-{other.pk}"' in page and "overdue" in page
    page = client.get("/claims/?overdue=1").content.decode()
    assert f'id="claim-{late.pk}"' in page and f'id="claim-{other.pk}"' not in page
    login(client, world.b.user)
    page = client.get("/claims/").content.decode()
    assert f'id="claim-{other.pk}"' in page and f'id="claim-{late.pk}"' not in page


def test_the_claims_list_costs_the_same_queries_for_more_claims(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login(client, world.partner)
    client.get("/claims/")  # warms what is kept between requests (the header's unread count, with Redis)
    counts = []
    for n in (2, 20):
        for _ in range(n):
            fc.ClaimFactory(matter=world.b.matter)
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/claims/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_partner_answers_within_the_limits_and_records_the_payout(client, world):
    finv.InvoiceFactory(matter=world.a.matter, created_by=world.a.lead, gross=Decimal("1000.00"),
                        paid=Decimal("1000.00"), status="paid")  # fmt: skip
    claim = fc.ClaimFactory(matter=world.a.matter, filed_by=world.a.user, ask_fee_reduction_percent=Decimal("12.5"))
    login(client, world.a.lead)
    assert b"Answer the claim" not in client.get(f"/claims/{claim.pk}/").content
    assert client.post(f"/claims/{claim.pk}/decide/", {"outcome": "reject", "text": "Нет"}).status_code == 403
    login(client, world.partner)
    page = client.get(f"/claims/{claim.pk}/").content.decode()
    assert "Answer the claim" in page and "a refund of at most 1000.00" in page
    assert "The 12.50% asked is 125.00 ₽ of the fee billed." in page
    base = {"fee_reduction_settle": "invoice", "refund_settle": "payout", "penalty_settle": "invoice"}
    bad = client.post(f"/claims/{claim.pk}/decide/", {**base, "outcome": "grant", "refund": "1000.01"})
    assert bad.status_code == 400 and "1000.00" in bad.content.decode()
    ok = client.post(f"/claims/{claim.pk}/decide/", {**base, "outcome": "grant", "refund": "400", "text": "Вернём"})
    assert ok.status_code == 302
    refund = BillingAdjustment.objects.get()
    page = client.get(f"/claims/{claim.pk}/").content.decode()
    assert f'id="adjustment-{refund.pk}"' in page and "Record the payout" in page
    bad = client.post(f"/adjustments/{refund.pk}/pay-out/", {"paid_on": str(TODAY()), "reference": ""})
    assert bad.status_code == 400
    ok = client.post(f"/adjustments/{refund.pk}/pay-out/", {"paid_on": str(TODAY()), "reference": "п/п 77"})
    assert ok.status_code == 302
    login(client, world.a.user)
    page = client.get(f"/claims/{claim.pk}/").content.decode()
    assert "Вернём" in page and "п/п 77" in page and "Record the payout" not in page


def test_the_firm_cannot_file_a_claim_for_the_client(client, world):
    login(client, world.a.lead)
    assert client.get(f"/matters/{world.a.matter.pk}/claims/new/").status_code == 403


def test_the_claim_speaks_russian_to_a_russian_client(client, world):
    """Needs the claims' Russian (/work/i18n/claims.po) merged into locale/ru."""
    world.a.user.language = "ru"
    world.a.user.save(update_fields=["language"])
    claim = fc.ClaimFactory(matter=world.a.matter, filed_by=world.a.user)
    login(client, world.a.user)
    page = client.get(f"/claims/{claim.pk}/").content.decode()
    assert "Клиент — организация." in page and "Условия взаимодействия и Гражданский кодекс" in page
    assert "ожидает ответа" in page
