"""Rule 4: the client's candid disclosure of a matter, the firm's follow-up questions, and who read them."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.models import AccessLogEntry
from audit.services import access_record
from core.errors import InvalidState, NotFound, NotPermitted, ValidationError
from matters.access import confidential_matters
from matters.models import Assignment
from notices.services import notice_to_user
from users.models import Role

from ..models import Disclosure, DisclosureQuestion, DisclosureRevision

ANSWER_MAX = 20_000


def _check_confidential(user, matter) -> None:
    if not confidential_matters(user).filter(pk=matter.pk).exists():
        raise NotFound()


def _firm_people(matter):
    return [a.user for a in Assignment.objects.filter(matter=matter).select_related("user") if a.user.is_active]


@transaction.atomic
def disclosure_save(*, matter, by, answers: dict) -> Disclosure:
    """The client writes (or rewrites) its disclosure; the earlier text is kept as a revision."""
    _check_confidential(by, matter)
    if by.role != Role.CLIENT:
        raise NotPermitted(
            _("The disclosure questionnaire is filled in by the client; ask a follow-up question instead.")
        )
    cleaned = {name: (answers.get(name) or "").strip() for name in Disclosure.ANSWER_FIELDS}
    too_long = {name: [_("Too long: 20,000 characters at most.")] for name, v in cleaned.items() if len(v) > ANSWER_MAX}
    if too_long:
        raise ValidationError(fields=too_long)
    if not any(cleaned.values()):
        raise ValidationError(_("Answer at least one question."))
    disclosure = Disclosure.objects.select_for_update().filter(matter=matter).first()
    now = timezone.now()
    if disclosure is None:
        disclosure = Disclosure.objects.create(matter=matter, updated_by=by, updated_at=now, **cleaned)
    else:
        if all(getattr(disclosure, n) == v for n, v in cleaned.items()):
            return disclosure
        DisclosureRevision.objects.create(
            disclosure=disclosure,
            revision=disclosure.revision,
            answers={n: getattr(disclosure, n) for n in Disclosure.ANSWER_FIELDS},
            saved_at=disclosure.updated_at,
            saved_by=disclosure.updated_by,
        )
        for name, value in cleaned.items():
            setattr(disclosure, name, value)
        disclosure.revision += 1
        disclosure.updated_by = by
        disclosure.updated_at = now
        disclosure.save()
    for person in _firm_people(matter):
        notice_to_user(
            user=person, kind="disclosure_updated", template="disclosure_updated", context={"matter": matter}
        )
    return disclosure


def disclosure_read(*, user, matter, request=None) -> Disclosure | None:
    """Open a matter's disclosure; a look by the firm is written to the access log."""
    _check_confidential(user, matter)
    disclosure = Disclosure.objects.filter(matter=matter).first()
    access_record(
        user=user,
        request=request,
        action=AccessLogEntry.Action.VIEW,
        kind=AccessLogEntry.Kind.DISCLOSURE,
        description=str(_("Disclosure questionnaire of matter %(number)s") % {"number": matter.number}),
        client_id=matter.client_id,
        matter_id=matter.pk,
        object_id=disclosure.pk if disclosure else None,
    )
    return disclosure


@transaction.atomic
def disclosure_question_ask(*, matter, by, question: str) -> DisclosureQuestion:
    _check_confidential(by, matter)
    if not by.is_lawyer:
        raise NotPermitted(_("Follow-up questions are asked by the matter's lawyers."))
    question = (question or "").strip()
    if not question:
        raise ValidationError(fields={"question": [_("Write the question.")]})
    asked = DisclosureQuestion.objects.create(matter=matter, question=question, asked_by=by)
    for person in matter.client.users.filter(is_active=True):
        notice_to_user(
            user=person,
            kind="disclosure_question",
            template="disclosure_question",
            context={"matter": matter},
        )
    return asked


@transaction.atomic
def disclosure_question_answer(*, question: DisclosureQuestion, by, answer: str) -> DisclosureQuestion:
    question = DisclosureQuestion.objects.select_for_update().select_related("matter").get(pk=question.pk)
    _check_confidential(by, question.matter)
    if by.role != Role.CLIENT:
        raise NotPermitted(_("The client answers the firm's questions."))
    if question.answered_at is not None:
        raise InvalidState(_("This question has already been answered."))
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError(fields={"answer": [_("Write the answer.")]})
    question.answer = answer
    question.answered_by = by
    question.answered_at = timezone.now()
    question.save(update_fields=["answer", "answered_by", "answered_at"])
    notice_to_user(
        user=question.asked_by,
        kind="disclosure_answer",
        template="disclosure_answer",
        context={"matter": question.matter},
    )
    return question
