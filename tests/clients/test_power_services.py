"""Powers of attorney (rule 5): drafted by the firm, sent, signed with a scan, revoked, with notices."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from audit.models import AccessLogEntry
from clients.models import PowerOfAttorney
from clients.services.powers import poa_draft, poa_draft_file, poa_mark_signed, poa_revoke, poa_scan_file, poa_send
from core.errors import InvalidState, NotFound, NotPermitted, ValidationError
from notices.models import Notice
from tests import factories as f
from tests.factories_powers import PowerFactory, ProfileFactory, pdf_scan, png_bytes

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def draft(world, **overrides):
    fields = {
        "by": world.a.lead,
        "client": world.a.client,
        "specialists": [world.a.lead, world.a.specialist],
        "scope": "представлять интересы в арбитражном суде",
        "issued_on": TODAY(),
        "valid_until": TODAY() + dt.timedelta(days=180),
        "matters": [world.a.matter],
    }
    return poa_draft(**{**fields, **overrides})


def test_lawyer_drafts_a_power_with_a_number_specialists_and_matters(world):
    poa = draft(world, notarised=True)
    assert poa.status == PowerOfAttorney.Status.DRAFT
    assert poa.number.startswith(f"Д-{TODAY().year}-")
    assert set(poa.specialists.all()) == {world.a.lead, world.a.specialist}
    assert list(poa.matters.all()) == [world.a.matter]
    assert poa.notarised and poa.created_by == world.a.lead


def test_numbers_are_consecutive_within_a_year(world):
    first, second = draft(world), draft(world)
    assert int(second.number.rsplit("-", 1)[1]) == int(first.number.rsplit("-", 1)[1]) + 1


def test_a_power_without_matters_is_general(world):
    assert draft(world, matters=[]).matters.count() == 0


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"specialists": []}, "specialists"),
        ({"scope": "   "}, "scope"),
        ({"valid_until": TODAY() - dt.timedelta(days=1), "issued_on": TODAY()}, "valid_until"),
        ({"issued_on": TODAY() - dt.timedelta(days=30), "valid_until": TODAY() - dt.timedelta(days=1)}, "valid_until"),
        ({"issued_on": None}, "issued_on"),
    ],
)
def test_bad_drafts_name_the_field_and_save_nothing(world, overrides, field):
    with pytest.raises(ValidationError) as error:
        draft(world, **overrides)
    assert field in error.value.fields
    assert not PowerOfAttorney.objects.exists()


def test_only_lawyers_can_be_named(world):
    with pytest.raises(ValidationError) as error:
        draft(world, specialists=[world.secretary])
    assert "specialists" in error.value.fields
    world.a.specialist.is_active = False
    world.a.specialist.save()
    with pytest.raises(ValidationError):
        draft(world, specialists=[world.a.specialist])


def test_a_power_covers_only_the_clients_own_matters(world):
    with pytest.raises(ValidationError) as error:
        draft(world, by=world.partner, matters=[world.b.matter])
    assert "matters" in error.value.fields


def test_client_user_cannot_draft(world):
    with pytest.raises(NotPermitted):
        draft(world, by=world.a.user)


def test_lawyer_cannot_draft_for_a_client_they_do_not_work_for(world):
    with pytest.raises(NotFound):
        draft(world, by=world.b.lead, matters=[])
    assert not PowerOfAttorney.objects.exists()


def test_sending_notifies_the_clients_users_once_and_only_a_draft_can_be_sent(world):
    poa = draft(world, notarised=True)
    poa_send(poa=poa, by=world.a.specialist)
    poa.refresh_from_db()
    assert poa.status == PowerOfAttorney.Status.SENT and poa.sent_at
    [notice] = Notice.objects.filter(kind="poa_sent")
    assert notice.recipient == world.a.user
    assert poa.number in notice.subject
    assert "notary" in notice.body_text
    assert f"/powers/{poa.pk}/" in notice.body_text
    with pytest.raises(InvalidState):
        poa_send(poa=poa, by=world.a.specialist)


def test_client_user_cannot_send_and_a_stranger_cannot_see_it(world):
    poa = draft(world)
    with pytest.raises(NotPermitted):
        poa_send(poa=poa, by=world.a.user)
    with pytest.raises(NotFound):
        poa_send(poa=poa, by=world.b.lead)
    poa.refresh_from_db()
    assert poa.status == PowerOfAttorney.Status.DRAFT


@pytest.mark.parametrize("who", ["client", "lead"])
def test_signed_scan_puts_the_power_in_force(world, who):
    poa = draft(world)
    poa_send(poa=poa, by=world.a.lead)
    by = world.a.user if who == "client" else world.a.lead
    poa_mark_signed(poa=poa, by=by, scan=pdf_scan())
    poa.refresh_from_db()
    assert poa.status == PowerOfAttorney.Status.SIGNED and poa.signed_at
    assert poa.signed_scan.name.endswith(".pdf")
    assert poa.signed_scan.read().startswith(b"%PDF")


def test_an_image_scan_is_accepted_too(world):
    poa = draft(world)
    poa_mark_signed(poa=poa, by=world.a.user, scan=SimpleUploadedFile("скан.PNG", png_bytes()))
    poa.refresh_from_db()
    assert poa.signed_scan.name.endswith(".png")


@pytest.mark.parametrize(
    "scan",
    [
        SimpleUploadedFile("virus.exe", b"MZ\x90\x00"),
        SimpleUploadedFile("fake.pdf", b"MZ\x90\x00 not a pdf"),
        SimpleUploadedFile("empty.pdf", b""),
        None,
    ],
)
def test_a_scan_must_be_a_real_pdf_or_image(world, scan):
    poa = draft(world)
    with pytest.raises(ValidationError) as error:
        poa_mark_signed(poa=poa, by=world.a.user, scan=scan)
    assert "scan" in error.value.fields
    poa.refresh_from_db()
    assert poa.status == PowerOfAttorney.Status.DRAFT and not poa.signed_scan


def test_a_signed_revoked_or_run_out_power_cannot_be_signed_again(world):
    signed = PowerFactory(client=world.a.client, specialists=[world.a.lead])
    with pytest.raises(InvalidState):
        poa_mark_signed(poa=signed, by=world.a.user, scan=pdf_scan())
    late = PowerFactory(
        client=world.a.client,
        status=PowerOfAttorney.Status.SENT,
        issued_on=TODAY() - dt.timedelta(days=10),
        valid_until=TODAY() - dt.timedelta(days=1),
    )
    with pytest.raises(InvalidState):
        poa_mark_signed(poa=late, by=world.a.user, scan=pdf_scan())


def test_another_clients_user_cannot_upload_a_scan(world):
    poa = draft(world)
    with pytest.raises(NotFound):
        poa_mark_signed(poa=poa, by=world.b.user, scan=pdf_scan())


def test_client_revokes_with_a_reason_and_the_specialists_are_told(world):
    poa = PowerFactory(client=world.a.client, specialists=[world.a.lead, world.a.specialist])
    poa_revoke(poa=poa, by=world.a.user, reason="Сменили представителя")
    poa.refresh_from_db()
    assert poa.status == PowerOfAttorney.Status.REVOKED and poa.revoked_at
    assert poa.revoke_reason == "Сменили представителя"
    recipients = set(Notice.objects.filter(kind="poa_revoked").values_list("recipient", flat=True))
    assert recipients == {world.a.lead.pk, world.a.specialist.pk}  # not the client who revoked it
    with pytest.raises(InvalidState):
        poa_revoke(poa=poa, by=world.a.user, reason="ещё раз")


def test_lawyer_withdraws_and_the_client_is_told(world):
    poa = PowerFactory(client=world.a.client, specialists=[world.a.lead])
    poa_revoke(poa=poa, by=world.a.lead, reason="Специалист уходит из фирмы")
    assert Notice.objects.filter(kind="poa_revoked", recipient=world.a.user).exists()


def test_revocation_needs_a_reason_and_a_client_or_a_lawyer(world):
    poa = PowerFactory(client=world.a.client)
    with pytest.raises(ValidationError) as error:
        poa_revoke(poa=poa, by=world.a.user, reason=" ")
    assert "reason" in error.value.fields
    with pytest.raises(NotPermitted):
        poa_revoke(poa=poa, by=world.secretary, reason="нет")
    with pytest.raises(NotFound):
        poa_revoke(poa=poa, by=world.b.user, reason="чужая")
    poa.refresh_from_db()
    assert poa.status == PowerOfAttorney.Status.SIGNED


def test_the_draft_pdf_is_rendered_once_and_firm_downloads_are_logged(world):
    ProfileFactory(user=world.a.lead)
    poa = draft(world)
    first = poa_draft_file(poa=poa, user=world.a.lead)
    name = first.name
    assert first.open("rb").read().startswith(b"%PDF")
    assert poa_draft_file(poa=poa, user=world.a.user).name == name  # the same stored file
    entries = AccessLogEntry.objects.filter(kind=AccessLogEntry.Kind.POWER)
    assert [(e.user, e.client, e.object_id) for e in entries] == [(world.a.lead, world.a.client, poa.pk)]
    with pytest.raises(NotFound):
        poa_draft_file(poa=poa, user=world.b.user)


def test_scan_download_is_logged_for_the_firm_and_refused_to_strangers(world):
    poa = draft(world)
    with pytest.raises(NotFound):
        poa_scan_file(poa=poa, user=world.a.user)  # no scan yet
    poa_mark_signed(poa=poa, by=world.a.user, scan=pdf_scan())
    poa.refresh_from_db()
    assert poa_scan_file(poa=poa, user=world.a.specialist).name == poa.signed_scan.name
    assert AccessLogEntry.objects.filter(user=world.a.specialist, kind="power").count() == 1
    with pytest.raises(NotFound):
        poa_scan_file(poa=poa, user=world.b.specialist)


def test_a_secretary_sees_and_sends_but_cannot_revoke(world):
    poa = draft(world)
    poa_send(poa=poa, by=world.secretary)
    with pytest.raises(NotPermitted):
        poa_revoke(poa=poa, by=world.secretary, reason="нет")


def test_partner_sees_any_clients_power_and_unassigned_specialist_none(world):
    from clients.access import visible_powers

    a = PowerFactory(client=world.a.client)
    b = PowerFactory(client=world.b.client)
    assert set(visible_powers(world.partner)) == {a, b}
    assert list(visible_powers(world.a.user)) == [a]
    assert list(visible_powers(world.b.specialist)) == [b]
    assert not visible_powers(f.SpecialistFactory()).exists()
