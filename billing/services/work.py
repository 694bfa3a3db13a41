"""Time entries and expenses: recorded as drafts, submitted, approved or returned by the lead, billed.

A billed entry is locked: nothing changes it and nothing deletes it (`billing_lock` is what the
invoice calls, inside its own transaction).
"""

import datetime as dt

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.errors import InvalidState, NotPermitted, ValidationError
from matters.services.uploads import check_files

from .. import timeline
from ..access import recordable_specialists, restrict_expenses, restrict_time_entries
from ..caching import WORK, bumps
from ..models import Expense, TimeEntry, WorkStatus
from .fees import parse_money

DAY_MINUTES = 24 * 60


def _restrict(model):
    return restrict_time_entries if model is TimeEntry else restrict_expenses


def _date(value, errors) -> dt.date | None:
    if not isinstance(value, dt.date):
        errors["date"] = [_("Enter the date.")]
        return None
    if value > timezone.localdate() + dt.timedelta(days=1):
        errors["date"] = [_("The date cannot be in the future.")]
        return None
    return value


def _minutes(value, errors) -> int | None:
    try:
        minutes = int(value)
    except (TypeError, ValueError):
        errors["minutes"] = [_("Enter the duration in minutes.")]
        return None
    if not 1 <= minutes <= DAY_MINUTES:
        errors["minutes"] = [_("The duration must be from 1 minute to 24 hours.")]
        return None
    return minutes


def _day_limit(specialist, day, minutes, errors, *, exclude=None) -> None:
    """A person's time on one day, over all matters, is at most 24 hours (rows locked: no race)."""
    qs = TimeEntry.objects.select_for_update().filter(specialist=specialist, date=day)
    if exclude is not None:
        qs = qs.exclude(pk=exclude)
    taken = sum(qs.values_list("minutes", flat=True))
    if taken + minutes > DAY_MINUTES:
        errors["minutes"] = [
            _("This would make more than 24 hours on %(date)s: %(left)d minutes are left that day.")
            % {"date": day.isoformat(), "left": DAY_MINUTES - taken}
        ]


def _description(value, errors) -> str:
    text = str(value or "").strip()
    if not text:
        errors["description"] = [_("Describe the work or the expense.")]
    return text


@bumps(WORK)
def record_time(
    *, by, matter, specialist=None, date, minutes, description, billable=True, internal_note=""
) -> TimeEntry:
    specialist = specialist or by
    if not recordable_specialists(by, matter).filter(pk=specialist.pk).exists():
        raise NotPermitted(_("You may record time only on your matters (a lead: for the matter's team)."))
    errors: dict = {}
    day = _date(date, errors)
    minutes = _minutes(minutes, errors)
    text = _description(description, errors)
    with transaction.atomic():
        if day and minutes:
            _day_limit(specialist, day, minutes, errors)
        if errors:
            raise ValidationError(fields=errors)
        return TimeEntry.objects.create(
            matter=matter,
            specialist=specialist,
            date=day,
            minutes=minutes,
            description=text,
            billable=bool(billable),
            internal_note=str(internal_note or "").strip(),
            created_by=by,
        )


@bumps(WORK)
def record_expense(
    *, by, matter, specialist=None, date, category, amount, description, receipt=None, internal_note=""
) -> Expense:
    specialist = specialist or by
    if not recordable_specialists(by, matter).filter(pk=specialist.pk).exists():
        raise NotPermitted(_("You may record expenses only on your matters (a lead: for the matter's team)."))
    errors: dict = {}
    day = _date(date, errors)
    if category not in Expense.Category.values:
        errors["category"] = [_("Choose the category of the expense.")]
    value = parse_money(amount, "amount", errors, required=True)
    text = _description(description, errors)
    if errors:
        raise ValidationError(fields=errors)
    with transaction.atomic():
        files = check_files([receipt] if receipt else [], field="receipt", limit=1, uploader=by)
        expense = Expense(
            matter=matter,
            specialist=specialist,
            date=day,
            category=category,
            amount=value,
            description=text,
            internal_note=str(internal_note or "").strip(),
            created_by=by,
        )
        if files:
            expense.receipt_name = files[0].name[:255]
            expense.receipt.save(files[0].name, files[0], save=False)
        expense.save()
        return expense


def _editable(user, obj):
    if isinstance(obj, Expense) and hasattr(obj, "advance_spending"):
        raise InvalidState(_("This expense was paid from an advance: it is locked."))
    if obj.status == WorkStatus.BILLED:
        raise InvalidState(_("A billed entry is locked: it cannot be changed or deleted."))
    if obj.status != WorkStatus.DRAFT:
        raise InvalidState(_("Only a draft can be changed or deleted; a returned entry is a draft again."))
    if not _restrict(type(obj))(user, "record").filter(pk=obj.pk).exists():
        raise NotPermitted()


