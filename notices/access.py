"""Who may see which notice: the one answer.

`restrict_notices(user, action)`:
- "inbox": the user's own notices that have fallen due (not a reminder still scheduled, nor one
  withdrawn) — the in-portal inbox; another user's notice is not found (404), whoever asks.
- "dead_letters": the notices that failed for good, for partners and is_staff users (the people
  who resend them); nobody else sees any.
"""

from django.db.models import QuerySet

from .models import Notice

ACTIONS = ("inbox", "dead_letters")


def _inactive(user) -> bool:
    return not getattr(user, "is_authenticated", False) or not user.is_active


def may_resend(user) -> bool:
    return not _inactive(user) and (user.sees_everything or user.is_staff)


def restrict_notices(user, action: str) -> QuerySet[Notice]:
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    qs = Notice.objects.all()
    if _inactive(user):
        return qs.none()
    if action == "inbox":
        return qs.filter(recipient=user).exclude(status__in=[Notice.Status.SCHEDULED, Notice.Status.CANCELLED])
    if not may_resend(user):
        return qs.none()
    return qs.filter(status=Notice.Status.FAILED)


def allowed(user, notice: Notice | type[Notice], action: str) -> bool:
    if action == "dead_letters":
        return may_resend(user) and (notice is Notice or notice.status == Notice.Status.FAILED)
    if action == "inbox":
        return not _inactive(user) and (notice is Notice or notice.recipient_id == user.pk)
    raise ValueError(f"unknown action {action!r}")
