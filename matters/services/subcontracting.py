"""Rule 11: the firm serves personally; an outside lawyer only with the client's recorded consent."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from core.errors import InvalidState, NotFound, NotPermitted, ValidationError
from notices.services import notice_to_user
from timeline.models import TimelineEvent
from timeline.services import timeline_record
from users.models import Role

from ..access import confidential_matters
from ..models import Assignment, Matter, Subcontract

_TIMELINE = {
    "proposed": gettext_noop("%(name)s proposed to involve %(contractor)s; the client's consent is needed"),
    "consented": gettext_noop("The client consented to involving %(contractor)s"),
    "refused": gettext_noop("The client refused to involve %(contractor)s"),
    "engaged": gettext_noop("%(contractor)s is engaged on the matter"),
}


def _timeline(subcontract: Subcontract, act: str, *, by, detail: str = "") -> None:
    timeline_record(
        matter=subcontract.matter,
        kind=TimelineEvent.Kind.MATTER,
        actor=by,
        summary=_TIMELINE[act],
        params={"name": by.full_name, "contractor": subcontract.contractor},
        detail=detail,
        ref=subcontract,
    )


def _may_manage(user, matter: Matter) -> bool:
    return user.sees_everything or Assignment.objects.filter(matter=matter, user=user, is_lead=True).exists()


def signing_language(user) -> str:
    """The language a client user reads, and so signs, in: the user's own setting."""
    language = (getattr(user, "language", None) or settings.LANGUAGE_CODE).split("-")[0]
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def consent_text(subcontract: Subcontract, *, language: str | None = None) -> str:
    """The words the client consents to, in `language` (the signer's; the active one when not given)."""
    with translation.override(language or translation.get_language()):
        return gettext(
            "I consent to the Firm involving %(contractor)s in matter %(number)s to do the following: %(scope)s. "
            "The Firm remains responsible to me for the proper performance of this work."
        ) % {
            "contractor": subcontract.contractor,
            "number": subcontract.matter.number,
            "scope": subcontract.scope,
        }


@transaction.atomic
def subcontract_propose(
    *, matter: Matter, by, kind: str, contractor: str, scope: str, reason: str, contractor_details: str = ""
) -> Subcontract:
    if not confidential_matters(by).filter(pk=matter.pk).exists():
        raise NotFound()
    if not _may_manage(by, matter):
        raise NotPermitted(_("Only the matter's lead or a partner may propose to involve an outside lawyer."))
    errors = {}
    if kind not in Subcontract.Kind.values:
        errors["kind"] = [_("Choose an outside lawyer or a partner firm.")]
    for name, value in (("contractor", contractor), ("scope", scope), ("reason", reason)):
        if not (value or "").strip():
            errors[name] = [_("This field is required.")]
    if errors:
        raise ValidationError(fields=errors)
    if matter.status == Matter.Status.CLOSED:
        raise InvalidState(_("The matter is closed."))
    subcontract = Subcontract.objects.create(
        matter=matter,
        kind=kind,
        contractor=contractor.strip(),
        contractor_details=(contractor_details or "").strip(),
        scope=scope.strip(),
        reason=reason.strip(),
        proposed_by=by,
    )
    _timeline(subcontract, "proposed", by=by, detail=subcontract.scope)
    for person in matter.client.users.filter(is_active=True):
        notice_to_user(
            user=person,
            kind="subcontract_proposed",
            template="subcontract_proposed",
            context={"item": subcontract},
        )
    return subcontract


@transaction.atomic
def subcontract_answer(*, subcontract: Subcontract, by, consent: bool, reason: str = "") -> Subcontract:
    """The client consents (the exact text is recorded) or refuses."""
    subcontract = Subcontract.objects.select_for_update().select_related("matter").get(pk=subcontract.pk)
    if not confidential_matters(by).filter(pk=subcontract.matter_id).exists():
        raise NotFound()
    if by.role != Role.CLIENT:
        raise NotPermitted(_("Only the client can consent to an outside lawyer."))
    if subcontract.status != Subcontract.Status.PROPOSED:
        raise InvalidState(_("This proposal has already been answered."))
    subcontract.status = Subcontract.Status.CONSENTED if consent else Subcontract.Status.REFUSED
    subcontract.answered_by = by
    subcontract.answered_at = timezone.now()
    # The exact words signed, in the language the signer reads (whatever language the request came in).
    language = signing_language(by)
    subcontract.consent_text = consent_text(subcontract, language=language) if consent else ""
    subcontract.consent_language = language if consent else ""
    subcontract.refusal_reason = "" if consent else (reason or "").strip()
    subcontract.save()
    _timeline(subcontract, "consented" if consent else "refused", by=by, detail=subcontract.refusal_reason)
    notice_to_user(
        user=subcontract.proposed_by,
        kind="subcontract_answered",
        template="subcontract_answered",
        context={"item": subcontract},
    )
    return subcontract


@transaction.atomic
def subcontract_engage(*, subcontract: Subcontract, by) -> Subcontract:
    """Engage the outside lawyer: refused unless the client has consented."""
    subcontract = Subcontract.objects.select_for_update().select_related("matter").get(pk=subcontract.pk)
    if not confidential_matters(by).filter(pk=subcontract.matter_id).exists():
        raise NotFound()
    if not _may_manage(by, subcontract.matter):
        raise NotPermitted(_("Only the matter's lead or a partner may engage an outside lawyer."))
    if subcontract.status in (Subcontract.Status.ENGAGED, Subcontract.Status.ENDED):
        raise InvalidState(_("%(contractor)s is already engaged.") % {"contractor": subcontract.contractor})
    if subcontract.status != Subcontract.Status.CONSENTED:
        raise NotPermitted(
            _("The client has not consented to involving %(contractor)s: the firm serves personally (rule 11).")
            % {"contractor": subcontract.contractor}
        )
    subcontract.status = Subcontract.Status.ENGAGED
    subcontract.engaged_at = timezone.now()
    subcontract.save(update_fields=["status", "engaged_at"])
    _timeline(subcontract, "engaged", by=by)
    return subcontract
