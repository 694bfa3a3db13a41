"""Risks the client takes on itself, written down and acknowledged (rules 3 and 10).

WARNING (rule 10): a lawyer of the matter records that an instruction of the client is unlawful or
harmful, with the consequences; the client withdraws the instruction or insists, acknowledging the
risk in the portal. NON_INTERFERENCE (rule 3): the client reports, or the firm records, that the
client acted on the matter without the firm; the notice carries the firm's standard text of clause
3.2 of the engagement terms, and the client acknowledges it the same way.

A notice's text never changes. The firm may publish a corrected notice that supersedes one not yet
acknowledged; acknowledging the old one is then refused, and an acknowledged one is never replaced.
An acknowledgement keeps who, when, from which address and browser, the exact words acknowledged
and their SHA-256, so that the record proves itself.
"""

import hashlib

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from audit.services import client_ip
from core.errors import InvalidState, NotFound, NotPermitted, ValidationError
from notices.services import notice_to_user
from timeline.models import TimelineEvent
from timeline.services import timeline_record
from users.models import Role

from ..access import confidential_matters
from ..models import Matter, Message, RiskAcknowledgement, RiskNotice
from .messages import message_recipients

TEXT_MAX = 20_000

# Clause 3.2 of the engagement terms, word for word (clients/terms/v1.*.html; a test keeps them equal).
NON_INTERFERENCE_CLAUSE = {
    "ru": (
        "3.2. Если Клиент самостоятельно, без согласования с Фирмой, приступает к разрешению проблемы "
        "(в том числе параллельно с Фирмой), он несёт риск неблагоприятных последствий своих действий."
    ),
    "en": (
        "3.2. If the Client, on the Client’s own initiative and without the Firm’s agreement, sets about "
        "resolving the matter (including in parallel with the Firm), the Client bears the risk of the adverse "
        "consequences of such actions."
    ),
}
NON_INTERFERENCE_PREFACE = {
    "ru": "Принцип невмешательства Клиента (раздел 3 условий взаимодействия с Фирмой):",
    "en": "Non-interference by the Client (section 3 of the engagement terms):",
}

_TIMELINE = {
    "warn": gettext_noop("%(name)s warned that an instruction of the client is unlawful or harmful"),
    "alone_client": gettext_noop("%(name)s reported acting on the matter without the firm"),
    "alone_firm": gettext_noop("%(name)s recorded that the client acted on the matter without the firm"),
    "acknowledge": gettext_noop("Risk acknowledged by %(name)s"),
    "withdraw": gettext_noop("%(name)s withdrew the instruction the firm had warned about"),
    "supersede": gettext_noop("%(name)s published a corrected risk notice replacing an earlier one"),
}


def _language(code: str | None) -> str:
    code = (code or settings.LANGUAGE_CODE).split("-")[0]
    return code if code in NON_INTERFERENCE_CLAUSE else "ru"


def non_interference_text(*, language: str, details: str = "") -> str:
    """The firm's standard text of rule 3 in the given language, then the specifics of this case."""
    language = _language(language)
    parts = [NON_INTERFERENCE_PREFACE[language], NON_INTERFERENCE_CLAUSE[language]]
    if details:
        parts.append(details)
    return "\n\n".join(parts)


def non_interference_details(text: str) -> str:
    """The specifics of a non-interference notice: its text after the standard text of rule 3."""
    parts = text.split("\n\n", 2)
    return parts[2] if len(parts) == 3 else ""


def notice_text(notice: RiskNotice, *, language: str | None = None) -> str:
    """The notice's text as a reader sees it: the firm's standard text of rule 3 in the reader's language.

    A warning is the lawyer's own words and stays as written; a non-interference notice is stored in
    the client's language, but its standard part exists in every language, so each reader (and each
    signer) gets it in theirs, followed by the specifics as written.
    """
    if notice.kind != RiskNotice.Kind.NON_INTERFERENCE:
        return notice.text
    return non_interference_text(
        language=language or translation.get_language(), details=non_interference_details(notice.text)
    )


def signing_language(user) -> str:
    """The language a client user reads, and so signs, in (the user's own setting)."""
    return _language(getattr(user, "language", None))


