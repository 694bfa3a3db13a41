"""The powers-of-attorney register through the pages, the matter page's warnings and the dashboards' panel."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from clients.models import PowerOfAttorney
from tests import factories as f
from tests.conftest import login, page_queries
from tests.factories_powers import PowerFactory, pdf_scan

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def test_lawyer_drafts_sends_and_uploads_the_scan(client, world):
    login(client, world.a.lead)
    register = reverse("clients:power_list", args=[world.a.client.pk])
    new_url = reverse("clients:power_new", args=[world.a.client.pk])
    assert new_url in client.get(register).content.decode()
    form = client.get(new_url).content.decode()
    assert world.a.matter.number in form and world.b.matter.number not in form
    assert "вести от имени доверителя дела" in form  # the suggested wording
    response = client.post(
        new_url,
        {
            "specialists": [world.a.lead.pk, world.a.specialist.pk],
            "scope": "представлять интересы в суде",
            "matters": [world.a.matter.pk],
            "issued_on": TODAY().isoformat(),
            "valid_until": (TODAY() + dt.timedelta(days=90)).isoformat(),
            "notarised": "on",
        },
    )
    poa = PowerOfAttorney.objects.get()
    assert response["Location"] == reverse("clients:power_detail", args=[poa.pk])
    page = client.get(response["Location"]).content.decode()
    assert poa.number in page and "draft" in page and "notarised" in page
    assert reverse("clients:power_send", args=[poa.pk]) in page
    assert reverse("clients:power_draft_pdf", args=[poa.pk]) in page

    client.post(reverse("clients:power_send", args=[poa.pk]))
    poa.refresh_from_db()
    assert poa.status == "sent"
    response = client.post(reverse("clients:power_signed", args=[poa.pk]), {"scan": pdf_scan()})
    assert response.status_code == 302
    poa.refresh_from_db()
    assert poa.status == "signed"
    page = client.get(reverse("clients:power_detail", args=[poa.pk])).content.decode()
    assert "Expires in 90 days." in page
    assert reverse("clients:power_scan", args=[poa.pk]) in page
    scan = client.get(reverse("clients:power_scan", args=[poa.pk]))
    assert scan.status_code == 200 and b"".join(scan.streaming_content).startswith(b"%PDF")


def test_draft_form_shows_errors_next_to_the_fields(client, world):
    login(client, world.a.lead)
    response = client.post(
        reverse("clients:power_new", args=[world.a.client.pk]),
        {
            "specialists": [world.a.lead.pk],
            "scope": "x",
            "issued_on": TODAY().isoformat(),
            "valid_until": (TODAY() - dt.timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 200
    assert "cannot expire before it is issued" in response.content.decode()
    assert not PowerOfAttorney.objects.exists()


def test_client_sees_its_register_uploads_the_scan_and_revokes(client, world):
    poa = PowerFactory(client=world.a.client, specialists=[world.a.lead], status=PowerOfAttorney.Status.SENT)
    PowerFactory(client=world.b.client)
    login(client, world.a.user)
    register = client.get(reverse("clients:power_list")).content.decode()
    assert poa.number in register and register.count("badge-poa-") == 1
    page = client.get(reverse("clients:power_detail", args=[poa.pk])).content.decode()
    assert reverse("clients:power_send", args=[poa.pk]) not in page  # the firm sends
    bad = client.post(reverse("clients:power_signed", args=[poa.pk]), {"scan": SimpleUploadedFile("a.exe", b"MZ")})
    assert bad.status_code == 400 and "PDF or an image" in bad.content.decode()
    client.post(reverse("clients:power_signed", args=[poa.pk]), {"scan": pdf_scan()})
    poa.refresh_from_db()
    assert poa.status == "signed"
    missing_reason = client.post(reverse("clients:power_revoke", args=[poa.pk]), {"reason": ""})
    assert missing_reason.status_code == 400
    client.post(reverse("clients:power_revoke", args=[poa.pk]), {"reason": "Сменили юристов"})
    poa.refresh_from_db()
    assert poa.status == "revoked"
    assert "Сменили юристов" in client.get(reverse("clients:power_detail", args=[poa.pk])).content.decode()


def test_the_notarised_power_tells_the_client_to_visit_a_notary(client, world):
    poa = PowerFactory(client=world.a.client, notarised=True, status=PowerOfAttorney.Status.SENT)
    login(client, world.a.user)
    assert "certified by a notary" in client.get(reverse("clients:power_detail", args=[poa.pk])).content.decode()


def test_a_power_expiring_within_a_week_is_flagged_on_its_page(client, world):
    poa = PowerFactory(client=world.a.client, valid_until=TODAY() + dt.timedelta(days=3))
    login(client, world.a.user)
    page = client.get(reverse("clients:power_detail", args=[poa.pk])).content.decode()
    assert "Expires in 3 days." in page and "msg-error" in page


def test_staff_see_the_power_warning_for_each_specialist_on_the_matter_page(client, world):
    poa = PowerFactory(
        client=world.a.client,
        specialists=[world.a.lead],
        matters=[world.a.matter],
        valid_until=TODAY() + dt.timedelta(days=40),
    )
    login(client, world.a.specialist)
    page = client.get(reverse("matters:matter_detail", args=[world.a.matter.pk])).content.decode()
    assert "valid power of attorney until" in page and poa.number in page
    assert page.count("no valid power of attorney") == 1  # the specialist has none
    assert reverse("clients:power_list", args=[world.a.client.pk]) in page
    login(client, world.a.user)
    client_page = client.get(reverse("matters:matter_detail", args=[world.a.matter.pk])).content.decode()
    assert "power of attorney" not in client_page  # the warning is for the firm


def test_the_dashboards_list_powers_expiring_within_30_days(client, world):
    soon = PowerFactory(client=world.a.client, valid_until=TODAY() + dt.timedelta(days=5))
    later = PowerFactory(client=world.a.client, valid_until=TODAY() + dt.timedelta(days=25))
    far = PowerFactory(client=world.a.client, valid_until=TODAY() + dt.timedelta(days=60))
    other = PowerFactory(client=world.b.client, valid_until=TODAY() + dt.timedelta(days=5))
    login(client, world.a.user)
    page = client.get(reverse("matters:task_list")).content.decode()
    assert "Powers of attorney expiring soon" in page
    assert page.index(soon.number) < page.index(later.number)
    assert far.number not in page and other.number not in page
    assert 'class="urgent"' in page and "5 days left" in page
    login(client, world.a.lead)
    inbox = client.get(reverse("matters:inbox")).content.decode()
    assert soon.number in inbox and later.number in inbox and other.number not in inbox
    login(client, world.b.lead)
    b_page = client.get(reverse("matters:task_list")).content.decode()
    assert other.number in b_page and soon.number not in b_page
    login(client, f.SpecialistFactory())
    assert "Powers of attorney expiring soon" not in client.get(reverse("matters:inbox")).content.decode()


def test_a_client_user_cannot_draft_or_send(client, world):
    poa = PowerFactory(client=world.a.client, status=PowerOfAttorney.Status.DRAFT)
    login(client, world.a.user)
    assert client.get(reverse("clients:power_new", args=[world.a.client.pk])).status_code == 403
    response = client.post(reverse("clients:power_send", args=[poa.pk]), follow=True)
    assert "prepared by the firm" in response.content.decode()
    poa.refresh_from_db()
    assert poa.status == "draft"


@pytest.mark.parametrize("count", [1, 40])
def test_register_runs_a_fixed_number_of_queries(client, world, django_assert_num_queries, count):
    for _ in range(count):
        PowerFactory(client=world.a.client, specialists=[world.a.lead, world.a.specialist])
    login(client, world.a.lead)
    with django_assert_num_queries(page_queries(3)):  # the client, its powers, their specialists
        response = client.get(reverse("clients:power_list", args=[world.a.client.pk]))
    assert response.content.decode().count("badge-poa-signed") == count
    login(client, world.a.user)
    with django_assert_num_queries(page_queries(2, client_user=True)):  # powers, their specialists
        client.get(reverse("clients:power_list"))


def test_partner_sees_every_clients_register(client, world):
    a, b = PowerFactory(client=world.a.client), PowerFactory(client=world.b.client)
    login(client, world.partner)
    page = client.get(reverse("clients:power_list")).content.decode()
    assert a.number in page and b.number in page
    secretary = f.SecretaryFactory()
    login(client, secretary)
    assert a.number in client.get(reverse("clients:power_list", args=[world.a.client.pk])).content.decode()


def _matter_page_queries(client, matter) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("matters:matter_detail", args=[matter.pk])).status_code == 200
    return len(captured)


@pytest.mark.parametrize("who", ["lead", "user"])
def test_matter_page_cost_does_not_grow_with_the_team_powers_requests_or_proposals(client, world, who):
    from matters.models import Assignment, SpecialistRequest
    from tests.factories_powers import ProfileFactory, SubcontractFactory

    login(client, getattr(world.a, who))
    _matter_page_queries(client, world.a.matter)  # warms what is kept between requests (the terms answer)
    small = _matter_page_queries(client, world.a.matter)
    for _ in range(8):
        lawyer = ProfileFactory().user
        Assignment.objects.create(matter=world.a.matter, user=lawyer)
        PowerFactory(client=world.a.client, specialists=[lawyer], matters=[world.a.matter])
        SpecialistRequest.objects.create(matter=world.a.matter, specialist=lawyer, requested_by=world.a.user)
        SubcontractFactory(matter=world.a.matter)
    assert _matter_page_queries(client, world.a.matter) == small
