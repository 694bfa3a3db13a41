"""Rule 4: the client's candid disclosure of a matter, the firm's follow-up questions, and who read them.

Who may open a disclosure is decided by matters.access.confidential_matters (through clients.ports): the client's own
people, the firm's people assigned to the matter (a secretary only where assigned), partners.
Every look by the firm is written to the access log (audit.services.access_record).
"""

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from audit.models import AccessLogEntry
from audit.services import access_record
from core.errors import InvalidState, NotFound, NotPermitted, ValidationError
from core.selectors import get_visible
from notices.services import notice_to_user
from timeline.models import TimelineEvent
from timeline.services import timeline_record
from users.models import Role

from ..models import Disclosure, DisclosureQuestion, DisclosureRevision
from ..ports import confidential_matters

ANSWER_MAX = 20_000
QUESTION_MAX = 5_000

# The timeline says that something happened, never what was written: the disclosure is read on
# its own page, where every look by the firm is logged (rule 4).
_TIMELINE = {
    "saved": gettext_noop("The client updated the disclosure questionnaire (revision %(revision)s)"),
    "asked": gettext_noop("%(name)s asked the client a follow-up question on the disclosure"),
    "answered": gettext_noop("The client answered a follow-up question on the disclosure"),
}


def _check_confidential(user, matter) -> None:
    if not confidential_matters(user).filter(pk=matter.pk).exists():
        raise NotFound()


def _check_open(matter) -> None:
    if matter.status == matter.Status.CLOSED:
        raise InvalidState(_("This matter is closed; its disclosure can no longer be changed."))


def _firm_people(matter):
    return [a.user for a in matter.assignments.select_related("user") if a.user.is_active]


def _too_long(limit: int) -> str:
    return _("Too long: %(limit)s characters at most.") % {"limit": number_format(limit, force_grouping=True)}


# --- reads ------------------------------------------------------------------------------------


def disclosure_read(*, user, matter, request=None) -> Disclosure | None:
    """Open a matter's disclosure; a look by the firm is written to the access log."""
    _check_confidential(user, matter)
    disclosure = Disclosure.objects.filter(matter=matter).select_related("updated_by").first()
    _log_view(user, request, matter, gettext_noop("Disclosure questionnaire of matter %(number)s"), disclosure)
    return disclosure


def _log_view(user, request, matter, description, disclosure=None) -> None:
    if not user.is_firm:
        return
    access_record(
        user=user,
        request=request,
        action=AccessLogEntry.Action.VIEW,
        kind=AccessLogEntry.Kind.DISCLOSURE,
        description=description,
        params={"number": matter.number},
        client_id=matter.client_id,
        matter_id=matter.pk,
        object_id=disclosure.pk if disclosure else None,
    )


def disclosure_revisions(*, user, matter, request=None):
    """The earlier texts of a disclosure, newest first; a look by the firm is written to the access log."""
    _check_confidential(user, matter)
    _log_view(user, request, matter, gettext_noop("Earlier revisions of the disclosure of matter %(number)s"))
    return (
        DisclosureRevision.objects.filter(disclosure__matter=matter)
        .select_related("saved_by")
        .order_by("-revision", "-id")
    )


def disclosure_questions(*, user, matter, request=None, log: bool = False):
    """The firm's follow-up questions on a matter, oldest first (the order of the conversation).

    The client's answers are part of its disclosure: with `log`, a read by the firm is written to
    the access log (the disclosure page logs its one look through disclosure_read instead).
    """
    _check_confidential(user, matter)
    if log:
        _log_view(user, request, matter, gettext_noop("Follow-up questions on the disclosure of matter %(number)s"))
    return DisclosureQuestion.objects.filter(matter=matter).select_related("asked_by", "answered_by")


def disclosure_question_get(*, user, pk) -> DisclosureQuestion:
    return get_visible(
        DisclosureQuestion.objects.filter(matter__in=confidential_matters(user)).select_related(
            "matter", "asked_by", "answered_by"
        ),
        pk=pk,
    )


def disclosure_question_read(*, user, pk, request=None) -> DisclosureQuestion:
    """One follow-up question with the client's answer; a look by the firm is written to the access log."""
    question = disclosure_question_get(user=user, pk=pk)
    _log_view(
        user, request, question.matter, gettext_noop("Follow-up questions on the disclosure of matter %(number)s")
    )
    return question


def disclosure_summary(*, user, matter) -> dict | None:
    """What the matter page shows about the disclosure, in one query; None when the user may not open it.

    A secretary who is not assigned to the matter sees its heading but not its disclosure.
    """
    row = (
        confidential_matters(user)
        .filter(pk=matter.pk)
        .annotate(
            unanswered=Count("disclosure_questions", filter=Q(disclosure_questions__answered_at__isnull=True)),
            filled=Exists(Disclosure.objects.filter(matter=OuterRef("pk"))),
        )
        .values("unanswered", "filled")
        .first()
    )
    return row


