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

from ..access import recordable_specialists, restrict_expenses, restrict_time_entries
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


def record_time(
    user, matter, *, specialist=None, date, minutes, description, billable=True, internal_note=""
) -> TimeEntry:
    specialist = specialist or user
    if not recordable_specialists(user, matter).filter(pk=specialist.pk).exists():
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
            created_by=user,
        )


def record_expense(
    user, matter, *, specialist=None, date, category, amount, description, receipt=None, internal_note=""
) -> Expense:
    specialist = specialist or user
    if not recordable_specialists(user, matter).filter(pk=specialist.pk).exists():
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
        files = check_files([receipt] if receipt else [], field="receipt", limit=1, uploader=user)
        expense = Expense(
            matter=matter,
            specialist=specialist,
            date=day,
            category=category,
            amount=value,
            description=text,
            internal_note=str(internal_note or "").strip(),
            created_by=user,
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


def update_work(user, obj, data: dict):
    """Change a draft's fields (those given in `data`)."""
    with transaction.atomic():
        obj = type(obj).objects.select_for_update().get(pk=obj.pk)
        _editable(user, obj)
        errors: dict = {}
        if "date" in data:
            obj.date = _date(data["date"], errors) or obj.date
        if "description" in data:
            obj.description = _description(data["description"], errors)
        if "internal_note" in data:
            obj.internal_note = str(data["internal_note"] or "").strip()
        if isinstance(obj, TimeEntry):
            if "minutes" in data:
                obj.minutes = _minutes(data["minutes"], errors) or obj.minutes
            if "billable" in data:
                obj.billable = bool(data["billable"])
            if not errors:
                _day_limit(obj.specialist, obj.date, obj.minutes, errors, exclude=obj.pk)
        else:
            if "category" in data:
                if data["category"] not in Expense.Category.values:
                    errors["category"] = [_("Choose the category of the expense.")]
                else:
                    obj.category = data["category"]
            if "amount" in data:
                obj.amount = parse_money(data["amount"], "amount", errors, required=True) or obj.amount
        if errors:
            raise ValidationError(fields=errors)
        obj.return_reason = ""
        obj.save()
        return obj


def delete_work(user, obj) -> None:
    with transaction.atomic():
        obj = type(obj).objects.select_for_update().get(pk=obj.pk)
        _editable(user, obj)
        if isinstance(obj, Expense) and obj.receipt:
            name = obj.receipt.name
            transaction.on_commit(lambda: obj.receipt.storage.delete(name))
        obj.delete()


def submit_work(user, obj):
    with transaction.atomic():
        obj = type(obj).objects.select_for_update().get(pk=obj.pk)
        if obj.status != WorkStatus.DRAFT:
            raise InvalidState(_("Only a draft can be submitted for review."))
        if not _restrict(type(obj))(user, "record").filter(pk=obj.pk).exists():
            raise NotPermitted()
        obj.status = WorkStatus.SUBMITTED
        obj.submitted_at = timezone.now()
        obj.save(update_fields=["status", "submitted_at"])
        return obj


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
        return obj


def approve_work(user, obj):
    return _review(user, obj, WorkStatus.APPROVED)


def return_work(user, obj, reason):
    reason = str(reason or "").strip()
    if not reason:
        raise ValidationError(fields={"reason": [_("Say why the entry is returned.")]})
    return _review(user, obj, WorkStatus.DRAFT, reason)


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
