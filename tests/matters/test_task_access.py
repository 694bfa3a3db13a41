"""Confidentiality, tested as an attacker would: client A and its lawyers reach for B's things by id."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from matters.access import visible_matters, visible_tasks
from matters.models import Assignment, Task
from tests import factories as f
from tests.conftest import login

pytestmark = pytest.mark.django_db


def test_client_user_sees_only_its_own_clients_tasks_and_matters(world):
    assert list(visible_tasks(world.a.user)) == [world.a.task]
    assert list(visible_matters(world.a.user)) == [world.a.matter]


def test_colleague_of_the_same_client_sees_the_same_tasks(world):
    colleague = f.ClientUserFactory(client=world.a.client)
    assert list(visible_tasks(colleague)) == [world.a.task]


def test_specialist_sees_only_matters_where_assigned(world):
    assert list(visible_tasks(world.a.specialist)) == [world.a.task]
    assert list(visible_matters(world.a.lead)) == [world.a.matter]
    unassigned = f.SpecialistFactory()
    assert not visible_tasks(unassigned).exists()
    assert not visible_matters(unassigned).exists()


def test_task_without_a_matter_is_seen_by_the_clients_lawyers_only(world):
    loose = f.TaskFactory(matter=None, client=world.a.client, registered_by=world.a.user)
    assert loose in visible_tasks(world.a.specialist)
    assert loose not in visible_tasks(world.b.specialist)


def test_partner_sees_everything(world):
    assert set(visible_tasks(world.partner)) == {world.a.task, world.b.task}


def test_secretary_sees_matter_headings_but_only_tasks_they_registered(world):
    assert set(visible_matters(world.secretary)) == {world.a.matter, world.b.matter}
    assert not visible_tasks(world.secretary).exists()
    own = f.TaskFactory(matter=world.a.matter, channel=Task.Channel.PHONE, registered_by=world.secretary)
    assert list(visible_tasks(world.secretary)) == [own]


def test_inactive_and_anonymous_users_see_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    world.a.user.is_active = False
    assert not visible_tasks(world.a.user).exists()
    assert not visible_tasks(AnonymousUser()).exists()
    assert not visible_matters(AnonymousUser()).exists()


def test_the_inbox_holds_exactly_the_submitted_tasks_the_user_may_see_and_accept(world):
    """The inbox is scoped by the "accept" gate alone: for every role it is what the user may see AND accept."""
    from django.contrib.auth.models import AnonymousUser

    from matters.access import acceptable_tasks_filter
    from matters.selectors import task_inbox

    a, b = world.a, world.b
    phone = f.TaskFactory(matter=a.matter, channel=Task.Channel.PHONE, registered_by=world.secretary)
    loose = f.TaskFactory(matter=None, client=a.client, registered_by=a.user)
    loose_phone = f.TaskFactory(matter=None, client=a.client, channel=Task.Channel.PHONE, registered_by=world.secretary)
    f.TaskFactory(
        matter=a.matter,
        registered_by=a.user,
        status=Task.Status.ACCEPTED,
        accepted_by=a.lead,
        accepted_at=a.task.created_at,
    )
    f.TaskFactory(matter=b.matter, channel=Task.Channel.PHONE, registered_by=world.secretary)
    inactive = f.LeadFactory(is_active=False)
    lead_not_leading = f.LeadFactory()  # a lead specialist working on A's matter as a specialist
    for user in (inactive, lead_not_leading):
        Assignment.objects.create(matter=a.matter, user=user)
    users = [a.user, a.lead, a.specialist, lead_not_leading, b.user, b.lead, b.specialist, world.partner]
    users += [world.secretary, inactive]
    for user in users:
        expected = (
            set(visible_tasks(user).filter(acceptable_tasks_filter(user), status=Task.Status.SUBMITTED))
            if user.is_active
            else set()
        )
        assert set(task_inbox(user=user)) == expected, user.role
    assert set(task_inbox(user=a.lead)) == {a.task, phone, loose, loose_phone}
    assert set(task_inbox(user=a.specialist)) == {a.task, loose}  # by phone: the lead only
    assert set(task_inbox(user=lead_not_leading)) == {a.task, loose}
    assert len(task_inbox(user=world.partner)) == 6
    for nobody in (a.user, world.secretary, inactive, AnonymousUser()):
        assert not task_inbox(user=nobody).exists()


def _page_urls(task):
    attachment = task.attachments.first()
    urls = [
        reverse("matters:task_detail", args=[task.pk]),
        reverse("matters:task_receipt", args=[task.pk]),
        reverse("matters:matter_detail", args=[task.matter_id]),
    ]
    if attachment:
        urls.append(reverse("matters:task_attachment", args=[task.pk, attachment.pk]))
    return urls


@pytest.fixture
def b_attachment(world):
    from django.core.files.base import ContentFile

    from matters.models import TaskAttachment

    return TaskAttachment.objects.create(
        task=world.b.task,
        file=ContentFile(b"secret", name="secret.pdf"),
        original_name="secret.pdf",
        size=6,
        uploaded_by=world.b.user,
    )


@pytest.mark.parametrize("who", ["user", "lead", "specialist"])
def test_pages_answer_404_for_the_other_clients_ids(client, world, b_attachment, who):
    login(client, getattr(world.a, who))
    for url in _page_urls(world.b.task):
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"secret" not in response.content


@pytest.mark.parametrize("who", ["user", "lead", "specialist"])
def test_actions_on_the_other_clients_task_answer_404_and_change_nothing(client, world, who):
    login(client, getattr(world.a, who))
    for name, data in [
        ("task_accept", {}),
        ("task_decline", {"reason": "x"}),
        ("task_answer", {"answer": "x"}),
    ]:
        assert client.post(reverse(f"matters:{name}", args=[world.b.task.pk]), data).status_code == 404
    world.b.task.refresh_from_db()
    assert world.b.task.status == Task.Status.SUBMITTED


def test_attachment_of_another_task_cannot_be_reached_through_my_task(client, world, b_attachment):
    login(client, world.a.user)
    url = reverse("matters:task_attachment", args=[world.a.task.pk, b_attachment.pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("who", ["user", "lead", "specialist"])
def test_api_answers_404_for_the_other_clients_ids(world, who):
    api = APIClient()
    api.force_authenticate(getattr(world.a, who))
    b = world.b.task
    assert api.get(f"/api/tasks/{b.pk}/").status_code == 404
    assert api.get(f"/api/tasks/{b.pk}/receipt/").status_code == 404
    assert api.post(f"/api/tasks/{b.pk}/accept/").status_code == 404
    assert api.post(f"/api/tasks/{b.pk}/decline/", {"reason": "x"}).status_code == 404
    assert api.get(f"/api/tasks/?matter={world.b.matter.pk}").status_code == 404
    listed = {row["id"] for row in api.get("/api/tasks/").json()["results"]}
    assert b.pk not in listed
    matters = {row["id"] for row in api.get("/api/matters/").json()["results"]}
    assert world.b.matter.pk not in matters


def test_api_client_cannot_submit_on_another_clients_matter(world):
    api = APIClient()
    api.force_authenticate(world.a.user)
    response = api.post("/api/tasks/", {"subject": "S", "text": "T", "matter": world.b.matter.pk}, format="json")
    assert response.status_code == 404
    assert not Task.objects.filter(subject="S").exists()


def test_specialist_cannot_register_for_a_client_not_theirs_through_the_api(world):
    api = APIClient()
    api.force_authenticate(world.a.specialist)
    response = api.post(
        "/api/tasks/",
        {
            "subject": "S",
            "text": "T",
            "client": world.b.client.pk,
            "channel": "email",
            "requested_by_name": "X",
        },
        format="json",
    )
    assert response.status_code == 404


def test_signed_out_visitor_is_sent_to_sign_in(client, world):
    response = client.get(reverse("matters:task_detail", args=[world.a.task.pk]))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert APIClient().get("/api/tasks/").status_code == 401
