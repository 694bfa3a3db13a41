"""The hearing e-mails as they render, in Russian and English: time in the place's zone (and the firm's when
different), place, room, case number, what to bring, and the way to answer (a link or the portal)."""

import datetime as dt
import os
from zoneinfo import ZoneInfo

from django.utils import timezone

from hearings.models import Attendee
from hearings.services import hearings as services
from hearings.services.hearings import Contact
from notices.models import Notice


def _schedule(world, language):
    a = world.a
    a.user.language = language
    a.user.save()
    day = timezone.localdate() + dt.timedelta(days=12)
    starts = dt.datetime.combine(day, dt.time(10, 30), tzinfo=ZoneInfo("Europe/Moscow"))
    return services.hearing_schedule(
        matter=a.matter,
        by=a.lead,
        kind="court",
        title="Предварительное заседание",
        venue="Арбитражный суд города Москвы",
        address="Москва, ул. Большая Тульская, 17",
        room="7035",
        case_number="А40-12345/2026",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1),
        time_zone="Europe/Moscow",
        representative=a.lead,
        notes="Возьмите паспорт и оригинал доверенности.",
        client_users=[a.user],
        contacts=[Contact(name="Петров Пётр Петрович", email="petrov@example.test", kind="witness", language=language)],
    )


def _show(notice):
    if os.environ.get("SHOW_MAIL"):
        print(f"\n===== {notice.to_email}\nSubject: {notice.subject}\n\n{notice.body_text}")


def test_russian_emails_read_with_local_time_and_the_link(world):
    hearing = _schedule(world, "ru")
    witness = Notice.objects.get(to_email="petrov@example.test", status__in=["pending", "sent", "in_portal"])
    _show(witness)
    assert "декабря" in witness.subject or "января" in witness.subject  # the reader's language (Django's own)
    assert "10:30" in witness.body_text and "Москва" in witness.body_text
    assert "12:30" in witness.body_text  # the firm's time, Yekaterinburg
    assert "7035" in witness.body_text and "А40-12345/2026" in witness.body_text
    assert "паспорт" in witness.body_text and "/attend/" in witness.body_text
    user_mail = Notice.objects.filter(to_email=world.a.user.email).exclude(status="scheduled").get()
    _show(user_mail)
    assert f"/hearings/{hearing.pk}/" in user_mail.body_text and "/attend/" not in user_mail.body_text
    reminder = Notice.objects.get(key__startswith=f"hearing:{hearing.pk}:seq0:1d:attendee")
    _show(reminder)
    assert reminder.due_at == hearing.starts_at - dt.timedelta(days=1)
    services.hearing_cancel(hearing=hearing, by=world.a.lead, reason="Суд отложил заседание")
    cancelled = Notice.objects.filter(to_email="petrov@example.test").order_by("-id").first()
    _show(cancelled)
    assert "Суд отложил заседание" in cancelled.body_text


def test_english_emails(world):
    hearing = _schedule(world, "en")
    witness = Notice.objects.get(to_email="petrov@example.test", status__in=["pending", "sent", "in_portal"])
    _show(witness)
    assert witness.subject.startswith("You are required to attend")
    assert "10:30" in witness.body_text and "local time: Moscow, UTC+3" in witness.body_text
    lead_mail = Notice.objects.filter(to_email=world.a.lead.email).exclude(status="scheduled").get()
    _show(lead_mail)
    assert "You represent the client" in lead_mail.subject
    moved = services.hearing_reschedule(
        hearing=hearing, by=world.a.lead, starts_at=hearing.starts_at + dt.timedelta(days=1), ends_at=None
    )
    mail = Notice.objects.filter(to_email="petrov@example.test", subject__startswith="Moved").get()
    _show(mail)
    assert Attendee.objects.filter(hearing=moved, response="pending").count() == 2
    reminder = Notice.objects.get(key=f"hearing:{hearing.pk}:seq1:7d:user{world.a.user.pk}")
    _show(reminder)
    assert "in 7 days" in reminder.subject
