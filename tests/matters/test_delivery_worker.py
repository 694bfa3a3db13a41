"""A result sent by e-mail really leaves through the real worker and broker, with its files attached."""

import pytest

from matters.models import Delivery
from matters.services import deliverables as svc
from notices.models import Notice
from tests import factories as f
from tests.conftest import wait_for
from tests.factories_deliverables import upload

DOCX = b"PK\x03\x04 the draft contract, version 2"


@pytest.mark.django_db(transaction=True)
def test_an_emailed_result_arrives_in_the_outbox_with_its_files(celery_worker, mailoutbox):
    client_user = f.ClientUserFactory(language="ru")
    lead = f.LeadFactory()
    matter = f.MatterFactory(client=client_user.client, lead=lead)
    draft = svc.deliverable_prepare(
        matter=matter,
        by=lead,
        kind="contract",
        title="Проект договора поставки",
        summary="Редакция с учётом замечаний.",
        files=[upload("договор.docx", DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")],
    )
    svc.deliverable_release(deliverable=draft, by=lead, channel="email", recipient="director@alfa.test")

    delivery = Delivery.objects.get(deliverable=draft)
    wait_for(lambda: Notice.objects.filter(pk=delivery.notice_id, status=Notice.Status.SENT).exists())
    [message] = [m for m in mailoutbox if m.to == ["director@alfa.test"]]
    assert "Проект договора поставки" in message.subject
    assert "Редакция с учётом замечаний." in message.body
    [(name, content, mimetype)] = message.attachments
    assert name == "договор.docx"
    assert content == DOCX
    assert mimetype == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    notice = Notice.objects.get(pk=delivery.notice_id)
    assert notice.sent_at is not None
    # the release notice to the client's user went out as well, without the files
    wait_for(lambda: any(m.to == [client_user.email] for m in mailoutbox))
