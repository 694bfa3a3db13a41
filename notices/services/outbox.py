"""The outbox: write a row with the event, deliver it through the worker, exactly as recorded.

Guarantees (README, "Notices"):
- A notice exists iff the transaction that caused it committed (it is written inside it; the broker
  is nudged on commit only). A rolled-back change sends nothing.
- Nothing is lost: the row stays PENDING until a worker marks it SENT. The broker is only a nudge;
  the beat sweep hands out again every PENDING row whose next attempt is due and every SENDING claim
  older than NOTICE_STALE_CLAIM_SECONDS (a worker killed mid-send, a Redis that restarted empty).
  Tasks are acknowledged late and rejected back to the queue when their worker dies.
- Retries never use Celery's ETA/countdown: a failed send writes its error and `next_attempt_at`
  (NOTICE_RETRY_BASE_SECONDS · 2^(attempts-1), at most NOTICE_RETRY_MAX_SECONDS) on the row; after
  NOTICE_MAX_ATTEMPTS the row is FAILED — the dead-letter list, resent by staff (notice_resend).
- Exactly once per recipient and reason: the unique `key`; a claim is one UPDATE … WHERE status =
  'pending', so two workers never both send from one claim.
- The one window no system closes: a worker that dies after the mail server accepted the message
  and before the row is marked SENT. The claim goes stale and the notice is sent again — a second
  e-mail, never a second inbox entry (the inbox is the row itself).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .. import kinds
from ..caching import inbox_changed
from ..models import Notice, NoticeAttachment, NoticePreference

log = logging.getLogger(__name__)


def max_attempts() -> int:
    return settings.NOTICE_MAX_ATTEMPTS


def stale_claim() -> timedelta:
    """A claim older than this belongs to a worker that died mid-send; the sweep hands it out again."""
    return timedelta(seconds=settings.NOTICE_STALE_CLAIM_SECONDS)


def dispatch_grace() -> timedelta:
    """A pending row younger than this is still expected to arrive through the broker."""
    return timedelta(seconds=settings.NOTICE_DISPATCH_GRACE_SECONDS)


def retry_delay(attempts: int) -> timedelta:
    """The wait before the next attempt after `attempts` failed ones: base · 2^(attempts-1), capped."""
    seconds = settings.NOTICE_RETRY_BASE_SECONDS * 2 ** max(0, min(attempts - 1, 30))
    return timedelta(seconds=min(seconds, settings.NOTICE_RETRY_MAX_SECONDS))


def _dispatch(notice_id: int) -> bool:
    """Nudge the worker. Failing to reach the broker loses nothing: the sweep finds the row."""
    from ..jobs import deliver

    try:
        deliver.apply_async(args=[notice_id], retry=True, retry_policy={"max_retries": 2, "interval_start": 0.2})
    except Exception:  # the broker is down; the row waits for the sweep
        log.warning("notice %s: broker unreachable, left for the sweep", notice_id, exc_info=True)
        return False
    return True


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


def wants_email(user, kind: str) -> bool:
    """Whether `kind` also goes to `user` by e-mail: always when the firm makes it mandatory, else
    unless the user turned it off (only such choices are stored)."""
    if kinds.email_mandatory(kind):
        return True
    return not NoticePreference.objects.filter(user=user, kind=kind, email=False).exists()


def _write(*, key: str, attachments=(), in_portal: bool = False, **fields) -> Notice | None:
    """Write the row unless a notice with the same key exists (then None): exactly once per key.

    The unique constraint decides, not a prior read, so two sweeps or two workers racing to write
    the same reminder leave one row. A savepoint keeps the caller's transaction usable after a clash.
    """
    due_at = fields.get("due_at")
    if due_at is not None and due_at > timezone.now():
        fields["status"] = Notice.Status.SCHEDULED
    else:
        fields["due_at"] = timezone.now()
        if in_portal:
            fields["status"] = Notice.Status.IN_PORTAL
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
    A user who turned off e-mail for a kind the firm does not make mandatory gets it in the inbox
    only (IN_PORTAL); for a scheduled reminder the choice is read again when it falls due.
    """
    if not user.is_active or not (to_email or user.email):
        return None
    subject, body = _render(language=user.language, template=template, context={**context, "user": user})
    return _write(
        key=key,
        attachments=attachments,
        in_portal=not to_email and not wants_email(user, kind),
        recipient=user,
        to_email=to_email or user.email,
        kind=kind,
        subject=subject,
        body_text=body,
        link=link[:500],
        group=group,
        due_at=due_at,
    )


