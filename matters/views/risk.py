"""Pages of recommendations and risk notices (rules 3 and 10): thin views over the services."""

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.errors import NotPermitted
from core.views import button_post, show_refusal

from ..access import allowed, recommendation_side
from ..forms.risk import (
    ActingAloneForm,
    RecommendationForm,
    RecommendationRespondForm,
    RiskAcknowledgeForm,
    RiskSupersedeForm,
    RiskWarningForm,
)
from ..models import RiskNotice
from ..selectors import matter_get
from ..selectors import risk as sel
from ..services import recommendations as recommendation_services
from ..services import risk as services


def _notice_url(notice, anchor: str) -> str:
    # Forms on the risks page post to "…#warn" and the like (so that errors scroll into view); a
    # redirect without a fragment of its own would inherit that one.
    return reverse("matters:risk_detail", args=[notice.pk]) + f"#{anchor}"


def _risks_url(matter_pk, anchor: str = "") -> str:
    return reverse("matters:risks", args=[matter_pk]) + (f"#{anchor}" if anchor else "")


def _render_risks(request, matter, *, forms=None, status=200):
    user = request.user
    recommendations = list(sel.recommendation_list(user=user, matter=matter))
    for item in recommendations:
        item.can_respond = allowed(user, item, "respond")
    forms = forms or {}
    return render(
        request,
        "matters/risk/matter.html",
        {
            "matter": matter,
            "recommendations": recommendations,
            "risks": list(sel.risk_list(user=user, matter=matter)),
            "may_recommend": recommendation_side(user) is not None,
            "may_warn": user.is_lawyer,
            "recommendation_form": forms.get("recommendation") or RecommendationForm(),
            "respond_form": RecommendationRespondForm(),
            "warning_form": forms.get("warning") or RiskWarningForm(),
            "alone_form": forms.get("alone") or ActingAloneForm(client_user=user.is_client_user),
            "may_report_alone": user.is_client_user or user.is_lawyer,
        },
        status=status,
    )


@login_required
def risks(request, pk):
    """The matter's recommendations and risk notices, with the forms to add them."""
    return _render_risks(request, matter_get(user=request.user, pk=pk, action="read"))


@login_required
@require_POST
def recommendation_new(request, pk):
    matter = matter_get(user=request.user, pk=pk, action="read")
    form = RecommendationForm(request.POST)
    if form.is_valid():
        with show_refusal(request, form):
            item = recommendation_services.recommendation_make(
                matter=matter, by=request.user, text=form.cleaned_data["text"]
            )
            flash.success(request, _("The recommendation is recorded; the other side is notified."))
            return redirect(_risks_url(matter.pk, f"recommendation-{item.pk}"))
    return _render_risks(request, matter, forms={"recommendation": form}, status=400)


@login_required
@require_POST
def recommendation_respond(request, pk):
    item = sel.recommendation_get(user=request.user, pk=pk)
    form = RecommendationRespondForm(request.POST)
    accepted = request.POST.get("decision") == "accept"
    if form.is_valid():
        with show_refusal(request):
            recommendation_services.recommendation_respond(
                recommendation=item, by=request.user, accepted=accepted, comment=form.cleaned_data["comment"]
            )
            flash.success(request, _("Your answer is recorded."))
    return redirect(_risks_url(item.matter_id, f"recommendation-{item.pk}"))


@login_required
@require_POST
def risk_warn(request, pk):
    matter = matter_get(user=request.user, pk=pk, action="read")
    if not request.user.is_lawyer:
        raise NotPermitted(_("Only a lawyer of the matter warns the client about an instruction."))
    form = RiskWarningForm(request.POST)
    if form.is_valid():
        with show_refusal(request, form):
            notice = services.risk_warn(matter=matter, by=request.user, **form.cleaned_data)
            flash.success(request, _("The warning is recorded; the client is notified and asked to answer."))
            return redirect(_notice_url(notice, "notice"))
    return _render_risks(request, matter, forms={"warning": form}, status=400)


