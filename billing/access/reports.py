"""Who may ask for a work report and see it (rule 6), and who may terminate a matter (rule 14).

- Work reports: "view" and "request" — whoever may see the matter's fees (the client's own users,
  the firm's people on the matter, partners), on open and closed matters alike: the client's history
  stays readable after the close. A report holds only what the client may see (approved work, issued
  invoices), so one stored file serves everyone who may see the matter.
- Terminations: "view" — whoever may read the matter's confidential content; "terminate" (the
  matters on which the user may end the engagement) — the client's own users, or the matter's lead
  or a partner recording the client's letter; only a matter that is not closed and not already
  terminated. "final_act" — a partner, on a terminated matter awaiting its final act.
"""

from django.db.models import QuerySet

from matters.access import restrict_matters
from matters.access.common import _inactive
from matters.models import Matter
from users.models import Role

REPORT_ACTIONS = ("view", "request")
TERMINATION_ACTIONS = ("view", "final_act")


def report_matters(user) -> QuerySet:
    """The matters the user may ask a work report for (and see its reports)."""
    return restrict_matters(user, "read")


def restrict_reports(user, action: str = "view") -> QuerySet:
    from ..models import WorkReport

    if action not in REPORT_ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    return WorkReport.objects.filter(matter__in=report_matters(user).values("pk"))


def termination_matters(user) -> QuerySet:
    """The matters the user may terminate now (see the module's docstring)."""
    if _inactive(user):
        return Matter.objects.none()
    if user.role == Role.CLIENT:
        if not user.client_id:
            return Matter.objects.none()
        qs = Matter.objects.filter(client_id=user.client_id)
    elif user.is_lawyer:
        qs = restrict_matters(user, "steer")
    else:
        return Matter.objects.none()
    return qs.exclude(status=Matter.Status.CLOSED).filter(termination__isnull=True)


def restrict_terminations(user, action: str = "view") -> QuerySet:
    from ..models import Termination

    if action not in TERMINATION_ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    qs = Termination.objects.filter(matter__in=restrict_matters(user, "read").values("pk"))
    if action == "view":
        return qs
    if _inactive(user) or not user.sees_everything or not user.is_lawyer:
        return qs.none()
    return qs.filter(final_act_issued_at__isnull=True)
