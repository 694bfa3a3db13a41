"""`matter_visit_record` notes that a user has looked at a matter: "what is new since my last
visit" on the dashboard is measured from there."""

from django.db import connection
from django.utils import timezone

from core.dashboard_cache import dashboards_changed

from ..models import Matter, MatterVisit


def matter_visit_record(*, user, matter: Matter, at=None) -> None:
    """Note that `user` has just looked at `matter`: one UPSERT, whatever happened before.

    The caller has already checked that the user may see the matter (the page's selector).
    """
    if not getattr(user, "is_authenticated", False):
        return
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # A page view's own one-statement transaction: PostgreSQL need not wait for the disk before it
        # answers (make bench: this commit's flush was the slowest "query" of the timeline page, 1–8 ms on a
        # busy disk). set_config(…, true) holds for this transaction only; a crash may lose the last
        # seconds of "last seen" stamps, nothing else, and every other write keeps its durability.
        table = MatterVisit._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH async AS (SELECT set_config('synchronous_commit', 'off', true))"  # noqa: S608 (our table name)
                f" INSERT INTO {table} (user_id, matter_id, seen_at) SELECT %s, %s, %s FROM async"
                " ON CONFLICT (user_id, matter_id) DO UPDATE SET seen_at = EXCLUDED.seen_at",
                [user.pk, matter.pk, at or timezone.now()],
            )
    else:
        _upsert(user, matter, at)
    if user.client_id:
        # What is new since this visit moves on the client's dashboard (only a client's own visits are read
        # there); an UPSERT sends no model signal, so the bump is made here — after the write, so that a
        # dashboard computed in between from the old stamp is not kept under the new generation.
        dashboards_changed(user.client_id, staff=False)


def _upsert(user, matter: Matter, at) -> None:
    MatterVisit.objects.bulk_create(
        [MatterVisit(user=user, matter=matter, seen_at=at or timezone.now())],
        update_conflicts=True,
        unique_fields=["user", "matter"],
        update_fields=["seen_at"],
    )
