"""The invoices' pages: the matter's list with the draft form, issue, the detail with the PDF's state,
the client's view (issued only), the partner's firm-wide list; bad input shown, not a 500."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile

from billing.models import Invoice, WorkStatus
from tests.conftest import login
from tests.factories_billing import FeeArrangementFactory, FirmProfileFactory, TimeEntryFactory
from tests.factories_invoices import InvoiceFactory

pytestmark = pytest.mark.django_db


def test_lead_drafts_and_issues_on_the_pages(client, world, django_capture_on_commit_callbacks):
    FirmProfileFactory(valid_from=dt.date(2024, 6, 1))
    FeeArrangementFactory(matter=world.a.matter, kind="hourly", fixed_amount=None, default_rate=Decimal("6000"),
                          created_by=world.a.lead, valid_from=dt.date(2020, 1, 1))  # fmt: skip
    entry = TimeEntryFactory(matter=world.a.matter, specialist=world.a.specialist, status=WorkStatus.APPROVED)
    login(client, world.a.lead)
    url = f"/matters/{world.a.matter.pk}/invoices/"
    page = client.get(url)
    assert (
        page.status_code == 200 and b"Draft an invoice" in page.content and entry.description.encode() in page.content
    )
    bad = client.post(url + "new/", {"fixed_amount": "abc"})
    assert bad.status_code == 400
    empty = client.post(url + "new/", {})
    assert empty.status_code == 400 and b"An invoice needs at least one line." in empty.content
    ok = client.post(url + "new/", {"time_entries": [entry.pk]})
    invoice = Invoice.objects.get()
    assert ok.status_code == 302 and ok["Location"] == f"/invoices/{invoice.pk}/"
    assert b"Issue the invoice" in client.get(f"/invoices/{invoice.pk}/").content
    with django_capture_on_commit_callbacks(execute=False):
        assert client.post(f"/invoices/{invoice.pk}/issue/").status_code == 302
    page = client.get(f"/invoices/{invoice.pk}/")
    assert b"The PDF is being prepared." in page.content and b"9,000.00" in page.content
    # The download before the job has run goes back to the page with a message.
    assert client.get(f"/invoices/{invoice.pk}/pdf/")["Location"] == f"/invoices/{invoice.pk}/"


def test_client_sees_its_issued_invoices_and_downloads_them(client, world):
    issued = InvoiceFactory(matter=world.a.matter, gross=Decimal("2500.00"))
    issued.pdf.save("i.pdf", ContentFile(b"%PDF-1.4 i"), save=True)
    draft = InvoiceFactory(matter=world.a.matter, status="draft", year=None, seq=None, number="")
    other = InvoiceFactory(matter=world.b.matter)
    login(client, world.a.user)
    page = client.get(f"/matters/{world.a.matter.pk}/invoices/")
    assert issued.number.encode() in page.content and b"Draft an invoice" not in page.content
    assert f"/invoices/{draft.pk}/".encode() not in page.content
    assert client.get(f"/invoices/{draft.pk}/").status_code == 404
    assert client.get(f"/invoices/{other.pk}/").status_code == 404
    r = client.get(f"/invoices/{issued.pk}/pdf/")
    assert r.status_code == 200 and b"".join(r.streaming_content) == b"%PDF-1.4 i"
    assert other.number.encode() not in client.get("/invoices/").content


def test_partner_sees_the_firms_list(client, world):
    a, b = InvoiceFactory(matter=world.a.matter), InvoiceFactory(matter=world.b.matter)
    login(client, world.partner)
    page = client.get("/invoices/")
    assert page.status_code == 200 and a.number.encode() in page.content and b.number.encode() in page.content


def test_the_list_is_paged_fifty_at_a_time(client, world):
    invoices = [InvoiceFactory(matter=world.a.matter) for _ in range(51)]
    login(client, world.partner)
    first = client.get("/invoices/").content.decode()
    assert first.count('id="invoice-') == 50 and 'rel="next"' in first
    second = client.get("/invoices/?page=2").content.decode()
    assert second.count('id="invoice-') == 1 and 'rel="prev"' in second and 'rel="next"' not in second
    # Newest first: the one left for page 2 is the oldest.
    assert f'id="invoice-{invoices[0].pk}"' in second