def notice_to_users(*, users, not_to=None, **notice) -> list[Notice]:
    """`notice_to_user` for each of `users` but `not_to` (who acted, and is not told of its own act); returns
    the notices written."""
    written = []
    for user in users:
        if not_to is not None and user.pk == not_to.pk:
            continue
        sent = notice_to_user(user=user, **notice)
        if sent is not None:
            written.append(sent)
    return written


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


def _message(notice: Notice) -> EmailMultiAlternatives:
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
    return message


def notice_deliver(*, notice_id: int) -> bool:
    """Claim the notice, send it, mark it sent. Returns False when there was nothing to do.

    A failure is written on the row (error, next attempt after the back-off, or FAILED after the
    last attempt) and raised again for the log; the sweep, not Celery, tries again.
    """
    now = timezone.now()
    claimed = Notice.objects.filter(pk=notice_id, status=Notice.Status.PENDING).update(
        status=Notice.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1, next_attempt_at=None
    )
    if not claimed:
        return False  # already sent, or another worker holds it
    notice = Notice.objects.select_related("recipient").get(pk=notice_id)
    ours = Notice.objects.filter(pk=notice.pk, status=Notice.Status.SENDING, claimed_at=now)
    chose_address = notice.recipient_id and notice.to_email != notice.recipient.email
    if notice.recipient_id and not chose_address and not wants_email(notice.recipient, notice.kind):
        ours.update(status=Notice.Status.IN_PORTAL, sent_at=None)  # a reminder the user wants in the portal only
        return True
    try:
        _message(notice).send()
    except Exception as exc:
        failed = notice.attempts >= max_attempts()
        ours.update(
            status=Notice.Status.FAILED if failed else Notice.Status.PENDING,
            next_attempt_at=None if failed else timezone.now() + retry_delay(notice.attempts),
            last_error=f"{type(exc).__name__}: {exc}"[:2000],
        )
        log.warning("notice %s: sending failed (attempt %s)", notice.pk, notice.attempts, exc_info=True)
        raise
    # ← the window: killed here, the mail is out but the row still says SENDING (README, "Notices").
    Notice.objects.filter(pk=notice.pk).update(status=Notice.Status.SENT, sent_at=timezone.now(), last_error="")
    return True


def notices_claim_due(*, now=None, limit: int = 1000) -> list[int]:
    """Move the scheduled notices that fell due to the outbox (SCHEDULED → PENDING); their ids."""
    now = now or timezone.now()
    with transaction.atomic():
        rows = list(
            Notice.objects.select_for_update(skip_locked=True)
            .filter(status=Notice.Status.SCHEDULED, due_at__lte=now)
            .order_by("due_at")
            .values_list("pk", "recipient_id")[:limit]
        )
        ids = [pk for pk, _recipient in rows]
        if ids:
            Notice.objects.filter(pk__in=ids).update(status=Notice.Status.PENDING, next_attempt_at=now)
            inbox_changed(*(recipient for _pk, recipient in rows))  # they reach the inboxes now
    return ids


def notice_sweep(*, now=None, limit: int = 500) -> int:
    """Claim the reminders that fell due and re-dispatch what the broker may have lost; returns how
    many notices were handed out. Run by beat every NOTICE_SWEEP_SECONDS."""
    now = now or timezone.now()
    while len(notices_claim_due(now=now)) == 1000:
        pass
    stale = Notice.objects.filter(status=Notice.Status.SENDING, claimed_at__lt=now - stale_claim())
    stale.filter(attempts__gte=max_attempts()).update(
        status=Notice.Status.FAILED, last_error="The worker stopped while sending, on every attempt."
    )
    stale.update(status=Notice.Status.PENDING, next_attempt_at=now)
    due = list(
        Notice.objects.filter(status=Notice.Status.PENDING)
        .filter(Q(next_attempt_at__lte=now) | Q(next_attempt_at__isnull=True, created_at__lt=now - dispatch_grace()))
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    if not due:
        return 0
    # Each is leased to the broker for the grace period: the next sweep sends it again only if it
    # is still waiting then (the broker lost it).
    Notice.objects.filter(pk__in=due, status=Notice.Status.PENDING).update(next_attempt_at=now + dispatch_grace())
    handed = 0
    for pk in due:
        if not _dispatch(pk):
            break  # the broker is down: the rest wait for the next sweep
        handed += 1
    return handed
