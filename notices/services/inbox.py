"""The inbox's writes: read marks, e-mail preferences, and staff resending a dead letter."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import NotFound, ValidationError
from core.selectors import get_visible

from .. import kinds
from ..access import may_resend, restrict_notices
from ..caching import inbox_changed
from ..models import Notice, NoticePreference
from . import outbox


def notice_read(*, user, notice_id) -> Notice:
    """Mark one of the user's notices read (again: no change). Another user's notice is not found."""
    notice = get_visible(restrict_notices(user, "inbox"), pk=notice_id)
    if notice.read_at is None:
        notice.read_at = timezone.now()
        Notice.objects.filter(pk=notice.pk, read_at__isnull=True).update(read_at=notice.read_at)
        inbox_changed(user.pk)
    return notice


def notices_read_all(*, user) -> int:
    """Mark every unread notice of the user's inbox read; returns how many."""
    marked = restrict_notices(user, "inbox").filter(read_at__isnull=True).update(read_at=timezone.now())
    if marked:
        inbox_changed(user.pk)
    return marked


@transaction.atomic
def notice_preferences_set(*, user, email: dict[str, bool]) -> None:
    """Which kinds also come by e-mail. Unknown kinds are refused; a mandatory kind cannot be turned
    off (refused with a message); only choices that differ from the default (on) are stored."""
    unknown = sorted(set(email) - set(kinds.KINDS))
    if unknown:
        raise ValidationError(_("Unknown kinds of notices: %(kinds)s.") % {"kinds": ", ".join(unknown)})
    forced = [code for code, on in email.items() if not on and kinds.email_mandatory(code)]
    if forced:
        raise ValidationError(
            _("The firm sends these by e-mail to everyone: %(kinds)s.")
            % {"kinds": ", ".join(str(kinds.label(code)) for code in forced)}
        )
    for code, on in email.items():
        if on:
            NoticePreference.objects.filter(user=user, kind=code).delete()
        else:
            NoticePreference.objects.update_or_create(user=user, kind=code, defaults={"email": False})


@transaction.atomic
def notice_resend(*, notice_id, by) -> Notice:
    """Staff: send a failed notice again — PENDING, attempts from zero, handed to the worker on commit."""
    if not may_resend(by):
        raise NotFound()
    notice = get_visible(restrict_notices(by, "dead_letters").select_for_update(), pk=notice_id)
    Notice.objects.filter(pk=notice.pk).update(
        status=Notice.Status.PENDING, attempts=0, next_attempt_at=None, claimed_at=None
    )
    transaction.on_commit(lambda: outbox._dispatch(notice.pk))
    notice.refresh_from_db()
    return notice
