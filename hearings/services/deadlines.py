"""Procedural deadlines: add, change, mark done, cancel — each with its reminders and a timeline line.

A deadline's last day is typed, or computed from a triggering date by a rule (hearings.periods);
the computation's steps are kept with it, so the arithmetic can be checked later. The responsible
specialist is a lawyer on the matter. A triggering date in the past is normal (the decision came
out last week); a last day that has already passed is accepted too (the firm records what it
missed) and the pages say so (`deadline_passed`).

Reminders (hearings.services.deadline_reminders) are written in the same transaction as the change;
every change raises `sequence`, withdraws the pending reminders and writes the new ones.
"""

from datetime import date

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from core.caching import bump
from core.errors import InvalidState, NotPermitted, ValidationError
from matters.models import Assignment, Matter
from timeline.models import TimelineEvent
from timeline.services import in_languages, timeline_record

from ..access import CALENDAR_SCOPE, allowed, may_manage_matter
from ..models import Deadline
from ..period_rules import RULES, parse_rule, rule_code
from ..periods import Computation, compute
from ..scopes import bump_matter
from .deadline_reminders import reminders_cancel, reminders_write

TITLE_MAX = 300
NOTES_MAX = 5000
# A last day further than this from today is a typing error, not a deadline.
FAR = 366 * 12

_TIMELINE = {
    "add": gettext_noop("%(name)s set the deadline «%(title)s»: %(date)s"),
    "change": gettext_noop("%(name)s changed the deadline «%(title)s»: %(date)s"),
    "done": gettext_noop("%(name)s marked the deadline «%(title)s» done"),
    "cancel": gettext_noop("%(name)s cancelled the deadline «%(title)s»"),
}


def deadline_passed(deadline: Deadline, today: date | None = None) -> bool:
    """An open deadline whose last day is behind us."""
    today = today or timezone.localdate()
    return deadline.status == Deadline.Status.OPEN and deadline.due_on < today


def deadline_preview(*, rule: str, trigger_date: date | None, amount: int | None = None) -> Computation:
    """The last day a rule gives from a triggering date, with its steps; nothing is written."""
    errors = _rule_errors(rule, trigger_date, amount)
    if errors:
        raise ValidationError(fields=errors)
    return compute(rule_code(rule, amount), trigger_date)


def deadline_preview_or_reasons(*, rule: str, trigger_date: date | None, amount: int | None = None):
    """(the computation, []) for the form's preview, or (None, the reasons in words) when it cannot be computed."""
    try:
        return deadline_preview(rule=rule, trigger_date=trigger_date, amount=amount), []
    except ValidationError as error:
        return None, [str(m) for values in error.fields.values() for m in values] or [str(error.message)]


def _rule_errors(rule: str, trigger_date, amount) -> dict:
    errors: dict[str, list] = {}
    known = RULES.get(rule or "")
    if known is None:
        errors["rule"] = [_("Choose a rule from the list.")]
        return errors
    if trigger_date is None:
        errors["trigger_date"] = [_("Give the date the period is counted from.")]
    elif abs((trigger_date - timezone.localdate()).days) > FAR:
        errors["trigger_date"] = [_("This date is too far from today; please check the year.")]
    if known.custom:
        try:
            parse_rule(rule_code(rule, amount))
        except ValueError:
            errors["amount"] = [_("Give the length of the period: a whole number within the rule's limits.")]
    elif amount not in (None, "", known.amount):
        errors["amount"] = [_("This rule has a fixed length; leave the number empty.")]
    return errors


def _lawyer_on_matter(matter: Matter, user) -> bool:
    return bool(
        user is not None
        and user.is_active
        and user.is_lawyer
        and Assignment.objects.filter(matter=matter, user=user).exists()
    )


def _resolve(*, matter: Matter, title: str, responsible, due_on, rule: str, trigger_date, amount, notes: str) -> dict:
    """The fields to store, checked; ValidationError naming every bad field, before anything is written."""
    errors: dict[str, list] = {}
    title = (title or "").strip()
    notes = (notes or "").strip()
    if not title:
        errors["title"] = [_("Say what is due.")]
    elif len(title) > TITLE_MAX:
        errors["title"] = [_("At most 300 characters.")]
    if len(notes) > NOTES_MAX:
        errors["notes"] = [_("At most 5000 characters.")]
    if not _lawyer_on_matter(matter, responsible):
        errors["responsible"] = [_("The responsible specialist must be a lawyer working on this matter.")]
    fields = {"title": title, "notes": notes, "responsible": responsible}
    if rule:
        rule_errors = _rule_errors(rule, trigger_date, amount)
        errors.update(rule_errors)
        if not rule_errors:
            computation = compute(rule_code(rule, amount), trigger_date)
            fields.update(
                rule=computation.rule,
                trigger_date=trigger_date,
                due_on=computation.due_on,
                explanation=computation.steps,
            )
    elif due_on is None:
        errors["due_on"] = [_("Give the last day, or choose a rule and the date it is counted from.")]
    elif abs((due_on - timezone.localdate()).days) > FAR:
        errors["due_on"] = [_("This date is too far from today; please check the year.")]
    else:
        fields.update(rule="", trigger_date=trigger_date, due_on=due_on, explanation=[])
    if errors:
        raise ValidationError(fields=errors)
    return fields


