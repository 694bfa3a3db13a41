"""Pages of payments (rule 1): the queue, a payment recorded by hand, a bank statement's upload, match
ignore and unmatch. Thin views over billing.services.payments; partners and the secretary only."""

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import InvalidState
from core.views import show_refusal

from ..access import handles_payments
from ..forms.payments import IgnoreForm, MatchForm, PaymentForm, StatementForm, UnmatchForm
from ..selectors import payments as sel
from ..services import payments as services


def _staff(request, action="view"):
    if not handles_payments(request.user, action):
        raise PermissionDenied


def _render_list(request, *, form=None, statement_form=None, summary=None, status=200):
    waiting, recent = sel.payment_queue(user=request.user)
    return render(
        request,
        "billing/payments.html",
        {
            "waiting": waiting,
            "recent": recent,
            "form": form or PaymentForm(),
            "statement_form": statement_form or StatementForm(),
            "summary": summary,
        },
        status=status,
    )


@login_required
def payments(request):
    """The queue of payments waiting to be matched, then the recent ones; the forms to add more."""
    _staff(request)
    return _render_list(request)


@login_required
@require_POST
def payment_new(request):
    _staff(request, "record")
    form = PaymentForm(request.POST)
    if form.is_valid():
        with show_refusal(request, form):
            payment = services.payment_record(by=request.user, **form.cleaned_data)
            flash.success(request, _("The payment is recorded."))
            return redirect("billing:payment_detail", pk=payment.pk)
    return _render_list(request, form=form, status=400)


@login_required
def statement_upload(request):
    """GET: the upload form; POST: import the statement and show what it brought."""
    _staff(request, "import")
    if request.method != "POST":
        return render(request, "billing/statement_upload.html", {"statement_form": StatementForm()})
    form = StatementForm(request.POST, request.FILES)
    if form.is_valid():
        with show_refusal(request, form):
            summary = services.statement_import(by=request.user, file=form.cleaned_data["file"])
            return render(request, "billing/statement_result.html", {"summary": summary})
    return render(request, "billing/statement_upload.html", {"statement_form": form}, status=400)


def _render_detail(request, payment, *, match_form=None, ignore_form=None, unmatch_form=None, status=200):
    return render(
        request,
        "billing/payment_detail.html",
        {
            "payment": payment,
            "match_form": match_form or MatchForm(initial={"invoice_number": payment.invoice_number}),
            "ignore_form": ignore_form or IgnoreForm(),
            "unmatch_form": unmatch_form or UnmatchForm(),
            "unmatches": list(payment.unmatches.all()),
        },
        status=status,
    )


@login_required
def payment_detail(request, pk):
    return _render_detail(request, sel.payment_get(user=request.user, pk=pk))


def _form_post(request, pk, form_class, *, panel: str, act, done: str, back: str, flash_kinds=()):
    """One of the payment page's forms (match, ignore, unmatch): when valid, `act` calls the service with the
    form's data, `done` is said and the user goes `back` (a URL); a refusal shows on the form, the page again
    with it as its `panel` (400) — but a refusal of a kind in `flash_kinds` is a message above the page."""
    payment = sel.payment_get(user=request.user, pk=pk, action="match")
    form = form_class(request.POST)
    if form.is_valid():
        with show_refusal(request, form, flash=flash_kinds):
            act(payment=payment, by=request.user, **form.cleaned_data)
            flash.success(request, done)
            return redirect(back)
    return _render_detail(request, payment, **{panel: form}, status=400)


@login_required
@require_POST
def payment_match(request, pk):
    done, back = _("The payment is matched to the invoice."), reverse("billing:payments")
    return _form_post(request, pk, MatchForm, panel="match_form", act=services.payment_match, done=done, back=back)


@login_required
@require_POST
def payment_ignore(request, pk):
    done, back = _("The payment is taken out of the queue."), reverse("billing:payments")
    return _form_post(request, pk, IgnoreForm, panel="ignore_form", act=services.payment_ignore, done=done, back=back)


@login_required
@require_POST
def payment_unmatch(request, pk):
    """Take a payment matched by mistake off its invoice, with the reason; it goes back to the queue.
    "Not matched (any more)" is about the payment, not the reason: a message above the page."""
    done = _("The payment is taken off the invoice and waits in the queue again.")
    return _form_post(
        request,
        pk,
        UnmatchForm,
        panel="unmatch_form",
        act=services.payment_unmatch,
        done=done,
        back=reverse("billing:payment_detail", args=[pk]),
        flash_kinds=(InvalidState,),
    )
