"""Scoped reads of advances, and the one balance every page and the API show.

`advance_balance(matter_ids)` is the only place the figures are computed: requested (every advance
not cancelled), paid (the amounts staff confirmed), spent (recorded against confirmed advances) and
left = paid − spent. Two queries whatever the number of matters.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, Sum
from django.utils import timezone

from core.selectors import get_visible

from ..access import restrict_advances
from ..models import Advance, AdvanceSpending

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Balance:
    requested: Decimal = ZERO
    paid: Decimal = ZERO
    spent: Decimal = ZERO

    @property
    def left(self) -> Decimal:
        return self.paid - self.spent

    @property
    def due(self) -> Decimal:
        """Asked for and not yet confirmed as paid (never below zero: a client may pay more)."""
        return max(self.requested - self.paid, ZERO)


def balance_of(advances: Iterable[tuple], spendings: Iterable[tuple]) -> dict[int, Balance]:
    """The arithmetic alone: `advances` are (matter_id, status, amount, confirmed_amount), `spendings`
    (matter_id, amount). A cancelled advance counts nowhere; paid is what staff confirmed."""
    sums: dict[int, list[Decimal]] = {}
    for matter_id, status, amount, confirmed in advances:
        row = sums.setdefault(matter_id, [ZERO, ZERO, ZERO])
        if status == Advance.Status.CANCELLED:
            continue
        row[0] += amount
        if status == Advance.Status.CONFIRMED:
            row[1] += confirmed if confirmed is not None else amount
    for matter_id, amount in spendings:
        sums.setdefault(matter_id, [ZERO, ZERO, ZERO])[2] += amount
    return {m: Balance(*(v.quantize(Decimal("0.01")) for v in row)) for m, row in sums.items()}


def advance_balance(matter_ids: Iterable[int]) -> dict[int, Balance]:
    """{matter id: Balance} for each of `matter_ids` (a Balance of zeros where there is nothing).
    The caller has already scoped the matters; two queries for any number of them."""
    ids = list(matter_ids)
    if not ids:
        return {}
    S = Advance.Status
    advances = (
        Advance.objects.filter(matter_id__in=ids)
        .exclude(status=S.CANCELLED)
        .values("matter_id")
        .annotate(
            requested=Sum("amount"),
            paid=Sum("confirmed_amount", filter=Q(status=S.CONFIRMED)),
        )
        .order_by()
    )
    rows = [(a["matter_id"], S.REQUESTED, a["requested"], None) for a in advances]
    rows += [(a["matter_id"], S.CONFIRMED, ZERO, a["paid"]) for a in advances if a["paid"] is not None]
    spent = (
        AdvanceSpending.objects.filter(advance__matter_id__in=ids)
        .values("advance__matter_id")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    computed = balance_of(rows, [(s["advance__matter_id"], s["total"]) for s in spent])
    return {pk: computed.get(pk, Balance()) for pk in ids}


def _base(user):
    return restrict_advances(user, "view").select_related("matter__client", "task", "hearing", "overridden_by")


def fundable_actions(*, matter) -> dict:
    """What an advance on `matter` may fund (the request form's choices): its latest tasks and hearings. The
    caller has the matter through a scoped getter and may request advances on it (advance_matters)."""
    from hearings.models import Hearing
    from matters.models import Task

    return {
        "tasks": list(Task.objects.filter(matter=matter).only("id", "number", "subject").order_by("-id")[:100]),
        "hearings": list(Hearing.objects.filter(matter=matter).order_by("-id")[:100]),
    }


def advance_list(*, user, matter_ids=None, status: str = "", overdue: bool | None = None):
    qs = _base(user).order_by("due_on", "id")
    if matter_ids is not None:
        qs = qs.filter(matter_id__in=matter_ids)
    if status:
        qs = qs.filter(status=status)
    if overdue is not None:
        late = overdue_q()
        qs = qs.filter(late) if overdue else qs.exclude(late)
    return qs


def overdue_q(today=None) -> Q:
    today = today or timezone.localdate()
    return Q(
        status__in=(Advance.Status.REQUESTED, Advance.Status.PAID_CLAIMED),
        overridden_by__isnull=True,
        due_on__lt=today,
    )


def advance_get(*, user, pk, action: str = "view") -> Advance:
    return get_visible(restrict_advances(user, action).select_related("matter__client", "task", "hearing"), pk=pk)


def spending_list(*, advance):
    return advance.spendings.select_related("recorded_by", "expense").order_by("spent_on", "id")


def blocking_advances(objects) -> dict:
    """{task or hearing: [overdue advances funding it]} for the objects given (one query)."""
    from hearings.models import Hearing
    from matters.models import Task

    tasks = [o.pk for o in objects if isinstance(o, Task)]
    hearings = [o.pk for o in objects if isinstance(o, Hearing)]
    if not tasks and not hearings:
        return {}
    found = Advance.objects.filter(overdue_q()).filter(Q(task_id__in=tasks) | Q(hearing_id__in=hearings))
    by_key: dict = {}
    for advance in found.order_by("due_on", "id"):
        key = ("task", advance.task_id) if advance.task_id else ("hearing", advance.hearing_id)
        by_key.setdefault(key, []).append(advance)
    out = {}
    for obj in objects:
        key = ("task" if isinstance(obj, Task) else "hearing", obj.pk)
        if key in by_key:
            out[obj] = by_key[key]
    return out


def overdue_for_matter(matter_id: int) -> list[Advance]:
    return list(Advance.objects.filter(overdue_q(), matter_id=matter_id).order_by("due_on", "id"))


NEEDED_ROWS = 50


def advances_needed(*, user, matter_ids: list[int], make) -> dict[int, list]:
    """ "Pay the advance" items of the client's dashboard: its advances waiting for payment (one query)."""
    from django.urls import reverse
    from django.utils.formats import date_format
    from django.utils.translation import gettext as _

    qs = (
        restrict_advances(user, "pay")
        .filter(matter_id__in=matter_ids)
        .only("id", "matter_id", "purpose", "amount", "due_on", "requested_at")
        .order_by("due_on", "id")[:NEEDED_ROWS]
    )
    out: dict[int, list] = {}
    for advance in qs:
        out.setdefault(advance.matter_id, []).append(
            make(
                kind="advance",
                text=_("Pay the advance of %(amount)s ₽ by %(date)s: %(purpose)s")
                % {
                    "amount": advance.amount,
                    "date": date_format(advance.due_on, "SHORT_DATE_FORMAT"),
                    "purpose": advance.purpose[:100],
                },
                url=reverse("billing:advance_detail", args=[advance.pk]),
                at=advance.requested_at,
            )
        )
    return out
