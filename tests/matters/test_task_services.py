"""The life of a written task (rule 2), through the services."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.errors import InvalidState, NotFound, NotPermitted, ValidationError
from matters import services
from matters.models import Task
from notices.models import Notice
from tests import factories as f

pytestmark = pytest.mark.django_db


def pdf(name="contract.pdf", content=b"%PDF-1.4 test"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_client_submits_a_written_task_with_an_attachment(world):
    task = services.task_submit(
        client_user=world.a.user,
        matter=world.a.matter,
        subject="Неустойка",
        text="Рассчитайте неустойку по договору.",
        files=[pdf()],
    )
    assert task.status == Task.Status.SUBMITTED
    assert task.channel == Task.Channel.PORTAL
    assert task.client == world.a.client
    assert task.registered_by == world.a.user
    assert task.requested_by_name == world.a.user.full_name
    assert [a.original_name for a in task.attachments.all()] == ["contract.pdf"]
    assert task.attachments.get().file.read() == b"%PDF-1.4 test"


def test_task_numbers_are_gapless_and_unique(world):
    numbers = [services.task_submit(client_user=world.a.user, subject=f"S{i}", text="T").number for i in range(3)]
    seqs = [int(n.split("-")[1]) for n in numbers]
    assert seqs == [seqs[0], seqs[0] + 1, seqs[0] + 2]


def test_the_matters_lead_is_told_of_a_new_task(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():
        task = services.task_submit(client_user=world.a.user, matter=world.a.matter, subject="S", text="T")
    notice = Notice.objects.get(kind="task_submitted")
    assert notice.recipient == world.a.lead
    assert task.number in notice.subject


@pytest.mark.parametrize(
    ("subject", "text", "field"),
    [
        ("", "text", "subject"),
        ("subject", "   ", "text"),
        ("x" * 301, "text", "subject"),
        ("s", "x" * 20_001, "text"),
    ],
)
def test_a_task_needs_a_subject_and_a_text(world, subject, text, field):
    with pytest.raises(ValidationError) as error:
        services.task_submit(client_user=world.a.user, subject=subject, text=text)
    assert field in error.value.fields
    assert not Task.objects.exclude(pk__in=[world.a.task.pk, world.b.task.pk]).exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("virus.exe", b"MZ"), "not accepted"),
        (SimpleUploadedFile("empty.pdf", b""), "empty"),
    ],
)
def test_bad_attachments_are_refused_and_nothing_is_stored(world, upload, message):
    with pytest.raises(ValidationError) as error:
        services.task_submit(client_user=world.a.user, subject="S", text="T", files=[upload])
    assert message in " ".join(str(m) for m in error.value.fields["files"])
    assert Task.objects.count() == 2


def test_too_large_an_attachment_is_refused(world, settings):
    settings.ATTACHMENT_MAX_BYTES = 10
    with pytest.raises(ValidationError):
        services.task_submit(client_user=world.a.user, subject="S", text="T", files=[pdf(content=b"x" * 11)])


def test_client_cannot_submit_on_another_clients_matter(world):
    with pytest.raises(NotFound):
        services.task_submit(client_user=world.a.user, matter=world.b.matter, subject="S", text="T")


def test_firm_staff_cannot_submit_as_a_client(world):
    with pytest.raises(NotPermitted):
        services.task_submit(client_user=world.a.lead, subject="S", text="T")


def test_nothing_is_submitted_on_a_closed_matter(world):
    world.a.matter.status = "closed"
    world.a.matter.save()
    with pytest.raises(InvalidState):
        services.task_submit(client_user=world.a.user, matter=world.a.matter, subject="S", text="T")


def test_lead_accepts_and_the_client_is_notified(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():
        task = services.task_accept(task=world.a.task, by=world.a.lead)
    assert task.status == Task.Status.ACCEPTED
    assert task.accepted_by == world.a.lead
    assert task.accepted_at is not None
    notice = Notice.objects.get(kind="task_accepted")
    assert notice.recipient == world.a.user
    assert notice.to_email == world.a.user.email
    assert world.a.lead.full_name in notice.body_text


def test_notice_is_written_in_the_recipients_language(world):
    world.a.user.language = "ru"
    world.a.user.save()
    services.task_accept(task=world.a.task, by=world.a.lead)
    notice = Notice.objects.get(kind="task_accepted")
    assert "принята" in notice.subject


def test_assigned_specialist_accepts_a_portal_task(world):
    task = services.task_accept(task=world.a.task, by=world.a.specialist)
    assert task.accepted_by == world.a.specialist


def test_specialist_of_another_matter_cannot_accept(world):
    with pytest.raises(NotPermitted):
        services.task_accept(task=world.a.task, by=world.b.lead)
    world.a.task.refresh_from_db()
    assert world.a.task.status == Task.Status.SUBMITTED


def test_a_task_is_accepted_once(world):
    services.task_accept(task=world.a.task, by=world.a.lead)
    with pytest.raises(InvalidState):
        services.task_accept(task=world.a.task, by=world.partner)


def test_decline_needs_a_reason_and_tells_the_client(world):
    with pytest.raises(ValidationError):
        services.task_decline(task=world.a.task, by=world.a.lead, reason="  ")
    task = services.task_decline(task=world.a.task, by=world.a.lead, reason="Вне компетенции фирмы")
    assert task.status == Task.Status.DECLINED
    assert task.decline_reason == "Вне компетенции фирмы"
    assert Notice.objects.filter(kind="task_declined", recipient=world.a.user).exists()


def test_answer_follows_acceptance(world):
    with pytest.raises(InvalidState):
        services.task_answer(task=world.a.task, by=world.a.lead, answer="Ответ")
    services.task_accept(task=world.a.task, by=world.a.specialist)
    with pytest.raises(NotPermitted):
        services.task_answer(task=world.a.task, by=world.b.lead, answer="Ответ")
    task = services.task_answer(task=world.a.task, by=world.a.specialist, answer="Письменный ответ")
    assert task.status == Task.Status.ANSWERED
    assert task.answered_by == world.a.specialist
    assert Notice.objects.filter(kind="task_answered", recipient=world.a.user).exists()


# --- rule 2: a task given by phone --------------------------------------------------------------


@pytest.fixture
def phone_task(world):
    return services.task_register(
        by=world.secretary,
        client=world.a.client,
        matter=world.a.matter,
        channel=Task.Channel.PHONE,
        subject="Звонок клиента",
        text="Клиент просит подготовить отзыв на иск к понедельнику.",
        requested_by_name="Петров И. И.",
        files=[SimpleUploadedFile("call-note.txt", "Запись звонка".encode())],
    )


def test_secretary_registers_a_phone_task(world, phone_task):
    assert phone_task.channel == Task.Channel.PHONE
    assert phone_task.registered_by == world.secretary
    assert phone_task.status == Task.Status.SUBMITTED
    assert phone_task.attachments.count() == 1


def test_secretary_cannot_accept_phone_task(world, phone_task):
    with pytest.raises(NotPermitted) as error:
        services.task_accept(task=phone_task, by=world.secretary)
    assert "lead specialist" in str(error.value.message)
    phone_task.refresh_from_db()
    assert phone_task.status == Task.Status.SUBMITTED
    assert phone_task.accepted_by is None


def test_assigned_specialist_who_is_not_the_lead_cannot_accept_phone_task(world, phone_task):
    with pytest.raises(NotPermitted):
        services.task_accept(task=phone_task, by=world.a.specialist)
    with pytest.raises(NotPermitted):
        services.task_decline(task=phone_task, by=world.a.specialist, reason="нет")


def test_lead_specialist_of_another_matter_cannot_accept_phone_task(world, phone_task):
    with pytest.raises(NotPermitted):
        services.task_accept(task=phone_task, by=world.b.lead)


def test_matters_lead_accepts_phone_task(world, phone_task):
    assert services.task_accept(task=phone_task, by=world.a.lead).accepted_by == world.a.lead


def test_partner_accepts_phone_task(world, phone_task):
    assert services.task_accept(task=phone_task, by=world.partner).accepted_by == world.partner


def test_phone_task_without_a_matter_needs_a_lead_of_the_client(world):
    task = services.task_register(
        by=world.secretary,
        client=world.a.client,
        channel=Task.Channel.PHONE,
        subject="Новый вопрос",
        text="Консультация по аренде.",
        requested_by_name="Петров И. И.",
    )
    with pytest.raises(NotPermitted):
        services.task_accept(task=task, by=world.a.specialist)
    with pytest.raises(NotPermitted):
        services.task_accept(task=task, by=world.b.lead)
    assert services.task_accept(task=task, by=world.a.lead).status == Task.Status.ACCEPTED


def test_registering_needs_the_channel_and_who_gave_the_task(world):
    base = {"by": world.secretary, "client": world.a.client, "subject": "S", "text": "T"}
    with pytest.raises(ValidationError) as error:
        services.task_register(**base, channel=Task.Channel.PORTAL, requested_by_name="X")
    assert "channel" in error.value.fields
    with pytest.raises(ValidationError) as error:
        services.task_register(**base, channel=Task.Channel.PHONE, requested_by_name=" ")
    assert "requested_by_name" in error.value.fields


def test_clients_cannot_register_tasks_for_the_firm(world):
    with pytest.raises(NotPermitted):
        services.task_register(
            by=world.a.user,
            client=world.a.client,
            channel=Task.Channel.PHONE,
            subject="S",
            text="T",
            requested_by_name="X",
        )


def test_specialist_cannot_register_a_task_for_a_client_not_theirs(world):
    with pytest.raises(NotFound):
        services.task_register(
            by=world.a.specialist,
            client=world.b.client,
            channel=Task.Channel.EMAIL,
            subject="S",
            text="T",
            requested_by_name="X",
        )


def test_matter_of_another_client_is_refused_at_registration(world):
    with pytest.raises(ValidationError):
        services.task_register(
            by=world.secretary,
            client=world.a.client,
            matter=world.b.matter,
            channel=Task.Channel.LETTER,
            subject="S",
            text="T",
            requested_by_name="X",
        )


def test_matter_lead_must_be_a_lead_or_partner(world):
    with pytest.raises(ValidationError):
        services.matter_open(by=world.partner, client=world.a.client, title="Новое дело", lead=world.a.specialist)
    matter = services.matter_open(
        by=world.partner,
        client=world.a.client,
        title="Новое дело",
        lead=world.a.lead,
        specialists=[world.b.specialist],
    )
    assert matter.assignments.get(is_lead=True).user == world.a.lead
    assert matter.assignments.count() == 2


def test_only_partners_and_leads_open_matters(world):
    with pytest.raises(NotPermitted):
        services.matter_open(by=world.secretary, client=world.a.client, title="X", lead=world.a.lead)


def test_inactive_lead_cannot_accept(world):
    world.a.lead.is_active = False
    world.a.lead.save()
    with pytest.raises(NotPermitted):
        services.task_accept(task=world.a.task, by=world.a.lead)


def test_a_factory_made_user_is_not_a_superuser():
    assert not f.UserFactory().is_superuser