def _record(deadline: Deadline, by, what: str) -> None:
    due_on = deadline.due_on
    timeline_record(
        matter=deadline.matter,
        kind=TimelineEvent.Kind.MATTER,
        actor=by,
        summary=_TIMELINE[what],
        params={
            "name": by.full_name,
            "title": deadline.title,
            "date": in_languages(lambda: formats.date_format(due_on, "DATE_FORMAT")),
        },
        ref=deadline,
    )


def deadline_add(
    *,
    matter: Matter,
    by,
    title: str,
    responsible,
    due_on: date | None = None,
    rule: str = "",
    trigger_date: date | None = None,
    amount: int | None = None,
    notes: str = "",
) -> Deadline:
    """A new deadline on the matter: typed (`due_on`) or computed (`rule` + `trigger_date`; `amount` for custom)."""
    if not may_manage_matter(by, matter):
        raise NotPermitted(_("Only the firm's people on the matter set its deadlines."))
    fields = _resolve(
        matter=matter,
        title=title,
        responsible=responsible,
        due_on=due_on,
        rule=rule,
        trigger_date=trigger_date,
        amount=amount,
        notes=notes,
    )
    with transaction.atomic():
        now = timezone.now()
        deadline = Deadline.objects.create(matter=matter, created_by=by, created_at=now, updated_at=now, **fields)
        bump_matter(matter)
        reminders_write(deadline)
        _record(deadline, by, "add")
        bump(CALENDAR_SCOPE)
    return deadline


def _locked(deadline: Deadline, by) -> Deadline:
    if not allowed(by, deadline, "manage"):
        raise NotPermitted(_("Only the firm's people on the matter change its deadlines."))
    current = Deadline.objects.select_for_update().select_related("matter").get(pk=deadline.pk)
    if current.status != Deadline.Status.OPEN:
        raise InvalidState(_("This deadline is already done or cancelled."))
    return current


def deadline_change(
    *,
    deadline: Deadline,
    by,
    title: str,
    responsible,
    due_on: date | None = None,
    rule: str = "",
    trigger_date: date | None = None,
    amount: int | None = None,
    notes: str = "",
) -> Deadline:
    """Change an open deadline: recomputed from its rule, revision raised, reminders moved."""
    with transaction.atomic():
        current = _locked(deadline, by)
        fields = _resolve(
            matter=current.matter,
            title=title,
            responsible=responsible,
            due_on=due_on,
            rule=rule,
            trigger_date=trigger_date,
            amount=amount,
            notes=notes,
        )
        for name, value in fields.items():
            setattr(current, name, value)
        current.sequence += 1
        current.updated_at = timezone.now()
        current.save()
        bump_matter(current.matter)
        reminders_cancel(current)
        reminders_write(current)
        _record(current, by, "change")
        bump(CALENDAR_SCOPE)
    return current


def _close(deadline: Deadline, by, status: str, what: str) -> Deadline:
    with transaction.atomic():
        current = _locked(deadline, by)
        now = timezone.now()
        current.status = status
        current.done_at = now if status == Deadline.Status.DONE else None
        current.sequence += 1
        current.updated_at = now
        current.save(update_fields=["status", "done_at", "sequence", "updated_at"])
        bump_matter(current.matter)
        reminders_cancel(current)
        _record(current, by, what)
        bump(CALENDAR_SCOPE)
    return current


def deadline_done(*, deadline: Deadline, by) -> Deadline:
    """The filing is made: the deadline is done and its pending reminders are withdrawn."""
    return _close(deadline, by, Deadline.Status.DONE, "done")


def deadline_cancel(*, deadline: Deadline, by) -> Deadline:
    """The deadline no longer applies (the decision was not appealed, a wrong entry): reminders withdrawn."""
    return _close(deadline, by, Deadline.Status.CANCELLED, "cancel")
