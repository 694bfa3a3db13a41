"""Pages of a matter's fee arrangement (its versions; the lead sets a new one) and the firm's requisites."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.errors import NotPermitted
from core.selectors import get_visible
from core.views import show_refusal

from .. import selectors, services
from ..access import fee_matters, restrict_firm_profiles
from ..forms.work import ArrangementForm, FirmProfileForm
from ..models import FirmProfile


@login_required
def arrangement(request, matter_pk):
    matter = get_visible(fee_matters(request.user, "view").select_related("client"), pk=matter_pk)
    versions = list(selectors.arrangement_versions(request.user, matter))
    today = timezone.localdate()
    current = next((v for v in versions if v.valid_from <= today), None)
    return render(
        request,
        "billing/arrangement.html",
        {
            "matter": matter,
            "versions": versions,
            "current": current,
            "may_change": fee_matters(request.user, "change").filter(pk=matter.pk).exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def arrangement_new(request, matter_pk):
    matter = get_visible(fee_matters(request.user, "view").select_related("client", "matter_type"), pk=matter_pk)
    if not fee_matters(request.user, "change").filter(pk=matter.pk).exists():
        raise NotPermitted(_("Only the matter's lead or a partner may set its fees."))
    stages = list(matter.matter_type.stages.order_by("order")) if matter.matter_type_id else []
    team = [a.user for a in matter.assignments.select_related("user")]
    form = ArrangementForm(request.POST or None, stages=stages, team=team)
    if request.method == "POST" and form.is_valid():
        with show_refusal(request, form):
            services.set_fee_arrangement(by=request.user, matter=matter, data=form.service_data())
            messages.success(request, _("The new version of the fee arrangement is saved."))
            return redirect("billing:arrangement", matter_pk=matter.pk)
    return render(
        request,
        "billing/arrangement_form.html",
        {"matter": matter, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def firm_requisites(request):
    if not request.user.sees_everything:
        raise NotPermitted(_("Only a partner edits the firm's requisites."))
    versions = list(restrict_firm_profiles(request.user, "change"))
    latest = versions[0] if versions else None
    initial = {f: getattr(latest, f) for f in FirmProfileForm.base_fields if f != "valid_from"} if latest else None
    form = FirmProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with show_refusal(request, form):
            services.create_firm_profile(by=request.user, data=form.cleaned_data)
            messages.success(request, _("The new version of the firm's requisites is saved."))
            return redirect("billing:firm_requisites")
    return render(
        request,
        "billing/firm.html",
        {"form": form, "versions": versions, "model": FirmProfile},
        status=400 if request.method == "POST" else 200,
    )
