"""Scoped reads of acts of services rendered and their УПД."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone

from core.paging import Page, page_number, page_of
from core.selectors import get_visible

from ..access import restrict_acts
from ..caching import for_a_list
from ..models import Act


def act_list(*, user, matter=None):
    qs = restrict_acts(user, "view").select_related("matter", "client", "corrects", "upd")
    if matter is not None:
        qs = qs.filter(matter=matter)
    return qs


# What a row of the act lists shows (billing/_act_rows.html): read as values, not as four models a row (an act,
# its matter, its client, the act it corrects — the model instances were most of the page's time).
ROW_FIELDS = (
    "pk", "number", "act_date", "period_start", "period_end", "gross", "is_final", "corrects_id", "correction_no",
    "answer", "acceptance_due", "matter__number", "client__name", "corrects__number",
)  # fmt: skip


@dataclass(slots=True)
class ActRow:
    """An act as its row shows it; `answer` is the answer as of today (Act.answer_on), `answer_label` its name."""

    pk: int
    number: str
    act_date: date
    period_start: date
    period_end: date
    gross: Decimal
    is_final: bool
    corrects_id: int | None
    correction_no: int | None
    matter_number: str
    client_name: str
    corrects_number: str | None
    answer: str
    answer_label: str

    @property
    def is_correction(self) -> bool:
        return self.corrects_id is not None


def act_rows(*, user, matter=None, page=None) -> Page:
    """A page of the act lists, newest first, with only what a row shows (one query)."""
    qs = restrict_acts(user, "view")
    if matter is not None:
        qs = qs.filter(matter=matter)
    result = page_of(qs.order_by("-act_date", "-pk").values_list(*ROW_FIELDS), page)
    today = timezone.localdate()
    labels: dict[str, str] = {}
    rows = []
    for (
        pk,
        number,
        act_date,
        start,
        end,
        gross,
        final,
        corrects_id,
        no,
        answer,
        due,
        matter_no,
        client,
        corrected,
    ) in result.items:
        answer = Act.answer_as_of(answer, due, today)
        label = labels.get(answer)
        if label is None:
            label = labels[answer] = str(Act.Answer(answer).label)
        fields = (pk, number, act_date, start, end, gross, final, corrects_id, no, matter_no, client, corrected)
        rows.append(ActRow(*fields, answer, label))
    result.items = rows
    return result


def act_page(*, user, matter=None, page=None) -> Page:
    """act_rows, kept per user (billing.caching.for_a_list): what the act lists show."""
    number = page_number(page)

    def compute():
        result = act_rows(user=user, matter=matter, page=number)
        return result.items, result.has_next

    items, has_next = for_a_list(
        "acts", user=user, parts=(matter.pk if matter is not None else 0, number), compute=compute
    )
    return Page(items=items, number=number, has_next=has_next)


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
