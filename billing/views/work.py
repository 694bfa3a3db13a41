"""Pages of time and expenses: a matter's page with the add forms and the lead's review, a lawyer's week."""

import datetime as dt
import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.errors import NotFound
from core.selectors import get_visible
from core.views import show_refusal
from matters.access import restrict_matters

from .. import selectors, services
from ..access import recordable_matters, restrict_work
from ..forms.work import ExpenseForm, ReturnForm, TimeEntryForm
from ..models import Expense, TimeEntry, WorkStatus

log = logging.getLogger(__name__)


def _page(request, matter, *, time_form=None, expense_form=None, status=200):
    user = request.user
    times = list(selectors.work_list(TimeEntry, user, matter=matter.pk).order_by("-date", "-pk")[:200])
    expenses = list(selectors.work_list(Expense, user, matter=matter.pk).order_by("-date", "-pk")[:200])
    may_record = user.is_lawyer and recordable_matters(user).filter(pk=matter.pk).exists()
    recordable = {
        m: set(restrict_work(m, user, "record").filter(matter=matter).values_list("pk", flat=True))
        for m in (TimeEntry, Expense)
    }
    reviewable = restrict_work(TimeEntry, user, "review").filter(matter=matter).exists() or user.sees_everything
    for row in times + expenses:
        row.may_edit = row.pk in recordable[type(row)] and row.status == WorkStatus.DRAFT
        row.may_review = reviewable and row.status == WorkStatus.SUBMITTED
    return render(
        request,
        "billing/work.html",
        {
            "matter": matter,
            "times": times,
            "expenses": expenses,
            "summary": selectors.matter_fee_summary(user, matter),
            "may_record": may_record,
            "time_form": time_form or TimeEntryForm(prefix="time"),
            "expense_form": expense_form or ExpenseForm(prefix="expense"),
            "return_form": ReturnForm(),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def matter_work(request, matter_pk):
    matter = get_visible(restrict_matters(request.user, "read").select_related("client"), pk=matter_pk)
    if request.method == "GET":
        return _page(request, matter)
    if request.POST.get("form") == "expense":
        form = ExpenseForm(request.POST, request.FILES, prefix="expense")
        if form.is_valid():
            with show_refusal(request, form):
                services.record_expense(by=request.user, matter=matter, **form.cleaned_data)
                messages.success(request, _("The expense is recorded as a draft."))
                return redirect("billing:matter_work", matter_pk=matter.pk)
        return _page(request, matter, expense_form=form, status=400)
    form = TimeEntryForm(request.POST, prefix="time")
    if form.is_valid():
        with show_refusal(request, form):
            services.record_time(by=request.user, matter=matter, **form.cleaned_data)
            messages.success(request, _("The time is recorded as a draft."))
            return redirect("billing:matter_work", matter_pk=matter.pk)
    return _page(request, matter, time_form=form, status=400)


def _transition(model, action):
    @login_required
    @require_POST
    def view(request, pk):
        item = selectors.work_get(model, request.user, pk)
        with show_refusal(request):
            if action == "submit":
                services.submit_work(by=request.user, entry=item)
                messages.success(request, _("Sent to the matter's lead for review."))
            elif action == "approve":
                services.approve_work(by=request.user, entry=item)
                messages.success(request, _("Approved."))
            elif action == "return":
                form = ReturnForm(request.POST)
                reason = form.cleaned_data["reason"] if form.is_valid() else ""
                services.return_work(by=request.user, entry=item, reason=reason)
                messages.success(request, _("Returned to its author with the reason."))
            elif action == "delete":
                services.delete_work(by=request.user, entry=item)
                messages.success(request, _("The draft is deleted."))
        return redirect("billing:matter_work", matter_pk=item.matter_id)

    view.__name__ = f"{model.__name__.lower()}_{action}"
    return view


time_submit = _transition(TimeEntry, "submit")
time_approve = _transition(TimeEntry, "approve")
time_return = _transition(TimeEntry, "return")
time_delete = _transition(TimeEntry, "delete")
expense_submit = _transition(Expense, "submit")
expense_approve = _transition(Expense, "approve")
expense_return = _transition(Expense, "return")
expense_delete = _transition(Expense, "delete")


@login_required
def expense_receipt(request, pk):
    item = selectors.work_get(Expense, request.user, pk)
    if not item.receipt:
        raise NotFound()
    try:
        handle = item.receipt.open("rb")
    except FileNotFoundError:
        log.error("receipt of expense %s is missing from storage", item.pk)
        raise NotFound(_("The file is missing from the storage. Please tell the firm.")) from None
    return FileResponse(handle, as_attachment=True, filename=item.receipt_name or "receipt")


@login_required
def my_time(request):
    try:
        day = dt.date.fromisoformat(request.GET.get("week") or "")
    except ValueError:
        day = timezone.localdate()
    week = selectors.my_week(request.user, day)
    return render(
        request,
        "billing/my_time.html",
        {
            "week": week,
            "previous": week["start"] - dt.timedelta(days=7),
            "next": week["start"] + dt.timedelta(days=7),
        },
    )
