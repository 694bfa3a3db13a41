"""The notices outbox: write a row with the event, deliver it through the worker, exactly as recorded."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Notice, NoticeAttachment

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# A claim older than this belongs to a worker that died mid-send; the sweep hands it out again.
STALE_CLAIM = timedelta(minutes=10)
# A pending row younger than this is still expected to arrive through the broker.
DISPATCH_GRACE = timedelta(seconds=20)


def _dispatch(notice_id: int) -> None:
    """Nudge the worker. Failing to reach the broker loses nothing: the sweep finds the row."""
    from .tasks import deliver

    try:
        deliver.apply_async(args=[notice_id], retry=True, retry_policy={"max_retries": 2, "interval_start": 0.2})
    except Exception:  # the broker is down; the row waits for the sweep
        log.warning("notice %s: broker unreachable, left for the sweep", notice_id, exc_info=True)


def _create(**fields) -> Notice:
    notice = Notice.objects.create(**fields)
    transaction.on_commit(lambda: _dispatch(notice.pk))
    return notice


def _render(*, language: str | None, template: str, context: dict) -> tuple[str, str]:
    context = {**context, "site_url": settings.SITE_URL, "firm": settings.FIRM}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"notices/{template}.subject.txt", context).split())
        body = render_to_string(f"notices/{template}.body.txt", context)
    return subject[:300], body


def _write(*, key: str, attachments=(), **fields) -> Notice | None:
    """Write the row unless a notice with the same key exists (then None): exactly once per key.

    The unique constraint decides, not a prior read, so two sweeps or two workers racing to write
    the same reminder leave one row. A savepoint keeps the caller's transaction usable after a clash.
    """
    due_at = fields.get("due_at")
    if due_at is not None and due_at > timezone.now():
        fields["status"] = Notice.Status.SCHEDULED
    else:
        fields["due_at"] = timezone.now()
    try:
        with transaction.atomic():
            notice = Notice.objects.create(key=key, **fields)
    except IntegrityError:
        if key and Notice.objects.filter(key=key).exists():
            return None
        raise
    for path, filename, content_type in attachments:
        NoticeAttachment.objects.create(notice=notice, path=path, filename=filename[:255], content_type=content_type)
    if notice.status == Notice.Status.PENDING:
        transaction.on_commit(lambda: _dispatch(notice.pk))
    return notice


def notice_to_user(
    *,
    user,
    kind: str,
    template: str,
    context: dict,
    attachments=(),
    to_email: str | None = None,
    link: str = "",
    key: str = "",
    group: str = "",
    due_at=None,
) -> Notice | None:
    """Queue a notice to a user — an entry of the user's inbox and an e-mail — in the user's language.

    `template` names `notices/<template>.subject.txt` and `.body.txt`. Must be called inside the
    transaction that records the event, so that the notice exists exactly when the event does.
    `attachments` are (storage path, file name, content type) triples, read when the mail goes out;
    `to_email` sends to another address of the user's choosing (a result delivered by e-mail).
    `link` is the portal path of the thing the notice is about (the inbox links to it). `due_at` in
    the future makes it a scheduled reminder, claimed by the sweep when due; `key` makes it exactly
    once (None when a notice with that key exists); `group` lets `notices_cancel` withdraw it.
    """
    if not user.is_active or not (to_email or user.email):
        return None
    subject, body = _render(language=user.language, template=template, context={**context, "user": user})
    return _write(
        key=key,
        attachments=attachments,
        recipient=user,
        to_email=to_email or user.email,
        kind=kind,
        subject=subject,
        body_text=body,
        link=link[:500],
        group=group,
        due_at=due_at,
    )


def notice_to_address(
    *,
    to_email: str,
    language: str | None,
    kind: str,
    template: str,
    context: dict,
    key: str = "",
    group: str = "",
    due_at=None,
) -> Notice | None:
    """Queue an e-mail to somebody without an account (a witness, the client's employee)."""
    if not to_email:
        return None
    subject, body = _render(language=language, template=template, context=context)
    return _write(key=key, to_email=to_email, kind=kind, subject=subject, body_text=body, group=group, due_at=due_at)


def notices_cancel(*, group: str) -> int:
    """Withdraw the reminders of `group` that have not fallen due yet; returns how many."""
    return Notice.objects.filter(group=group, status=Notice.Status.SCHEDULED).update(status=Notice.Status.CANCELLED)


def notice_send_message(*, message: EmailMultiAlternatives, kind: str) -> list[Notice]:
    """Queue an already rendered message (allauth's verification and password-reset mails)."""
    html = ""
    for content, mimetype in getattr(message, "alternatives", []) or []:
        if mimetype == "text/html":
            html = content
    with transaction.atomic():
        return [
            _create(to_email=to, kind=kind, subject=message.subject[:300], body_text=message.body, body_html=html)
            for to in message.to
        ]


def notice_deliver(*, notice_id: int) -> bool:
    """Claim the notice, send it, mark it sent. Returns False when there was nothing to do."""
    now = timezone.now()
    claimed = Notice.objects.filter(pk=notice_id, status=Notice.Status.PENDING).update(
        status=Notice.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    if not claimed:
        return False  # already sent, or another worker holds it
    notice = Notice.objects.get(pk=notice_id)
    message = EmailMultiAlternatives(
        subject=notice.subject,
        body=notice.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notice.to_email],
        headers={"X-Portal-Notice": str(notice.pk)},
    )
    if notice.body_html:
        message.attach_alternative(notice.body_html, "text/html")
    for attachment in notice.attachments.all():
        with default_storage.open(attachment.path, "rb") as handle:
            message.attach(attachment.filename, handle.read(), attachment.content_type or None)
    try:
        message.send()
    except Exception as exc:
        failed = notice.attempts >= MAX_ATTEMPTS
        Notice.objects.filter(pk=notice.pk).update(
            status=Notice.Status.FAILED if failed else Notice.Status.PENDING,
            last_error=f"{type(exc).__name__}: {exc}"[:2000],
        )
        log.warning("notice %s: sending failed (attempt %s)", notice.pk, notice.attempts, exc_info=True)
        raise
    Notice.objects.filter(pk=notice.pk).update(status=Notice.Status.SENT, sent_at=timezone.now(), last_error="")
    return True


def notices_claim_due(*, now=None, limit: int = 1000) -> list[int]:
    """Move the scheduled notices that fell due to the outbox (SCHEDULED → PENDING); their ids."""
    now = now or timezone.now()
    with transaction.atomic():
        ids = list(
            Notice.objects.select_for_update(skip_locked=True)
            .filter(status=Notice.Status.SCHEDULED, due_at__lte=now)
            .order_by("due_at")
            .values_list("pk", flat=True)[:limit]
        )
        if ids:
            Notice.objects.filter(pk__in=ids).update(status=Notice.Status.PENDING)
    return ids


def notice_sweep(*, now=None, limit: int = 500) -> int:
    """Re-dispatch what the broker may have lost; returns how many notices were handed out again."""
    now = now or timezone.now()
    notices_claim_due(now=now)
    Notice.objects.filter(status=Notice.Status.SENDING, claimed_at__lt=now - STALE_CLAIM).update(
        status=Notice.Status.PENDING
    )
    due = list(
        Notice.objects.filter(status=Notice.Status.PENDING, created_at__lt=now - DISPATCH_GRACE)
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    for pk in due:
        _dispatch(pk)
    return len(due)
