"""The dead letters: partners and is_staff users see the notices that failed for good and resend them."""

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory

from notices.models import Notice
from notices.services import notice_resend, outbox
from tests import factories as f
from tests.conftest import login


@pytest.fixture
def dispatched(monkeypatch):
    ids = []
    monkeypatch.setattr(outbox, "_dispatch", lambda pk: ids.append(pk) or True)
    return ids


def _failed(**fields):
    user = f.ClientUserFactory()
    return Notice.objects.create(
        recipient=user, to_email=user.email, kind="task_answered", subject="Не ушло", body_text="B",
        status=Notice.Status.FAILED, attempts=6, last_error="SMTPRecipientsRefused: 550 no such user", **fields,
    )  # fmt: skip


@pytest.mark.django_db
def test_a_partner_sees_the_failed_notices_with_their_error_and_resends_one(
    client, dispatched, django_capture_on_commit_callbacks
):
    notice = _failed()
    sent = Notice.objects.create(to_email="x@example.test", kind="k", subject="Ушло", status=Notice.Status.SENT)
    partner = f.PartnerFactory(language="en")
    login(client, partner)
    html = client.get("/inbox/dead-letters/").content.decode()
    assert "SMTPRecipientsRefused: 550 no such user" in html
    assert notice.to_email in html and "Не ушло" in html and "Ушло</td>" not in html
    assert f'action="/inbox/dead-letters/{notice.pk}/resend/"' in html

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/inbox/dead-letters/{notice.pk}/resend/", follow=True)
    assert "The notice will be sent again." in response.content.decode()
    notice.refresh_from_db()
    assert (notice.status, notice.attempts, notice.next_attempt_at) == (Notice.Status.PENDING, 0, None)
    assert dispatched == [notice.pk]
    # sent ones are not dead letters
    assert client.post(f"/inbox/dead-letters/{sent.pk}/resend/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["client", "lead", "specialist", "secretary"])
def test_other_people_see_no_dead_letters(client, role, dispatched):
    notice = _failed()
    user = {
        "client": f.ClientUserFactory,
        "lead": f.LeadFactory,
        "specialist": f.SpecialistFactory,
        "secretary": f.SecretaryFactory,
    }[role]()
    login(client, user)
    assert client.get("/inbox/dead-letters/").status_code == 403
    assert client.post(f"/inbox/dead-letters/{notice.pk}/resend/").status_code == 404
    notice.refresh_from_db()
    assert notice.status == Notice.Status.FAILED and not dispatched


@pytest.mark.django_db
def test_an_is_staff_user_may_resend(dispatched):
    staff = f.SpecialistFactory(is_staff=True)
    notice = _failed()
    assert notice_resend(notice_id=notice.pk, by=staff).status == Notice.Status.PENDING


@pytest.mark.django_db(transaction=True)
def test_the_resend_is_dispatched_on_commit_only(dispatched):
    notice = _failed()
    notice_resend(notice_id=notice.pk, by=f.PartnerFactory())
    assert dispatched == [notice.pk]


@pytest.mark.django_db
def test_the_admin_action_sends_the_failed_ones_again(dispatched, django_capture_on_commit_callbacks):
    failed, sent = _failed(), _failed()
    Notice.objects.filter(pk=sent.pk).update(status=Notice.Status.SENT)
    admin_user = f.PartnerFactory(is_staff=True, is_superuser=True)
    request = RequestFactory().post("/admin/notices/notice/")
    request.user = admin_user
    request._messages = type("M", (), {"add": lambda *a, **k: None})()
    model_admin = site._registry[Notice]
    with django_capture_on_commit_callbacks(execute=True):
        model_admin.send_again(request, Notice.objects.filter(pk__in=[failed.pk, sent.pk]))
    assert dispatched == [failed.pk]
    failed.refresh_from_db()
    assert failed.status == Notice.Status.PENDING
