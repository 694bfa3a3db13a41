"""Reads of the notices app, always through the access gate (notices.access)."""

from django.db.models import QuerySet

from core.caching import cached

from . import kinds
from .access import restrict_notices
from .caching import inbox_scope
from .models import Notice, NoticePreference


def inbox_list(*, user, unread: bool | None = None) -> QuerySet[Notice]:
    """The user's inbox, newest first (by when each fell due)."""
    qs = restrict_notices(user, "inbox")
    if unread is True:
        qs = qs.filter(read_at__isnull=True)
    elif unread is False:
        qs = qs.filter(read_at__isnull=False)
    return qs.order_by("-due_at", "-id")


def inbox_unread_count(*, user) -> int:
    """One COUNT over the partial index of unread rows; the header shows it on every page, so it is kept per user
    (core.caching) until the inbox changes: a notice written or deleted (model signals, notices/apps.py), the
    reminders that fall due (notices_claim_due) and the reads (notice_read, notices_read_all) bump it."""
    return cached(
        "unread-notices",
        owner=f"user:{user.pk}",
        scopes=[inbox_scope(user.pk)],
        compute=lambda: restrict_notices(user, "inbox").filter(read_at__isnull=True).count(),
    )


def dead_letters(*, user) -> QuerySet[Notice]:
    return restrict_notices(user, "dead_letters").select_related("recipient").order_by("-created_at", "-id")


def preferences(*, user) -> list[dict]:
    """Every kind with its label, whether it comes by e-mail for this user and whether that is mandatory."""
    off = set(NoticePreference.objects.filter(user=user, email=False).values_list("kind", flat=True))
    rows = []
    for code, kind in kinds.KINDS.items():
        mandatory = kinds.email_mandatory(code)
        rows.append({"kind": code, "label": kind.label, "mandatory": mandatory, "email": mandatory or code not in off})
    return rows