def acknowledgement_text(notice: RiskNotice, *, language: str) -> str:
    """The exact words a client user acknowledges, in that user's language; stored with its SHA-256."""
    language = _language(language)
    with translation.override(language):
        heading = gettext("Matter %(number)s «%(title)s».") % {
            "number": notice.matter.number,
            "title": notice.matter.title,
        }
        if notice.kind == RiskNotice.Kind.WARNING:
            lines = [
                heading,
                gettext("My instruction: %(subject)s") % {"subject": notice.subject},
                gettext("The firm's warning and the consequences: %(text)s") % {"text": notice.text},
                gettext(
                    "I understand the risk and insist on my instruction. I bear the risk of its adverse "
                    "consequences (clause 10.3 of the engagement terms)."
                ),
            ]
        else:
            lines = [
                heading,
                gettext("What was done on the matter without the firm: %(subject)s") % {"subject": notice.subject},
                notice_text(notice, language=language),
                gettext(
                    "I understand the risk of acting on the matter without the firm and bear the risk of the "
                    "adverse consequences of such actions (clause 3.2 of the engagement terms)."
                ),
            ]
    return "\n\n".join(lines)


def text_fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- who may do what -------------------------------------------------------------------------


def _check_visible(by, matter_id: int) -> None:
    if not confidential_matters(by).filter(pk=matter_id).exists():
        raise NotFound()


def _is_client(user) -> bool:
    return getattr(user, "is_authenticated", False) and user.is_active and user.role == Role.CLIENT


def _is_lawyer(user) -> bool:
    return getattr(user, "is_authenticated", False) and user.is_active and user.is_lawyer


