"""Pages of subcontracting (rule 11): the firm proposes, the client consents or refuses, the firm engages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.errors import NotPermitted
from core.views import button_post, show_refusal

from .. import selectors
from ..access import allowed
from ..forms.subcontracting import SubcontractAnswerForm, SubcontractForm
from ..selectors import subcontracting as sel
from ..services import subcontracting as services


@login_required
@require_http_methods(["GET", "POST"])
def subcontract_new(request, matter_pk):
    matter = selectors.matter_get(user=request.user, pk=matter_pk)
    if not allowed(request.user, matter, "manage_subcontracting"):
        raise NotPermitted(_("Only the matter's lead or a partner may propose to involve an outside lawyer."))
    form = SubcontractForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with show_refusal(request, form):
            item = services.subcontract_propose(matter=matter, by=request.user, **form.cleaned_data)
            messages.success(request, _("The proposal is sent to the client for consent."))
            return redirect("matters:subcontract_detail", pk=item.pk)
    return render(request, "matters/subcontracting/new.html", {"form": form, "matter": matter})


@login_required
def subcontract_detail(request, pk):
    item = sel.subcontract_get(user=request.user, pk=pk)
    return _render(request, item)


def _render(request, item, *, form=None, status=200):
    return render(
        request,
        "matters/subcontracting/detail.html",
        {
            "item": item,
            "can": sel.subcontract_permissions(user=request.user, subcontract=item),
            # shown in the language the user signs in, so that what is read is what is recorded
            "consent_text": services.consent_text(item, language=services.signing_language(request.user)),
            "form": form or SubcontractAnswerForm(),
        },
        status=status,
    )


@login_required
@require_POST
def subcontract_answer(request, pk):
    item = sel.subcontract_get(user=request.user, pk=pk)
    form = SubcontractAnswerForm(request.POST)
    consent = request.POST.get("decision") == "consent"
    if not form.is_valid():
        return _render(request, item, form=form, status=400)
    with show_refusal(request):
        services.subcontract_answer(
            subcontract=item, by=request.user, consent=consent, reason=form.cleaned_data["reason"]
        )
        messages.success(
            request,
            _("Your consent is recorded.")
            if consent
            else _("Your refusal is recorded: the firm will not involve them."),
        )
    return redirect("matters:subcontract_detail", pk=item.pk)


@login_required
@require_POST
def subcontract_engage(request, pk):
    item = sel.subcontract_get(user=request.user, pk=pk)
    return button_post(
        request,
        lambda: services.subcontract_engage(subcontract=item, by=request.user),
        done=_("%(contractor)s is engaged on the matter.") % {"contractor": item.contractor},
        back=reverse("matters:subcontract_detail", args=[item.pk]),
    )
