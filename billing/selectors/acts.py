"""Scoped reads of acts of services rendered and their УПД."""

from core.selectors import get_visible

from ..access import restrict_acts
from ..models import Act


def act_list(*, user, matter=None):
    qs = restrict_acts(user, "view").select_related("matter", "client", "corrects", "upd")
    if matter is not None:
        qs = qs.filter(matter=matter)
    return qs


# What a row of the act lists shows (billing/act_list.html): without the requisites and the customer (JSON
# decoded per act and per corrected original), the signatories, the objection, the PDF paths.
ROW_FIELDS = (
    "id", "number", "act_date", "period_start", "period_end", "gross", "is_final", "corrects_id", "correction_no",
    "answer", "acceptance_due", "matter_id", "client_id", "matter__number", "client__name", "corrects__number",
)  # fmt: skip


def act_rows(*, user, matter=None):
    """The acts of the lists, newest first, with only what a row shows (one query)."""
    qs = restrict_acts(user, "view").select_related("matter", "client", "corrects").only(*ROW_FIELDS)
    if matter is not None:
        qs = qs.filter(matter=matter)
    return qs


def act_get(*, user, pk) -> Act:
    return get_visible(act_list(user=user).prefetch_related("lines", "dispatches", "corrections"), pk=pk)


NEEDED_ROWS = 20


def acts_needed(*, user, matter_ids: list[int], make) -> dict[int, list]:
    """ "Accept the act" items of the client's dashboard: its acts awaiting an answer whose acceptance
    period has not run out (one query)."""
    from django.db.models import Q
    from django.urls import reverse
    from django.utils import timezone
    from django.utils.formats import date_format
    from django.utils.translation import gettext as _

    today = timezone.localdate()
    qs = (
        restrict_acts(user, "answer")
        .filter(Q(acceptance_due__isnull=True) | Q(acceptance_due__gte=today), matter_id__in=matter_ids)
        .only("id", "matter_id", "number", "act_date", "acceptance_due", "issued_at")
        .order_by("acceptance_due", "id")[:NEEDED_ROWS]
    )
    out: dict[int, list] = {}
    for act in qs:
        if act.acceptance_due:
            text = _("Accept act No. %(number)s or send objections by %(date)s") % {
                "number": act.number,
                "date": date_format(act.acceptance_due, "SHORT_DATE_FORMAT"),
            }
        else:
            text = _("Accept act No. %(number)s or send objections") % {"number": act.number}
        out.setdefault(act.matter_id, []).append(
            make(kind="act", text=text, url=reverse("billing:act_detail", args=[act.pk]), at=act.issued_at)
        )
    return out


def _open(field):
    if not field:
        return None
    try:
        return field.open("rb")
    except FileNotFoundError:
        return None


def act_pdf_file(act):
    """The stored PDF opened for reading, or None while the worker has not rendered it yet."""
    return _open(act.pdf)


def upd_pdf_file(act):
    upd = getattr(act, "upd", None) if hasattr(act, "upd") else None
    return _open(upd.pdf) if upd is not None else None
