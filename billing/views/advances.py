"""Pages of advances (rule 7): thin views over billing.services.advances."""

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.views import show_refusal
from matters.selectors import matter_get

from ..access import advance_allowed, advance_matters
from ..forms.advances import AdvanceForm, ConfirmForm, PaidForm, ReasonForm, SpendingForm
from ..models import Advance
from ..selectors import advances as sel
from ..selectors.firm import firm_payee
from ..services import advances as services


def _render_list(request, matter, *, form=None, status=200):
    user = request.user
    may_request = advance_matters(user).filter(pk=matter.pk).exists()
    if may_request and form is None:
        form = AdvanceForm(**sel.fundable_actions(matter=matter))
    return render(
        request,
        "billing/advances.html",
        {
            "matter": matter,
            "advances": list(sel.advance_list(user=user, matter_ids=[matter.pk])),
            "balance": sel.advance_balance([matter.pk])[matter.pk],
            "form": form if may_request else None,
        },
        status=status,
    )


@login_required
def advances(request, pk):
    """The matter's advances, its balance and (for its lawyers) the form to ask for one."""
    return _render_list(request, matter_get(user=request.user, pk=pk, action="read"))


def _service_fields(form, matter) -> dict:
    data = dict(form.cleaned_data)
    data["task"], data["hearing"] = services.task_or_hearing(
        matter=matter, task_id=data.get("task"), hearing_id=data.get("hearing")
    )
    return data


@login_required
@require_POST
def advance_new(request, pk):
    matter = matter_get(user=request.user, pk=pk, action="read")
    form = AdvanceForm(request.POST, **sel.fundable_actions(matter=matter))
    if form.is_valid():
        with show_refusal(request, form):
            advance = services.advance_request(matter=matter, by=request.user, **_service_fields(form, matter))
            flash.success(request, _("The advance is requested; the client is notified."))
            return redirect("billing:advance_detail", pk=advance.pk)
    return _render_list(request, matter, form=form, status=400)


def _render_detail(request, advance, *, forms=None, status=200):
    user = request.user
    forms = forms or {}
    can = {a: advance_allowed(user, advance, a) for a in ("pay", "confirm", "reject", "override", "spend", "cancel")}
    return render(
        request,
        "billing/advance_detail.html",
        {
            "advance": advance,
            "matter": advance.matter,
            # Paid to the firm: its bank details in force today (the requisites the firm edits).
            "payee": firm_payee() if advance.payer == Advance.Payer.FIRM_AT_CLIENT_EXPENSE else None,
            "can": can,
            "overdue": advance.is_overdue(),
            "spendings": list(sel.spending_list(advance=advance)),
            "balance": sel.advance_balance([advance.matter_id])[advance.matter_id],
            "paid_form": forms.get("paid") or PaidForm(initial={"paid_amount": advance.amount}),
            "confirm_form": forms.get("confirm") or ConfirmForm(),
            "reject_form": forms.get("reject") or ReasonForm(prefix="reject"),
            "override_form": forms.get("override") or ReasonForm(prefix="override"),
            "cancel_form": forms.get("cancel") or ReasonForm(prefix="cancel"),
            "spending_form": forms.get("spend") or SpendingForm(expenses=services.linkable_expenses(advance)),
        },
        status=status,
    )


@login_required
def advance_detail(request, pk):
    return _render_detail(request, sel.advance_get(user=request.user, pk=pk))


def _here(advance, anchor=""):
    return reverse("billing:advance_detail", args=[advance.pk]) + (f"#{anchor}" if anchor else "")


@login_required
@require_POST
def advance_paid(request, pk):
    advance = sel.advance_get(user=request.user, pk=pk)
    form = PaidForm(request.POST, request.FILES)
    if form.is_valid():
        with show_refusal(request, form):
            services.advance_mark_paid(
                advance=advance,
                by=request.user,
                amount=form.cleaned_data["paid_amount"],
                paid_on=form.cleaned_data["paid_on"],
                payment_order=form.cleaned_data["payment_order"],
            )
            flash.success(request, _("Thank you: the firm will confirm the payment."))
            return redirect(_here(advance))
    return _render_detail(request, advance, forms={"paid": form}, status=400)


@login_required
@require_POST
def advance_confirm(request, pk):
    advance = sel.advance_get(user=request.user, pk=pk)
    form = ConfirmForm(request.POST)
    if form.is_valid():
        with show_refusal(request, form):
            services.advance_confirm(advance=advance, by=request.user, amount=form.cleaned_data["confirmed_amount"])
            flash.success(request, _("The payment is confirmed; the client is notified."))
            return redirect(_here(advance))
    return _render_detail(request, advance, forms={"confirm": form}, status=400)


def _reason_view(request, pk, name, service, done):
    advance = sel.advance_get(user=request.user, pk=pk)
    form = ReasonForm(request.POST, prefix=name)
    if form.is_valid():
        with show_refusal(request, form):
            service(advance=advance, by=request.user, reason=form.cleaned_data["reason"])
            flash.success(request, done)
            return redirect(_here(advance))
    return _render_detail(request, advance, forms={name: form}, status=400)


@login_required
@require_POST
def advance_reject(request, pk):
    return _reason_view(
        request, pk, "reject", services.advance_reject, _("The payment is not confirmed; the client is told why.")
    )


@login_required
@require_POST
def advance_override(request, pk):
    return _reason_view(
        request, pk, "override", services.advance_override, _("The action may go ahead without the advance paid.")
    )


@login_required
@require_POST
def advance_cancel(request, pk):
    return _reason_view(request, pk, "cancel", services.advance_cancel, _("The advance is cancelled."))


@login_required
@require_POST
def advance_spend(request, pk):
    advance = sel.advance_get(user=request.user, pk=pk)
    form = SpendingForm(request.POST, expenses=services.linkable_expenses(advance))
    if form.is_valid():
        with show_refusal(request, form):
            services.advance_spend(advance=advance, by=request.user, **form.cleaned_data)
            flash.success(request, _("The spending is recorded."))
            return redirect(_here(advance, "spendings"))
    return _render_detail(request, advance, forms={"spend": form}, status=400)


@login_required
def advance_payment_order(request, pk):
    """The payment order the client attached, to the people who see the advance."""
    advance = sel.advance_get(user=request.user, pk=pk)
    if not advance.payment_order:
        raise Http404
    # A payment order is a page or two: read whole (the front desk's firm-wide view is checked by
    # the attacker test, which reads the body of every 200).
    with advance.payment_order.open("rb") as handle:
        data = handle.read()
    response = HttpResponse(data, content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(True, advance.payment_order_name)
    return response
