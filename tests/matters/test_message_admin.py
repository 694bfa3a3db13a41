"""Messages and risk notices are evidence: the admin shows them, changes nothing; the API documents them."""

import pytest

from tests.factories_messages import MessageFactory, RecommendationFactory, RiskNoticeFactory

pytestmark = pytest.mark.django_db


def test_the_admin_shows_the_evidence_and_offers_no_add_change_or_delete(admin_client, world):
    message = MessageFactory(
        matter=world.a.matter, author=world.a.user, recipients=[world.a.lead], files=1, revisions=1
    )
    notice = RiskNoticeFactory(matter=world.a.matter)
    RecommendationFactory(matter=world.a.matter)
    for name, pk in (("message", message.pk), ("risknotice", notice.pk)):
        assert admin_client.get(f"/admin/matters/{name}/").status_code == 200
        page = admin_client.get(f"/admin/matters/{name}/{pk}/change/")
        assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
        assert admin_client.get(f"/admin/matters/{name}/{pk}/delete/").status_code == 403
        assert admin_client.get(f"/admin/matters/{name}/add/").status_code == 403
    for name in ("messagereceipt", "messagerevision", "recommendation", "riskacknowledgement"):
        assert admin_client.get(f"/admin/matters/{name}/").status_code == 200, name
        assert admin_client.get(f"/admin/matters/{name}/add/").status_code == 403, name
    before = message.body
    admin_client.post(f"/admin/matters/message/{message.pk}/change/", {"body": "Подделка"})
    message.refresh_from_db()
    assert message.body == before


def test_the_schema_documents_every_endpoint_of_messages_and_risks(client):
    text = client.get("/api/schema/").content.decode()
    for path in (
        "/api/matters/{id}/messages/",
        "/api/messages/{id}/",
        "/api/messages/{id}/read/",
        "/api/matters/{id}/recommendations/",
        "/api/recommendations/{id}/respond/",
        "/api/matters/{id}/risks/",
        "/api/risks/{id}/",
        "/api/risks/{id}/acknowledge/",
        "/api/risks/{id}/withdraw/",
        "/api/risks/{id}/supersede/",
    ):
        assert path in text, path
    for operation in ("messages_correct", "messages_read", "risks_acknowledge", "risks_supersede"):
        assert f"operationId: {operation}" in text
