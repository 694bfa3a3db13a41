"""The message thread's rules (rule 9): who writes, who is told, receipts, reading, correcting, nothing deleted."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core.errors import InvalidState, NotFound, NotPermitted, ValidationError
from matters.access import allowed
from matters.models import Assignment, Message, MessageAttachment, MessageReceipt, MessageRevision
from matters.services import messages as services
from notices.models import Notice
from tests import factories as f
from tests.factories_messages import MessageFactory
from timeline.models import TimelineEvent

pytestmark = pytest.mark.django_db


def notified(kind="message_material"):
    return sorted(Notice.objects.filter(kind=kind).values_list("recipient_id", flat=True))


def test_a_material_message_from_the_client_tells_every_assigned_person_of_the_firm_and_nobody_else(world):
    message = services.message_post(
        matter=world.a.matter, by=world.a.user, body="Ответчик предложил мировое соглашение.", material=True
    )
    assert message.side == Message.Side.CLIENT and message.material
    assert notified() == sorted([world.a.lead.pk, world.a.specialist.pk])
    receipts = MessageReceipt.objects.filter(message=message)
    assert sorted(receipts.values_list("user_id", flat=True)) == sorted([world.a.lead.pk, world.a.specialist.pk])
    assert all(r.read_at is None for r in receipts)


def test_the_notice_says_there_is_a_material_message_without_its_text(world):
    message = services.message_post(matter=world.a.matter, by=world.a.user, body="Секретные сведения", material=True)
    notice = Notice.objects.filter(recipient=world.a.lead).get()
    assert world.a.matter.number in notice.subject
    assert "Секретные сведения" not in notice.subject + notice.body_text
    assert f"/messages/{message.pk}/" in notice.body_text
    assert "not sent by e-mail" in notice.body_text


def test_a_material_message_from_the_firm_tells_every_active_user_of_the_client(world):
    colleague = f.ClientUserFactory(client=world.a.client)
    gone = f.ClientUserFactory(client=world.a.client, is_active=False)
    message = services.message_post(matter=world.a.matter, by=world.a.lead, body="Заседание перенесено.", material=True)
    assert message.side == Message.Side.FIRM
    assert notified() == sorted([world.a.user.pk, colleague.pk])
    recipients = set(MessageReceipt.objects.filter(message=message).values_list("user_id", flat=True))
    assert recipients == {world.a.user.pk, colleague.pk}
    assert gone.pk not in recipients and world.a.specialist.pk not in recipients


def test_an_ordinary_message_gets_receipts_but_sends_no_email(world):
    message = services.message_post(matter=world.a.matter, by=world.a.user, body="Документы отправили курьером.")
    assert not Notice.objects.exists()
    assert MessageReceipt.objects.filter(message=message).count() == 2


def test_the_author_is_never_a_recipient_even_when_assigned_and_messaging_as_the_firm(world):
    message = services.message_post(matter=world.a.matter, by=world.a.lead, body="Для клиента", material=True)
    assert not message.receipts.filter(user=world.a.lead).exists()
    assert world.a.lead.pk not in notified()


def test_a_partner_writes_on_any_matter_and_an_assigned_secretary_on_hers(world):
    services.message_post(matter=world.a.matter, by=world.partner, body="Партнёр на связи")
    Assignment.objects.create(matter=world.a.matter, user=world.secretary)
    message = services.message_post(matter=world.a.matter, by=world.secretary, body="Курьер выехал")
    assert message.side == Message.Side.FIRM
    client_message = services.message_post(matter=world.a.matter, by=world.a.user, body="Спасибо", material=True)
    assert world.secretary.pk in notified() and client_message.receipts.filter(user=world.secretary).exists()


@pytest.mark.parametrize("who", ["secretary", "b_user", "b_lead"])
def test_people_outside_the_matter_cannot_write_in_its_thread(world, who):
    user = {"secretary": world.secretary, "b_user": world.b.user, "b_lead": world.b.lead}[who]
    with pytest.raises(NotFound):
        services.message_post(matter=world.a.matter, by=user, body="Здравствуйте", material=True)
    assert not Message.objects.exists() and not Notice.objects.exists()


def test_an_empty_or_huge_message_is_refused_and_nothing_is_written(world):
    with pytest.raises(ValidationError) as empty:
        services.message_post(matter=world.a.matter, by=world.a.user, body="   ", material=True)
    assert "body" in empty.value.fields
    with pytest.raises(ValidationError):
        services.message_post(matter=world.a.matter, by=world.a.user, body="я" * 20_001)
    assert not Message.objects.exists() and not Notice.objects.exists() and not TimelineEvent.objects.exists()


def test_attachments_are_stored_and_checked_like_task_attachments(world):
    good = SimpleUploadedFile("претензия.pdf", b"%PDF-1.4 claim", content_type="application/pdf")
    message = services.message_post(matter=world.a.matter, by=world.a.user, body="Претензия", files=[good])
    [stored] = message.attachments.all()
    assert (stored.original_name, stored.size, stored.content_type) == ("претензия.pdf", 14, "application/pdf")
    bad = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream")
    with pytest.raises(ValidationError) as error:
        services.message_post(matter=world.a.matter, by=world.a.user, body="Ещё", files=[bad])
    assert "files" in error.value.fields
    assert Message.objects.count() == 1 and MessageAttachment.objects.count() == 1


def test_each_message_writes_a_client_visible_timeline_line(world):
    message = services.message_post(matter=world.a.matter, by=world.a.user, body="Важно", material=True)
    event = TimelineEvent.objects.get(kind=TimelineEvent.Kind.MESSAGE)
    assert event.client_visible and event.ref_id == message.pk and event.ref_type == "message"
    assert world.a.user.full_name in event.search_text and "material" in event.summary


# --- reading -----------------------------------------------------------------------------------


def test_opening_the_thread_marks_only_the_viewers_receipts_in_one_update(world, django_assert_num_queries):
    first = services.message_post(matter=world.a.matter, by=world.a.user, body="Первое")
    second = services.message_post(matter=world.a.matter, by=world.a.user, body="Второе", material=True)
    other = services.message_post(matter=world.b.matter, by=world.b.user, body="Чужое")
    with django_assert_num_queries(1):
        marked = services.messages_mark_read(user=world.a.lead, matter=world.a.matter)
    assert marked == 2
    assert MessageReceipt.objects.filter(user=world.a.lead, read_at__isnull=False).count() == 2
    assert MessageReceipt.objects.filter(user=world.a.specialist, read_at__isnull=True).count() == 2
    assert not other.receipts.filter(read_at__isnull=False).exists()
    read_at = first.receipts.get(user=world.a.lead).read_at
    assert services.messages_mark_read(user=world.a.lead, matter=world.a.matter) == 0
    assert first.receipts.get(user=world.a.lead).read_at == read_at  # the first reading stands
    assert second.receipts.get(user=world.a.lead).read_at is not None


def test_marking_one_message_read_touches_only_the_callers_own_receipt(world):
    colleague = f.ClientUserFactory(client=world.a.client)
    message = services.message_post(matter=world.a.matter, by=world.a.lead, body="Для всех", material=True)
    receipt = services.message_mark_read(user=world.a.user, message=message)
    assert receipt.user == world.a.user and receipt.read_at is not None
    assert message.receipts.get(user=colleague).read_at is None
    assert services.message_mark_read(user=world.a.specialist, message=message) is None  # not a recipient
    with pytest.raises(NotFound):
        services.message_mark_read(user=world.b.user, message=message)


# --- correcting: never silently ------------------------------------------------------------------


def test_the_author_corrects_within_the_window_and_the_earlier_text_is_kept(world):
    message = services.message_post(matter=world.a.matter, by=world.a.user, body="Заседание 12 мая")
    services.message_edit(message=message, by=world.a.user, body="Заседание 15 мая")
    message.refresh_from_db()
    assert message.body == "Заседание 15 мая" and message.edited_at is not None
    [revision] = MessageRevision.objects.filter(message=message)
    assert revision.body == "Заседание 12 мая" and revision.replaced_at == message.edited_at
    assert TimelineEvent.objects.filter(kind="message", summary__contains="edited").count() == 1
    services.message_edit(message=message, by=world.a.user, body="Заседание 16 мая")
    assert list(message.revisions.values_list("body", flat=True)) == ["Заседание 12 мая", "Заседание 15 мая"]


def test_correcting_a_material_message_tells_its_recipients_again(world):
    message = services.message_post(
        matter=world.a.matter, by=world.a.user, body="Суд назначил экспертизу", material=True
    )
    services.message_edit(message=message, by=world.a.user, body="Суд назначил повторную экспертизу")
    assert Notice.objects.filter(recipient=world.a.lead).count() == 2
    assert "corrected" in Notice.objects.filter(recipient=world.a.lead).order_by("-id").first().subject


def test_nobody_corrects_after_the_window_or_someone_elses_message(world):
    message = MessageFactory(
        matter=world.a.matter, author=world.a.user, created_at=timezone.now() - timedelta(minutes=16)
    )
    with pytest.raises(InvalidState):
        services.message_edit(message=message, by=world.a.user, body="Другое")
    fresh = services.message_post(matter=world.a.matter, by=world.a.user, body="Текст")
    colleague = f.ClientUserFactory(client=world.a.client)
    with pytest.raises(NotPermitted):
        services.message_edit(message=fresh, by=colleague, body="Подмена")
    with pytest.raises(NotPermitted):
        services.message_edit(message=fresh, by=world.a.lead, body="Подмена")
    with pytest.raises(NotFound):
        services.message_edit(message=fresh, by=world.b.user, body="Подмена")
    with pytest.raises(ValidationError):
        services.message_edit(message=fresh, by=world.a.user, body="Текст")
    message.refresh_from_db()
    fresh.refresh_from_db()
    assert (message.edited_at, fresh.edited_at, fresh.body) == (None, None, "Текст")
    assert not MessageRevision.objects.exists()


def test_the_window_is_a_setting(world, settings):
    settings.MESSAGE_EDIT_MINUTES = 60
    message = MessageFactory(
        matter=world.a.matter, author=world.a.user, created_at=timezone.now() - timedelta(minutes=30)
    )
    assert allowed(world.a.user, message, "edit")
    services.message_edit(message=message, by=world.a.user, body="Исправлено")


def test_there_is_no_way_to_delete_a_message():
    assert not [name for name in dir(services) if "delete" in name or "remove" in name]
