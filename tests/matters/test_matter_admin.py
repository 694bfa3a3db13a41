"""The Django admin for staff: opening a matter goes through the service; tasks are read-only there."""

import pytest

from matters.models import Matter
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_partner_opens_a_matter_in_the_admin_with_a_number_and_a_lead(admin_client):
    customer = f.ClientFactory()
    lead = f.LeadFactory()
    response = admin_client.post(
        "/admin/matters/matter/add/",
        {"client": customer.pk, "title": "Спор с арендодателем", "description": "", "lead": lead.pk},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    matter = Matter.objects.get(title="Спор с арендодателем")
    assert matter.number
    assert matter.assignments.get(is_lead=True).user == lead


def test_admin_lists_render_and_tasks_cannot_be_added_or_deleted_there(admin_client, world):
    for url in (
        "/admin/",
        "/admin/matters/task/",
        "/admin/matters/matter/",
        "/admin/users/user/",
        "/admin/notices/notice/",
    ):
        assert admin_client.get(url).status_code == 200, url
    assert admin_client.get(f"/admin/matters/task/{world.a.task.pk}/change/").status_code == 200
    assert admin_client.get("/admin/matters/task/add/").status_code == 403
    assert admin_client.get(f"/admin/matters/task/{world.a.task.pk}/delete/").status_code == 403


def test_admin_creates_a_client_user(admin_client):
    customer = f.ClientFactory()
    response = admin_client.post(
        "/admin/users/user/add/",
        {
            "email": "new@client.test",
            "full_name": "Новый Клиент",
            "role": "client",
            "client": customer.pk,
            "password1": "Sufficiently-long-pass-1",
            "password2": "Sufficiently-long-pass-1",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
