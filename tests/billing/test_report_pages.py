"""Pages of the work report and of termination, through the test client."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from billing.models import Termination, WorkReport, WorkStatus
from billing.services.reports import report_render
from hearings.models import Hearing
from matters.models import Matter
from tests.conftest import login
from tests.factories_billing import FeeArrangementFactory, TimeEntryFactory
from tests.factories_hearings import HearingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hourly(world):
    FeeArrangementFactory(
        matter=world.a.matter,
        kind="hourly",
        fixed_amount=None,
        default_rate=Decimal("6000.00"),
        valid_from=dt.date(2025, 1, 1),
        created_by=world.a.lead,
    )
    TimeEntryFactory(matter=world.a.matter, specialist=world.a.specialist, minutes=30, status=WorkStatus.APPROVED)


def test_matter_page_links_reports_and_termination(client, world):
    page = login(client, world.a.user).get(reverse("matters:matter_detail", args=[world.a.matter.pk]))
    assert reverse("billing:matter_reports", args=[world.a.matter.pk]) in page.content.decode()
    assert reverse("billing:termination_preview", args=[world.a.matter.pk]) in page.content.decode()
    page = login(client, world.a.specialist).get(reverse("matters:matter_detail", args=[world.a.matter.pk]))
    assert reverse("billing:termination_preview", args=[world.a.matter.pk]) not in page.content.decode()


def test_report_request_redirects_to_a_page_that_polls_then_links_the_pdf(
    client, world, hourly, django_capture_on_commit_callbacks
):
    login(client, world.a.user)
    with django_capture_on_commit_callbacks():
        response = client.post(reverse("billing:report_new", args=[world.a.matter.pk]), {"period_start": "2025-01-01"})
    report = WorkReport.objects.get()
    assert response.status_code == 302 and response.url == reverse("billing:report_detail", args=[report.pk])
    page = client.get(response.url).content.decode()
    assert 'id="report-progress"' in page and "js/report-progress.js" in page and "<script>" not in page
    assert client.get(reverse("billing:report_status", args=[report.pk])).json()["ready"] is False
    assert client.get(reverse("billing:report_pdf", args=[report.pk])).status_code == 302  # not yet
    report_render(report.pk)
    state = client.get(reverse("billing:report_status", args=[report.pk])).json()
    assert state["ready"] and state["progress"] == 100 and state["pdf_url"]
    pdf = client.get(state["pdf_url"])
    assert pdf["Content-Type"] == "application/pdf" and b"".join(pdf.streaming_content).startswith(b"%PDF")
    listing = client.get(reverse("billing:matter_reports", args=[world.a.matter.pk])).content.decode()
    assert reverse("billing:report_detail", args=[report.pk]) in listing


def test_a_bad_period_is_shown_on_the_form(client, world):
    login(client, world.a.user)
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    response = client.post(reverse("billing:report_new", args=[world.a.matter.pk]), {"period_end": future})
    assert response.status_code == 400 and "cannot end in the future" in response.content.decode()
    assert not WorkReport.objects.exists()


def test_client_previews_the_settlement_and_terminates(client, world, hourly):
    hearing = HearingFactory(matter=world.a.matter, starts_at=timezone.now() + dt.timedelta(days=5))
    login(client, world.a.user)
    page = client.get(reverse("billing:termination_preview", args=[world.a.matter.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and 'id="settlement-balance"' in html and "3,000.00" in html
    # Unconfirmed: refused on the form, nothing recorded.
    url = reverse("billing:termination_confirm", args=[world.a.matter.pk])
    assert client.post(url, {"expected_balance": "3000.00"}).status_code == 400
    assert not Termination.objects.exists()
    response = client.post(url, {"expected_balance": "3000.00", "confirm": "on", "reason": "Больше не нужно"})
    assert response.status_code == 302
    assert response.url == reverse("billing:termination_detail", args=[world.a.matter.pk])
    detail = client.get(response.url).content.decode()
    assert "Больше не нужно" in detail and "final-act-task" not in detail
    assert Hearing.objects.get(pk=hearing.pk).status == Hearing.Status.CANCELLED
    assert Matter.objects.get(pk=world.a.matter.pk).status == Matter.Status.SUSPENDED
    # A second go: the preview now shows the termination.
    assert client.get(reverse("billing:termination_preview", args=[world.a.matter.pk])).status_code == 302
    again = client.post(url, {"expected_balance": "3000.00", "confirm": "on"})
    assert again.status_code == 302 and Termination.objects.count() == 1
    # The partner sees the task "issue the final act".
    partner_page = login(client, world.partner).get(response.url).content.decode()
    assert "final-act-task" in partner_page


def test_a_moved_settlement_sends_the_client_back_to_the_preview(client, world, hourly):
    login(client, world.a.user)
    url = reverse("billing:termination_confirm", args=[world.a.matter.pk])
    response = client.post(url, {"expected_balance": "10.00", "confirm": "on"})
    assert response.status_code == 302
    assert response.url == reverse("billing:termination_preview", args=[world.a.matter.pk])
    assert not Termination.objects.exists()


def test_staff_record_a_letter_and_others_get_404(client, world, hourly):
    login(client, world.b.user)
    assert client.get(reverse("billing:termination_preview", args=[world.a.matter.pk])).status_code == 404
    login(client, world.a.lead)
    page = client.get(reverse("billing:termination_preview", args=[world.a.matter.pk])).content.decode()
    assert 'name="letter_date"' in page
    url = reverse("billing:termination_confirm", args=[world.a.matter.pk])
    response = client.post(
        url, {"expected_balance": "3000.00", "confirm": "on", "letter_date": timezone.localdate().isoformat()}
    )
    assert response.status_code == 302
    assert Termination.objects.get().channel == Termination.Channel.LETTER


def test_the_clients_history_stays_readable_after_the_close(client, world, hourly, django_capture_on_commit_callbacks):
    from billing.services.termination import matter_terminate, termination_final_act

    matter_terminate(by=world.a.user, matter=world.a.matter)
    termination_final_act(by=world.partner, matter=world.a.matter)
    login(client, world.a.user)
    detail = client.get(reverse("billing:termination_detail", args=[world.a.matter.pk]))
    assert detail.status_code == 200 and "final act issued; the matter is closed" in detail.content.decode()
    assert client.get(reverse("billing:matter_reports", args=[world.a.matter.pk])).status_code == 200
    with django_capture_on_commit_callbacks():
        response = client.post(reverse("billing:report_new", args=[world.a.matter.pk]), {})
    assert response.status_code == 302
    # No way to terminate again.
    assert client.get(reverse("billing:termination_preview", args=[world.a.matter.pk])).status_code == 302