@login_required
@require_POST
def risk_acting_alone(request, pk):
    matter = matter_get(user=request.user, pk=pk, action="read")
    form = ActingAloneForm(request.POST, client_user=request.user.is_client_user)
    if form.is_valid():
        with show_refusal(request, form):
            notice = services.risk_record_acting_alone(
                matter=matter,
                by=request.user,
                subject=form.cleaned_data["subject"],
                details=form.cleaned_data.get("details", ""),
            )
            if request.user.is_client_user:
                flash.success(request, _("Thank you for telling the firm. Please read and acknowledge the notice."))
                return redirect(_notice_url(notice, "acknowledge"))
            flash.success(request, _("The notice is recorded; the client is notified and asked to acknowledge it."))
            return redirect(_notice_url(notice, "notice"))
    return _render_risks(request, matter, forms={"alone": form}, status=400)


def _render_notice(request, notice, *, form=None, status=200):
    text, fingerprint = sel.risk_text_for(user=request.user, notice=notice)
    can = sel.risk_permissions(user=request.user, notice=notice)
    warning = notice.kind == RiskNotice.Kind.WARNING
    return render(
        request,
        "matters/risk/detail.html",
        {
            "notice": notice,
            "notice_text": services.notice_text(notice),
            "matter": notice.matter,
            "can": can,
            "acknowledgements": list(notice.acknowledgements.all()),
            "ack_text": text if can["acknowledge"] else "",
            "form": form or RiskAcknowledgeForm(initial={"text_sha256": fingerprint}, warning=warning),
        },
        status=status,
    )


@login_required
def risk_detail(request, pk):
    return _render_notice(request, sel.risk_get(user=request.user, pk=pk))


@login_required
@require_POST
def risk_acknowledge(request, pk):
    notice = sel.risk_get(user=request.user, pk=pk)
    form = RiskAcknowledgeForm(request.POST, warning=notice.kind == RiskNotice.Kind.WARNING)
    if not form.is_valid():
        return _render_notice(request, notice, form=form, status=400)
    with show_refusal(request):
        services.risk_acknowledge(
            notice=notice, by=request.user, text_sha256=form.cleaned_data["text_sha256"], request=request
        )
        flash.success(request, _("Your acknowledgement is recorded with the exact text, the time and your name."))
    return redirect("matters:risk_detail", pk=notice.pk)


@login_required
@require_POST
def risk_withdraw(request, pk):
    notice = sel.risk_get(user=request.user, pk=pk)
    return button_post(
        request,
        lambda: services.risk_withdraw(notice=notice, by=request.user),
        done=_("Your instruction is withdrawn; the firm is notified."),
        back=reverse("matters:risk_detail", args=[notice.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def risk_supersede(request, pk):
    notice = sel.risk_get(user=request.user, pk=pk)
    if not sel.risk_permissions(user=request.user, notice=notice)["supersede"]:
        if not request.user.is_lawyer:
            raise NotPermitted(_("Only a lawyer of the matter corrects a risk notice."))
        flash.error(request, _("Only a notice awaiting the client's answer can be corrected."))
        return redirect("matters:risk_detail", pk=notice.pk)
    warning = notice.kind == RiskNotice.Kind.WARNING
    text = notice.text if warning else services.non_interference_details(notice.text)
    initial = {"subject": notice.subject, "text": text}
    form = RiskSupersedeForm(request.POST or None, initial=initial, warning=warning)
    if request.method == "POST" and form.is_valid():
        with show_refusal(request, form):
            new = services.risk_supersede(notice=notice, by=request.user, **form.cleaned_data)
            flash.success(request, _("The corrected notice is published; the client is asked to answer it."))
            return redirect("matters:risk_detail", pk=new.pk)
    return render(
        request,
        "matters/risk/supersede.html",
        {"notice": notice, "matter": notice.matter, "form": form},
        status=400 if form.errors else 200,
    )