def _check_text(value: str, field: str, *, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError(fields={field: [_("This field is required.")]})
    if len(value) > TEXT_MAX:
        raise ValidationError(fields={field: [_("The text is too long (20,000 characters at most).")]})
    return value


def _tell(people, *, template: str, notice: RiskNotice, by, **extra) -> None:
    for person in people:
        if person.pk != by.pk:
            notice_to_user(
                user=person,
                kind=template,
                template=template,
                context={"item": notice, "matter": notice.matter, "author": by, **extra},
            )


def _tell_client(notice: RiskNotice, by, **extra) -> None:
    _tell(
        message_recipients(matter=notice.matter, side=Message.Side.FIRM),
        template="risk_notice",
        notice=notice,
        by=by,
        **extra,
    )


def _tell_firm(notice: RiskNotice, by, template: str) -> None:
    _tell(message_recipients(matter=notice.matter, side=Message.Side.CLIENT), template=template, notice=notice, by=by)


def _timeline(notice: RiskNotice, act: str, by) -> None:
    timeline_record(
        matter=notice.matter,
        kind=TimelineEvent.Kind.RISK,
        actor=by,
        summary=_TIMELINE[act],
        params={"name": by.full_name},
        detail=notice.subject,
        ref=notice,
    )


# --- the firm records ------------------------------------------------------------------------


@transaction.atomic
def risk_warn(*, matter: Matter, by, subject: str, text: str) -> RiskNotice:
    """A lawyer of the matter warns that the client's instruction is unlawful or harmful (rule 10)."""
    _check_visible(by, matter.pk)
    if not _is_lawyer(by):
        raise NotPermitted(_("Only a lawyer of the matter warns the client about an instruction."))
    errors = {}
    for field, value in (("subject", subject), ("text", text)):
        try:
            _check_text(value, field)
        except ValidationError as error:
            errors.update(error.fields)
    if errors:
        raise ValidationError(fields=errors)
    notice = RiskNotice.objects.create(
        matter=matter,
        kind=RiskNotice.Kind.WARNING,
        subject=subject.strip(),
        text=text.strip(),
        created_by=by,
    )
    _tell_client(notice, by)
    _timeline(notice, "warn", by)
    return notice


@transaction.atomic
def risk_record_acting_alone(*, matter: Matter, by, subject: str, details: str = "") -> RiskNotice:
    """The client acted on the matter without the firm (rule 3): reported by a client user or recorded by a lawyer.

    The notice's text is the firm's standard text of rule 3 in the client's language, then the details.
    """
    _check_visible(by, matter.pk)
    by_client = _is_client(by)
    if not by_client and not _is_lawyer(by):
        raise NotPermitted(_("Acting without the firm is reported by the client's people or recorded by a lawyer."))
    subject = _check_text(subject, "subject")
    details = _check_text(details, "details", required=False)
    notice = RiskNotice.objects.create(
        matter=matter,
        kind=RiskNotice.Kind.NON_INTERFERENCE,
        subject=subject,
        text=non_interference_text(language=matter.client.language, details=details),
        reported_by_client=by_client,
        created_by=by,
    )
    if by_client:
        _tell_firm(notice, by, "risk_reported")
        _timeline(notice, "alone_client", by)
    else:
        _tell_client(notice, by)
        _timeline(notice, "alone_firm", by)
    return notice


def _lock(notice: RiskNotice) -> RiskNotice:
    return RiskNotice.objects.select_for_update().select_related("matter", "matter__client").get(pk=notice.pk)


def _check_open(notice: RiskNotice) -> None:
    if notice.status == RiskNotice.Status.SUPERSEDED:
        raise InvalidState(_("This notice was replaced by a corrected text; read and answer the corrected one."))
    if notice.status == RiskNotice.Status.ACKNOWLEDGED:
        raise InvalidState(_("This risk has already been acknowledged."))
    if notice.status == RiskNotice.Status.WITHDRAWN:
        raise InvalidState(_("The instruction has been withdrawn; there is nothing to acknowledge."))


@transaction.atomic
def risk_supersede(*, notice: RiskNotice, by, subject: str, text: str) -> RiskNotice:
    """Publish a corrected notice in place of one the client has not acknowledged yet.

    For a warning `text` is the warning itself; for non-interference, the details (the standard text
    of rule 3 comes first again).
    """
    old = _lock(notice)
    _check_visible(by, old.matter_id)
    if not _is_lawyer(by):
        raise NotPermitted(_("Only a lawyer of the matter corrects a risk notice."))
    if old.status == RiskNotice.Status.ACKNOWLEDGED:
        raise InvalidState(_("An acknowledged notice cannot be replaced: it is the client's record."))
    _check_open(old)
    warning = old.kind == RiskNotice.Kind.WARNING
    subject = _check_text(subject, "subject")
    text = _check_text(text, "text", required=warning)
    new = RiskNotice.objects.create(
        matter=old.matter,
        kind=old.kind,
        subject=subject,
        text=text if warning else non_interference_text(language=old.matter.client.language, details=text),
        reported_by_client=old.reported_by_client,
        created_by=by,
        supersedes=old,
    )
    old.status = RiskNotice.Status.SUPERSEDED
    old.save(update_fields=["status"])
    _tell_client(new, by, corrected=True)
    _timeline(new, "supersede", by)
    return new


# --- the client answers ----------------------------------------------------------------------


@transaction.atomic
def risk_acknowledge(*, notice: RiskNotice, by, text_sha256: str | None = None, request=None) -> RiskAcknowledgement:
    """A client user acknowledges the risk: the exact text, its fingerprint, who, when, from where.

    `text_sha256` is the fingerprint of the text the user was shown; when given, it must match the
    text acknowledged now (a user never acknowledges words other than those they read).
    """
    notice = _lock(notice)
    _check_visible(by, notice.matter_id)
    if not _is_client(by):
        raise NotPermitted(_("A risk is acknowledged by the client's own people."))
    _check_open(notice)
    language = signing_language(by)
    text = acknowledgement_text(notice, language=language)
    fingerprint = text_fingerprint(text)
    if text_sha256 and text_sha256.strip().lower() != fingerprint:
        raise InvalidState(_("The text differs from the one you were shown; please read it again."))
    acknowledgement = RiskAcknowledgement.objects.create(
        notice=notice,
        user=by,
        text=text,
        text_sha256=fingerprint,
        language=language,
        ip_address=client_ip(request),
        user_agent=(request.META.get("HTTP_USER_AGENT", "") if request is not None else "")[:500],
    )
    notice.status = RiskNotice.Status.ACKNOWLEDGED
    notice.save(update_fields=["status"])
    _tell_firm(notice, by, "risk_answered")
    _timeline(notice, "acknowledge", by)
    return acknowledgement


@transaction.atomic
def risk_withdraw(*, notice: RiskNotice, by) -> RiskNotice:
    """The client withdraws the instruction the firm warned about, instead of insisting on it."""
    notice = _lock(notice)
    _check_visible(by, notice.matter_id)
    if not _is_client(by):
        raise NotPermitted(_("Only the client's people withdraw the client's instruction."))
    if notice.kind != RiskNotice.Kind.WARNING:
        raise InvalidState(_("What was done without the firm cannot be withdrawn; acknowledge the notice."))
    _check_open(notice)
    notice.status = RiskNotice.Status.WITHDRAWN
    notice.withdrawn_by = by
    notice.withdrawn_at = timezone.now()
    notice.save(update_fields=["status", "withdrawn_by", "withdrawn_at"])
    _tell_firm(notice, by, "risk_answered")
    _timeline(notice, "withdraw", by)
    return notice
