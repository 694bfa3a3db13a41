"""Intake and conflict checks as an attacker sees them: the other side's ids in every URL answer 404."""

import pytest
from django.urls import reverse

from clients.models import ConflictCheck, ConflictDecision, ConflictHit, Intake
from clients.services import intake as services
from clients.services.conflicts import conflict_check_run
from tests import factories as f
from tests import factories_intake as fi
from tests.conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def requests_(world):
    """Each client has asked for a matter; B's request is blocked by a conflict with A."""
    fi.matter_with(world.a.client, "ООО «Бета»")
    a = services.intake_request_matter(client_user=world.a.user, title="Просьба Альфы", description="Текст")
    b = services.intake_request_matter(
        client_user=world.b.user, title="Секрет Беты", description="Текст", parties=[{"name": "ООО «Альфа»"}]
    )
    services.intake_process(intake=b, by=world.partner, lead=world.b.lead)
    b.refresh_from_db()
    assert b.status == Intake.Status.BLOCKED
    return a, b


def test_a_client_cannot_reach_another_clients_intake_by_any_url(client, world, requests_):
    _a, b = requests_
    login(client, world.a.user)
    assert client.get(reverse("clients:intake_detail", args=[b.pk])).status_code == 404
    for name, data in (
        ("clients:intake_process", {"lead": world.a.lead.pk}),
        ("clients:intake_clear", {"clear-reason": "x"}),
        ("clients:intake_decline", {"decline-reason": "x"}),
    ):
        assert client.post(reverse(name, args=[b.pk]), data).status_code == 404
    assert "Секрет Беты" not in client.get(reverse("clients:intake_list")).content.decode()
    b.refresh_from_db()
    assert b.status == Intake.Status.BLOCKED and not ConflictDecision.objects.exists()


def test_a_client_cannot_decide_or_process_its_own_request(client, world, requests_):
    a, _b = requests_
    login(client, world.a.user)
    response = client.post(reverse("clients:intake_process", args=[a.pk]), {"lead": world.a.lead.pk}, follow=True)
    assert "Intake is handled by" in response.content.decode()
    a.refresh_from_db()
    assert a.status == Intake.Status.REQUESTED


def test_a_specialist_sees_no_intake_it_is_not_part_of(client, world, requests_):
    a, b = requests_
    login(client, world.a.specialist)
    for intake in (a, b):
        assert client.get(reverse("clients:intake_detail", args=[intake.pk])).status_code == 404
    assert client.get(reverse("clients:intake_new_matter", args=[world.a.client.pk])).status_code == 403


def test_a_lead_cannot_open_a_matter_for_a_client_it_does_not_serve(client, world):
    login(client, world.a.lead)
    assert client.get(reverse("clients:intake_new_matter", args=[world.b.client.pk])).status_code == 404
    assert client.get(reverse("clients:intake_new_matter", args=[999999])).status_code == 404


def test_a_lead_who_is_not_the_intakes_lead_cannot_reach_it_nor_its_hits(client, world, requests_):
    _a, b = requests_
    login(client, world.a.lead)  # A's lead: the check names A, but it is B's lead's intake
    assert client.get(reverse("clients:intake_detail", args=[b.pk])).status_code == 404
    check = b.checks.get()
    assert client.get(reverse("clients:conflict_check_detail", args=[check.pk])).status_code == 404


def test_the_intakes_lead_reads_the_hits(client, world, requests_):
    _a, b = requests_
    login(client, world.b.lead)
    page = client.get(reverse("clients:intake_detail", args=[b.pk])).content.decode()
    assert "blocks intake" in page and world.a.client.name in page


def test_a_secretary_reads_neither_hits_nor_checks(client, world, requests_):
    _a, b = requests_
    login(client, world.secretary)
    page = client.get(reverse("clients:intake_detail", args=[b.pk])).content.decode()
    assert "Blocked — awaiting a partner" in page
    assert "Matched name" not in page and "blocks intake" not in page  # (Альфа shows: B named it as a party)
    assert client.get(reverse("clients:conflict_check_detail", args=[b.checks.get().pk])).status_code == 404


def test_an_inactive_partner_sees_nothing(client, world, requests_):
    partner = f.PartnerFactory()
    check = conflict_check_run(by=partner, parties=[{"name": "ООО «Альфа»"}])
    partner.is_active = False
    partner.save(update_fields=["is_active"])
    from clients.access import visible_conflict_checks, visible_intakes

    assert not visible_conflict_checks(partner).filter(pk=check.pk).exists()
    assert not visible_intakes(partner).exists()


def test_the_admin_shows_the_evidence_and_changes_nothing(client, world, requests_):
    admin = f.PartnerFactory(is_staff=True, is_superuser=True)
    login(client, admin)
    check = requests_[1].checks.get()
    hit = ConflictHit.objects.filter(conflict_check=check).first()
    assert client.get(reverse("admin:clients_conflictcheck_changelist")).status_code == 200
    page = client.get(reverse("admin:clients_conflictcheck_change", args=[check.pk])).content.decode()
    assert hit.matched_name in page and 'name="_save"' not in page
    assert client.get(reverse("admin:clients_conflictcheck_add")).status_code == 403
    assert (
        client.post(reverse("admin:clients_conflictcheck_delete", args=[check.pk]), {"post": "yes"}).status_code == 403
    )
    assert client.post(reverse("admin:clients_conflicthit_delete", args=[hit.pk]), {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:clients_conflictdecision_add")).status_code == 403
    assert ConflictCheck.objects.filter(pk=check.pk).exists() and ConflictHit.objects.filter(pk=hit.pk).exists()
    assert client.get(reverse("admin:clients_intake_change", args=[requests_[0].pk])).status_code == 200


def test_the_admin_reindexes_a_renamed_client_and_checks_its_requisites(client, world):
    admin = f.PartnerFactory(is_staff=True, is_superuser=True)
    login(client, admin)
    alpha = world.a.client
    form = {
        "kind": alpha.kind,
        "status": alpha.status,
        "name": "ООО «Омега»",
        "language": "ru",
        "upload_quota_bytes": alpha.upload_quota_bytes,
        **dict.fromkeys(("short_name", "passport", "legal_form", "kpp", "ogrn", "signatory", "address"), ""),
        **dict.fromkeys(("postal_address", "bank_name", "bik", "account", "corr_account", "email", "phone"), ""),
    }
    bad = client.post(reverse("admin:clients_client_change", args=[alpha.pk]), {**form, "inn": "7707083894"})
    assert bad.status_code == 200 and "errorlist" in bad.content.decode()
    ok = client.post(reverse("admin:clients_client_change", args=[alpha.pk]), {**form, "inn": fi.inn10()})
    assert ok.status_code == 302
    alpha.refresh_from_db()
    assert (alpha.name, alpha.search_key) == ("ООО «Омега»", "omega")
    assert client.get(reverse("admin:clients_client_add")).status_code == 403
