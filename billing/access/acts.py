"""Who may see an act of services rendered and act on it (rule 1).

- "view": a partner sees every act; a person of the firm those of the matters whose content it reads;
  a client user the acts of its own client's matters (an act exists only once issued).
- "issue" (act_matters): a partner — the design card's "partners issue acts" (also on a closed matter:
  work done before the closing may still need its act).
  "preview" (act_matters): the matter's lead too — it sees what the act would hold, a partner issues.
- "correct": a partner.
- "dispatch" (record post, e-mail, portal): the firm's people on the matter who keep its register, or a partner.
- "answer" (accept or object): the client's own people, while the act is unanswered and not corrected.
"""

from django.db.models import Exists, OuterRef, QuerySet

from matters.access import restrict_matters
from matters.access.common import _inactive

ACT_ACTIONS = ("view", "correct", "dispatch", "answer")


def restrict_acts(user, action: str = "view") -> QuerySet:
    from ..models import Act

    if action not in ACT_ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    qs = Act.objects.all()
    if _inactive(user):
        return qs.none()
    if action == "view":
        if user.is_firm and user.sees_everything:
            return qs
        return qs.filter(matter__in=restrict_matters(user, "read").values("pk"))
    if action == "correct":
        return qs if user.is_firm and user.sees_everything else qs.none()
    if action == "dispatch":
        return qs.filter(matter__in=restrict_matters(user, "keep_register").values("pk"))
    if not user.is_client_user:
        return qs.none()
    # A corrected act is answered through its latest correction (every correction references the original).
    superseded = Act.objects.filter(corrects=OuterRef("corrects"), correction_no__gt=OuterRef("correction_no"))
    return qs.filter(client_id=user.client_id, answer="", corrections__isnull=True).exclude(Exists(superseded))


def act_matters(user, action: str = "issue"):
    """The matters on which the user may issue an act ("issue") or see the act's preview ("preview")."""
    if action not in ("issue", "preview"):
        raise ValueError(f"unknown action {action!r}")
    none = restrict_matters(user, "steer").none()
    if _inactive(user) or not user.is_firm:
        return none
    if action == "issue":
        return restrict_matters(user, "steer") if user.sees_everything else none
    return restrict_matters(user, "steer") if user.is_lawyer else none
