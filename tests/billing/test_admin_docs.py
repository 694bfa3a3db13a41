"""Billing's documents in the Django admin: acts, УПД, claims, adjustments, work reports and terminations
open for a superuser (lists with their filters, and each object's page), and nothing there writes — an
issued act above all: it cannot be changed or deleted, not even by a superuser."""

import pytest
from django.urls import reverse

from billing.models import Act, BillingAdjustment, Claim, Termination, Upd, WorkReport
from billing.services.reports import report_request
from billing.services.termination import matter_terminate
from tests import factories as f
from tests.conftest import login
from tests.factories_acts import ActFactory
from tests.factories_claims import AdjustmentFactory

pytestmark = pytest.mark.django_db

MODELS = ["act", "upd", "claim", "billingadjustment", "workreport", "termination"]


@pytest.fixture
def docs(world):
    act = ActFactory(matter=world.a.matter, issued_by=world.partner)
    adjustment = AdjustmentFactory(claim__matter=world.a.matter, created_by=world.partner)
    report = report_request(by=world.a.user, matter=world.a.matter)
    termination = matter_terminate(by=world.a.user, matter=world.a.matter, reason="Спор урегулирован")
    return {
        "act": act,
        "upd": Upd.objects.filter(act=act).first(),
        "claim": adjustment.claim,
        "billingadjustment": adjustment,
        "workreport": report,
        "termination": termination,
    }


@pytest.fixture
def admin_client(client):
    return login(client, f.PartnerFactory(is_staff=True, is_superuser=True))


def test_lists_filters_and_pages_open_for_a_superuser(admin_client, docs):
    for model in MODELS:
        page = admin_client.get(reverse(f"admin:billing_{model}_changelist"))
        assert page.status_code == 200, model
        obj = docs[model]
        if obj is not None:
            detail = admin_client.get(reverse(f"admin:billing_{model}_change", args=[obj.pk]))
            assert detail.status_code == 200, model
    acts = admin_client.get(reverse("admin:billing_act_changelist")).content.decode()
    assert docs["act"].number in acts and "awaiting the client" in acts
    for model, query in [
        ("act", "answer__exact=accepted"),
        ("claim", "status__exact=open"),
        ("billingadjustment", "status__exact=pending"),
        ("workreport", "status__exact=queued"),
        ("termination", "channel__exact=portal"),
    ]:
        assert admin_client.get(reverse(f"admin:billing_{model}_changelist") + "?" + query).status_code == 200
    act_page = admin_client.get(reverse("admin:billing_act_change", args=[docs["act"].pk])).content.decode()
    assert "Юридические услуги" in act_page  # the act's lines, read-only
    assert 'name="_save"' not in act_page


def test_an_issued_act_cannot_be_changed_or_deleted_in_the_admin(admin_client, docs):
    act = docs["act"]
    change = reverse("admin:billing_act_change", args=[act.pk])
    assert admin_client.post(change, {"number": "2026-9999", "gross": "1.00"}).status_code == 403
    assert admin_client.post(reverse("admin:billing_act_delete", args=[act.pk]), {"post": "yes"}).status_code == 403
    assert admin_client.get(reverse("admin:billing_act_add")).status_code == 403
    bulk = admin_client.post(
        reverse("admin:billing_act_changelist"), {"action": "delete_selected", "_selected_action": [act.pk]}
    )
    assert bulk.status_code in (200, 302, 403)
    act.refresh_from_db()
    assert act.number != "2026-9999" and Act.objects.filter(pk=act.pk).exists()


def test_claims_adjustments_reports_and_terminations_are_read_only(admin_client, docs):
    for model, cls in [
        ("claim", Claim),
        ("billingadjustment", BillingAdjustment),
        ("workreport", WorkReport),
        ("termination", Termination),
    ]:
        pk = docs[model].pk
        assert admin_client.post(reverse(f"admin:billing_{model}_change", args=[pk]), {}).status_code == 403
        assert (
            admin_client.post(reverse(f"admin:billing_{model}_delete", args=[pk]), {"post": "yes"}).status_code == 403
        )
        assert admin_client.get(reverse(f"admin:billing_{model}_add")).status_code == 403
        assert cls.objects.filter(pk=pk).exists()
    docs["claim"].refresh_from_db()
    assert docs["claim"].status == Claim.Status.OPEN