@bumps(WORK)
def update_work(*, by, entry, data: dict):
    """Change a draft's fields (those given in `data`)."""
    with transaction.atomic():
        entry = type(entry).objects.select_for_update().get(pk=entry.pk)
        _editable(by, entry)
        errors: dict = {}
        if "date" in data:
            entry.date = _date(data["date"], errors) or entry.date
        if "description" in data:
            entry.description = _description(data["description"], errors)
        if "internal_note" in data:
            entry.internal_note = str(data["internal_note"] or "").strip()
        if isinstance(entry, TimeEntry):
            if "minutes" in data:
                entry.minutes = _minutes(data["minutes"], errors) or entry.minutes
            if "billable" in data:
                entry.billable = bool(data["billable"])
            if not errors:
                _day_limit(entry.specialist, entry.date, entry.minutes, errors, exclude=entry.pk)
        else:
            if "category" in data:
                if data["category"] not in Expense.Category.values:
                    errors["category"] = [_("Choose the category of the expense.")]
                else:
                    entry.category = data["category"]
            if "amount" in data:
                entry.amount = parse_money(data["amount"], "amount", errors, required=True) or entry.amount
        if errors:
            raise ValidationError(fields=errors)
        entry.return_reason = ""
        entry.save()
        return entry


@bumps(WORK)
def delete_work(*, by, entry) -> None:
    with transaction.atomic():
        entry = type(entry).objects.select_for_update().get(pk=entry.pk)
        _editable(by, entry)
        if isinstance(entry, Expense) and entry.receipt:
            name = entry.receipt.name
            transaction.on_commit(lambda: entry.receipt.storage.delete(name))
        entry.delete()


@bumps(WORK)
def submit_work(*, by, entry):
    with transaction.atomic():
        entry = type(entry).objects.select_for_update().get(pk=entry.pk)
        if entry.status != WorkStatus.DRAFT:
            raise InvalidState(_("Only a draft can be submitted for review."))
        if not _restrict(type(entry))(by, "record").filter(pk=entry.pk).exists():
            raise NotPermitted()
        entry.status = WorkStatus.SUBMITTED
        entry.submitted_at = timezone.now()
        entry.save(update_fields=["status", "submitted_at"])
        return entry


def _review(user, obj, status, reason=""):
    with transaction.atomic():
        obj = type(obj).objects.select_for_update().get(pk=obj.pk)
        if not _restrict(type(obj))(user, "review").filter(pk=obj.pk).exists():
            raise NotPermitted(_("Only the matter's lead or a partner reviews time and expenses."))
        if obj.status != WorkStatus.SUBMITTED:
            raise InvalidState(_("Only a submitted entry can be approved or returned."))
        obj.status = status
        obj.return_reason = reason
        obj.reviewed_by = user
        obj.reviewed_at = timezone.now()
        obj.save(update_fields=["status", "return_reason", "reviewed_by", "reviewed_at"])
        if status == WorkStatus.APPROVED:
            timeline.work_approved(obj, by=user)
        return obj


@bumps(WORK)
def approve_work(*, by, entry):
    return _review(by, entry, WorkStatus.APPROVED)


@bumps(WORK)
def return_work(*, by, entry, reason):
    reason = str(reason or "").strip()
    if not reason:
        raise ValidationError(fields={"reason": [_("Say why the entry is returned.")]})
    return _review(by, entry, WorkStatus.DRAFT, reason)


@bumps(WORK)
def billing_lock(entries) -> int:
    """Mark approved time entries and expenses billed (locked for good); call inside the invoice's
    transaction. Refuses the lot, changing nothing, if any entry is not approved."""
    entries = list(entries)
    now = timezone.now()
    locked = 0
    with transaction.atomic():
        for model in (TimeEntry, Expense):
            ids = [e.pk for e in entries if isinstance(e, model)]
            if not ids:
                continue
            rows = list(model.objects.select_for_update().filter(pk__in=ids).values_list("pk", "status"))
            if len(rows) != len(set(ids)) or any(status != WorkStatus.APPROVED for _row, status in rows):
                raise InvalidState(_("Only approved time and expenses can be billed, each once."))
            locked += model.objects.filter(pk__in=ids).update(status=WorkStatus.BILLED, billed_at=now)
    return locked


def day_total(specialist, day) -> int:
    return TimeEntry.objects.filter(specialist=specialist, date=day).aggregate(m=Sum("minutes"))["m"] or 0
