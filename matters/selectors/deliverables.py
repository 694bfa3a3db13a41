"""Every read of results of work and their deliveries that reaches a user. Each starts from
matters.access.visible_deliverables (a client sees released results only; a draft is a 404 to it).

For the dashboards: `deliveries_to_confirm` (a client's receipts to confirm), `deliverables_to_release`
(a lead's drafts waiting for release) and `overdue_confirmations` (deliveries the client has not
confirmed in time) — scoped querysets, cheap to count or slice.
"""

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from core.selectors import get_visible
from users.models import Role

from ..access import _my_matters, allowed, visible_deliverables, visible_deliveries, visible_tasks
from ..models import Deliverable, DeliverableFile, Delivery, Matter, Task

PEOPLE = ("prepared_by", "released_by")
PERSON_FIELDS = ("prepared_by__full_name", "released_by__full_name")


def _deliveries() -> QuerySet[Delivery]:
    return Delivery.objects.select_related("confirmed_by", "sent_by", "notice").only(
        *[f.name for f in Delivery._meta.concrete_fields],
        "confirmed_by__full_name",
        "sent_by__full_name",
        "notice__status",
        "notice__sent_at",
    )


def _with_parts(qs: QuerySet[Deliverable]) -> QuerySet[Deliverable]:
    """Each result with its people, task, files and deliveries: a fixed number of queries for any list."""
    return (
        qs.select_related(*PEOPLE, "task")
        .only(*[f.name for f in Deliverable._meta.concrete_fields], *PERSON_FIELDS, "task__number", "task__subject")
        .prefetch_related(
            Prefetch("files", queryset=DeliverableFile.objects.order_by("uploaded_at", "id")),
            Prefetch("deliveries", queryset=_deliveries().order_by("sent_at", "id")),
        )
    )


def deliverable_list(*, user, matter: Matter, status: str | None = None) -> QuerySet[Deliverable]:
    qs = visible_deliverables(user).filter(matter=matter)
    if status in Deliverable.Status.values:
        qs = qs.filter(status=status)
    return _with_parts(qs).order_by("-created_at", "-id")


def deliverables_for_task(*, user, task) -> QuerySet[Deliverable]:
    return _with_parts(visible_deliverables(user).filter(task=task)).order_by("-created_at", "-id")


def deliverable_get(*, user, pk) -> Deliverable:
    return get_visible(
        visible_deliverables(user)
        .select_related(*PEOPLE, "task", "matter__client")
        .prefetch_related(
            Prefetch("files", queryset=DeliverableFile.objects.select_related("uploaded_by")),
            Prefetch("deliveries", queryset=_deliveries().order_by("sent_at", "id")),
        ),
        pk=pk,
    )


def deliverable_file_get(*, user, deliverable_pk, pk) -> DeliverableFile:
    return get_visible(
        DeliverableFile.objects.filter(deliverable__in=visible_deliverables(user)).select_related(
            "deliverable__matter__client"
        ),
        pk=pk,
        deliverable_id=deliverable_pk,
    )


def delivery_get(*, user, pk) -> Delivery:
    return get_visible(visible_deliveries(user).select_related("deliverable__matter"), pk=pk)


def delivery_detail_get(*, user, pk) -> Delivery:
    """One delivery with the people and the e-mail its API answer names."""
    return get_visible(visible_deliveries(user).select_related("sent_by", "confirmed_by", "notice"), pk=pk)


def is_overdue(delivery: Delivery, now=None) -> bool:
    return (
        delivery.confirmed_at is None
        and delivery.confirm_by is not None
        and delivery.confirm_by < (now or timezone.now())
    )


def deliverable_state(deliverable: Deliverable, now=None) -> dict:
    """What a row shows about the deliveries (from the prefetched ones): to confirm, overdue, confirmed."""
    deliveries = list(deliverable.deliveries.all())
    waiting = [d for d in deliveries if d.confirmed_at is None]
    return {
        "deliveries": len(deliveries),
        "waiting": len(waiting),
        "overdue": sum(1 for d in waiting if is_overdue(d, now)),
        "confirmed": len(deliveries) - len(waiting),
    }


def deliverable_task_choices(*, user, matter: Matter) -> QuerySet[Task]:
    """The accepted tasks of the matter a new result may answer."""
    return visible_tasks(user).filter(matter=matter, status=Task.Status.ACCEPTED).order_by("-created_at")


def deliverable_recipients(deliverable: Deliverable) -> list[str]:
    """The addresses the release and delivery forms suggest: the client's active users (the page shows
    them only to those who may release or deliver)."""
    return list(
        deliverable.matter.client.users.filter(is_active=True).order_by("pk").values_list("email", flat=True)[:20]
    )


def deliverable_permissions(*, user, deliverable: Deliverable) -> dict[str, bool]:
    """What the page offers as buttons; the services check the same rules again."""
    return {
        "edit": allowed(user, deliverable, "edit"),
        "release": allowed(user, deliverable, "release"),
        "deliver": allowed(user, deliverable, "deliver"),
        "confirm": user.role == Role.CLIENT and deliverable.status == Deliverable.Status.RELEASED,
    }


# --- for the dashboards ------------------------------------------------------------------------


def deliveries_to_confirm(*, user) -> QuerySet[Delivery]:
    """A client user's receipts still to confirm, oldest first (an empty queryset for the firm)."""
    if user.role != Role.CLIENT:
        return Delivery.objects.none()
    return (
        visible_deliveries(user)
        .filter(confirmed_at__isnull=True)
        .select_related("deliverable__matter")
        .order_by("sent_at", "id")
    )


def deliverables_to_release(*, user) -> QuerySet[Deliverable]:
    """Drafts waiting for this user to release them: on the matters the user leads; a partner, all."""
    if not getattr(user, "is_authenticated", False) or not user.is_active or not user.is_lawyer:
        return Deliverable.objects.none()
    qs = visible_deliverables(user).filter(status=Deliverable.Status.DRAFT)
    if not user.sees_everything:
        qs = qs.filter(matter_id__in=_my_matters(user, lead=True))
    return qs.select_related("matter", "prepared_by").order_by("created_at", "id")


def overdue_confirmations(*, user, now=None) -> QuerySet[Delivery]:
    """Deliveries the client has not confirmed by their `confirm_by`: for the lawyers on the matter, a partner all."""
    if not getattr(user, "is_authenticated", False) or not user.is_active or not user.is_lawyer:
        return Delivery.objects.none()
    return (
        visible_deliveries(user)
        .filter(confirmed_at__isnull=True, confirm_by__lt=now or timezone.now())
        .select_related("deliverable__matter__client")
        .order_by("confirm_by", "id")
    )


def overdue_on_matter(*, user, matter: Matter, now=None) -> int:
    """How many confirmations are overdue on one matter (the badge on the matter page); 0 for a client."""
    return overdue_confirmations(user=user, now=now).filter(deliverable__matter=matter).count()


__all__ = [
    "deliverable_file_get",
    "deliverable_get",
    "deliverable_list",
    "deliverable_permissions",
    "deliverable_recipients",
    "deliverable_state",
    "deliverable_task_choices",
    "deliverables_for_task",
    "deliverables_to_release",
    "deliveries_to_confirm",
    "delivery_get",
    "is_overdue",
    "overdue_confirmations",
    "overdue_on_matter",
    "visible_deliveries",
]
