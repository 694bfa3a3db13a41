"""Pages of claims (rule 15): thin views over billing.services.claims."""

from django.conf import settings
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import InvalidState, NotFound, NotPermitted, ValidationError
from core.views import show_refusal
from matters.selectors import matter_get

from ..access import allowed, claim_matters, restrict_adjustments
from ..claim_law import percent_of, regime_for
from ..forms.claims import ClaimForm, DecideForm, PayOutForm
from ..models import Claim
from ..selectors import claims as sel
from ..services import claims as services

LIST_ROWS = 200


def _regime_of(claim: Claim):
    return regime_for(
        client_is_person=claim.matter.client.is_person,
        personal_needs=claim.personal_needs,
        contract_days=claim.response_days,
    )


@login_required
def claims(request):
    """The claims the user sees: a client its own; the firm's people with deadlines, overdue first."""
    overdue = request.GET.get("overdue") == "1"
    status = request.GET.get("status", "")
    if status not in Claim.Status.values:
        status = ""
    matter = request.GET.get("matter", "")
    matter_ids = [int(matter)] if matter.isdigit() and len(matter) < 12 else None
    rows = list(
        sel.claim_list(user=request.user, status=status, overdue=True if overdue else None, matter_ids=matter_ids)[
            :LIST_ROWS
        ]
    )
    return render(
        request,
        "billing/claims.html",
        {
            "claims": rows,
            "today": timezone.localdate(),
            "status": status,
            "overdue": overdue,
            "matter_filter": matter_ids[0] if matter_ids else "",
            "statuses": Claim.Status.choices,
            "summary": sel.claims_summary(user=request.user),
        },
    )


def _render_new(request, matter, *, form=None, status=200):
    person = matter.client.is_person
    form = form or ClaimForm(person=person)
    days = settings.CLAIM_RESPONSE_DAYS
    regimes = [regime_for(client_is_person=person, personal_needs=False, contract_days=days)]
    if person:
        regimes.insert(0, regime_for(client_is_person=True, personal_needs=True, contract_days=days))
    return render(
        request, "billing/claim_new.html", {"matter": matter, "form": form, "regimes": regimes}, status=status
    )


@login_required
def claim_new(request, matter_pk):
    """A client user files a claim on its matter."""
    matter = matter_get(user=request.user, pk=matter_pk, action="read")
    if not claim_matters(request.user).filter(pk=matter.pk).exists():
        # The matter is readable (matter_get said so): the firm's people are told it is not theirs to do.
        raise NotPermitted(_("A claim is filed by the client's own people."))
    if request.method != "POST":
        return _render_new(request, matter)
    form = ClaimForm(request.POST, request.FILES, person=matter.client.is_person)
    if form.is_valid():
        with show_refusal(request, form):
            claim = services.claim_file(by=request.user, matter=matter, **form.cleaned_data)
            flash.success(request, _("Your claim is filed; the firm answers by the date shown."))
            return redirect("billing:claim_detail", pk=claim.pk)
    return _render_new(request, matter, form=form, status=400)


def _render_detail(request, claim, *, forms=None, status=200):
    user = request.user
    forms = forms or {}
    adjustments = list(sel.adjustment_list(user=user, claim=claim))
    may_decide = allowed(user, claim, "decide")
    payable = set(restrict_adjustments(user, "pay_out").filter(claim=claim).values_list("pk", flat=True))
    penalty = sel.statutory_penalty(claim)
    limits = sel.claim_limits(claim) if may_decide else None
    asked_percent = None
    if limits is not None and claim.ask_fee_reduction_percent is not None:
        asked_percent = percent_of(limits.fee, claim.ask_fee_reduction_percent)
    return render(
        request,
        "billing/claim_detail.html",
        {
            "claim": claim,
            "matter": claim.matter,
            "regime": _regime_of(claim),
            "overdue": claim.is_overdue(),
            "penalty": penalty,
            "limits": limits,
            "asked_percent": asked_percent,
            "attachments": list(claim.attachments.all()),
            "adjustments": adjustments,
            "payable": payable,
            "decide_form": (forms.get("decide") or DecideForm(initial={"penalty": penalty or ""}))
            if may_decide
            else None,
            "pay_out_form": forms.get("pay_out") or PayOutForm(),
            "pay_out_pk": forms.get("pay_out_pk"),
        },
        status=status,
    )


@login_required
def claim_detail(request, pk):
    return _render_detail(request, sel.claim_get(user=request.user, pk=pk))


@login_required
@require_POST
def claim_decide(request, pk):
    claim = sel.claim_get(user=request.user, pk=pk)
    form = DecideForm(request.POST)
    if form.is_valid():
        with show_refusal(request, form, only=(ValidationError, InvalidState)):
            services.claim_decide(by=request.user, claim=claim, **form.cleaned_data)
            flash.success(request, _("The claim is answered; the client is notified."))
            return redirect("billing:claim_detail", pk=claim.pk)
    return _render_detail(request, claim, forms={"decide": form}, status=400)


@login_required
@require_POST
def adjustment_pay_out(request, pk):
    adjustment = sel.adjustment_get(user=request.user, pk=pk)
    claim = sel.claim_get(user=request.user, pk=adjustment.claim_id) if adjustment.claim_id else None
    form = PayOutForm(request.POST)
    if form.is_valid():
        with show_refusal(request, form, only=(ValidationError, InvalidState)):
            services.adjustment_pay_out(by=request.user, adjustment=adjustment, **form.cleaned_data)
            flash.success(request, _("The payout is recorded; the client is notified."))
            if claim is None:
                return redirect("billing:claims")
            return redirect(reverse("billing:claim_detail", args=[claim.pk]) + "#adjustments")
    if claim is None:
        raise NotFound()
    return _render_detail(request, claim, forms={"pay_out": form, "pay_out_pk": adjustment.pk}, status=400)


@login_required
def claim_file(request, pk, file_id):
    """A file attached to a claim, to the people who see the claim."""
    attachment = sel.attachment_get(user=request.user, pk=file_id, claim_pk=pk, request=request)
    with attachment.file.open("rb") as handle:
        data = handle.read()
    response = HttpResponse(data, content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(True, attachment.name)
    return response