# --- writes -----------------------------------------------------------------------------------


@transaction.atomic
def disclosure_save(*, matter, by, answers: dict, partial: bool = False) -> Disclosure:
    """The client writes (or rewrites) its disclosure; the earlier text is kept as a revision.

    Saving the same answers again changes nothing (no revision, no notice); the returned
    disclosure's `changed` says which happened. With `partial`, answers not given keep their text.
    """
    _check_confidential(by, matter)
    if by.role != Role.CLIENT:
        raise NotPermitted(
            _("The disclosure questionnaire is filled in by the client; ask a follow-up question instead.")
        )
    _check_open(matter)
    # Lock the matter: two first saves at once must not both try to create the one disclosure.
    type(matter).objects.select_for_update().filter(pk=matter.pk).first()
    disclosure = Disclosure.objects.select_for_update().filter(matter=matter).first()
    if partial and disclosure is not None:
        answers = {name: getattr(disclosure, name) for name in Disclosure.ANSWER_FIELDS} | dict(answers)
    cleaned = {name: (answers.get(name) or "").strip() for name in Disclosure.ANSWER_FIELDS}
    too_long = {name: [_too_long(ANSWER_MAX)] for name, v in cleaned.items() if len(v) > ANSWER_MAX}
    if too_long:
        raise ValidationError(fields=too_long)
    if not any(cleaned.values()):
        raise ValidationError(_("Answer at least one question."))
    now = timezone.now()
    if disclosure is None:
        disclosure = Disclosure.objects.create(matter=matter, updated_by=by, updated_at=now, **cleaned)
    else:
        if all(getattr(disclosure, n) == v for n, v in cleaned.items()):
            disclosure.changed = False
            return disclosure
        DisclosureRevision.objects.create(
            disclosure=disclosure,
            revision=disclosure.revision,
            answers={n: getattr(disclosure, n) for n in Disclosure.ANSWER_FIELDS},
            saved_at=disclosure.updated_at,
            saved_by_id=disclosure.updated_by_id,
        )
        for name, value in cleaned.items():
            setattr(disclosure, name, value)
        disclosure.revision += 1
        disclosure.updated_by = by
        disclosure.updated_at = now
        disclosure.save()
    disclosure.changed = True
    timeline_record(
        matter=matter,
        kind=TimelineEvent.Kind.DISCLOSURE,
        actor=by,
        summary=_TIMELINE["saved"],
        params={"revision": disclosure.revision},
        ref=disclosure,
    )
    for person in _firm_people(matter):
        notice_to_user(
            user=person, kind="disclosure_updated", template="disclosure_updated", context={"matter": matter}
        )
    return disclosure


@transaction.atomic
def disclosure_question_ask(*, matter, by, question: str) -> DisclosureQuestion:
    """A lawyer with access to the matter asks the client a follow-up question; the client's people are told."""
    _check_confidential(by, matter)
    if not by.is_lawyer:
        raise NotPermitted(_("Follow-up questions are asked by the matter's lawyers."))
    _check_open(matter)
    question = (question or "").strip()
    if not question:
        raise ValidationError(fields={"question": [_("Write the question.")]})
    if len(question) > QUESTION_MAX:
        raise ValidationError(fields={"question": [_too_long(QUESTION_MAX)]})
    asked = DisclosureQuestion.objects.create(matter=matter, question=question, asked_by=by)
    timeline_record(
        matter=matter,
        kind=TimelineEvent.Kind.DISCLOSURE,
        actor=by,
        summary=_TIMELINE["asked"],
        params={"name": by.full_name},
        ref=asked,
    )
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
    """The client answers a follow-up question, once; the lawyer who asked is told."""
    question = DisclosureQuestion.objects.select_for_update().filter(pk=question.pk).first()
    if question is None:
        raise NotFound()
    matter = question.matter
    _check_confidential(by, matter)
    if by.role != Role.CLIENT:
        raise NotPermitted(_("The client answers the firm's questions."))
    if question.answered_at is not None:
        raise InvalidState(_("This question has already been answered."))
    _check_open(matter)
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError(fields={"answer": [_("Write the answer.")]})
    if len(answer) > ANSWER_MAX:
        raise ValidationError(fields={"answer": [_too_long(ANSWER_MAX)]})
    question.answer = answer
    question.answered_by = by
    question.answered_at = timezone.now()
    question.save(update_fields=["answer", "answered_by", "answered_at"])
    question.matter = matter
    timeline_record(
        matter=matter, kind=TimelineEvent.Kind.DISCLOSURE, actor=by, summary=_TIMELINE["answered"], ref=question
    )
    notice_to_user(
        user=question.asked_by,
        kind="disclosure_answer",
        template="disclosure_answer",
        context={"matter": matter},
    )
    return question
