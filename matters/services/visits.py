"""`matter_visit_record` notes that a user has looked at a matter: "what is new since my last
visit" on the dashboard is measured from there."""

from django.utils import timezone

from ..models import Matter, MatterVisit


def matter_visit_record(*, user, matter: Matter, at=None) -> None:
    """Note that `user` has just looked at `matter`: one UPSERT, whatever happened before.

    The caller has already checked that the user may see the matter (the page's selector).
    """
    if not getattr(user, "is_authenticated", False):
        return
    MatterVisit.objects.bulk_create(
        [MatterVisit(user=user, matter=matter, seen_at=at or timezone.now())],
        update_conflicts=True,
        unique_fields=["user", "matter"],
        update_fields=["seen_at"],
    )
