"""Pages of the powers-of-attorney register (rule 5). Thin: the rules are in clients.services.powers."""

import logging
from pathlib import PurePosixPath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.errors import NotFound, NotPermitted
from core.paging import page_of
from core.views import button_post, panel_post, show_refusal

from ..forms.powers import PowerForm, RevokeForm, ScanForm
from ..models import PowerOfAttorney
from ..selectors import client_get
from ..selectors import powers as sel
from ..services import powers as services

log = logging.getLogger(__name__)


@login_required
def power_list(request, client_pk=None):
    """The register: of one client (/clients/<pk>/powers/), or all the user may see (/powers/)."""
    client = client_get(user=request.user, pk=client_pk) if client_pk is not None else None
    status = request.GET.get("status") or None
    page = page_of(sel.power_list(user=request.user, client=client, status=status), request.GET.get("page"))
    return render(
        request,
        "clients/powers/list.html",
        {
            "client": client,
            "page": page,
            "status": status,
            "statuses": PowerOfAttorney.Status.choices,
            "may_draft": request.user.is_firm and client is not None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def power_new(request, client_pk):
    client = client_get(user=request.user, pk=client_pk)
    if not request.user.is_firm:
        raise NotPermitted(_("Powers of attorney are prepared by the firm."))
    matters = sel.power_matter_choices(user=request.user, client=client)
    form = PowerForm(request.POST or None, matters=matters)
    if request.method == "POST" and form.is_valid():
        with show_refusal(request, form):
            poa = services.poa_draft(by=request.user, client=client, **form.cleaned_data)
            messages.success(
                request,
                _("Power of attorney %(number)s is drafted. Check the PDF, then send it for signature.")
                % {"number": poa.number},
            )
            return redirect("clients:power_detail", pk=poa.pk)
    return render(request, "clients/powers/new.html", {"form": form, "client": client})


@login_required
def power_detail(request, pk):
    poa = sel.power_get(user=request.user, pk=pk)
    return _render(request, poa)


def _render(request, poa, *, scan_form=None, revoke_form=None, status=200):
    return render(
        request,
        "clients/powers/detail.html",
        {
            "poa": poa,
            "can": sel.power_permissions(user=request.user, poa=poa),
            "days_left": sel.days_left(poa),
            "scan_form": scan_form or ScanForm(),
            "revoke_form": revoke_form or RevokeForm(),
        },
        status=status,
    )


@login_required
@require_POST
def power_send(request, pk):
    poa = sel.power_get(user=request.user, pk=pk)
    return button_post(
        request,
        lambda: services.poa_send(poa=poa, by=request.user),
        done=_("The power of attorney is sent to the client for signature."),
        back=reverse("clients:power_detail", args=[poa.pk]),
    )


@login_required
@require_POST
def power_signed(request, pk):
    poa = sel.power_get(user=request.user, pk=pk)

    def act(data):
        services.poa_mark_signed(poa=poa, by=request.user, scan=data["scan"])
        messages.success(request, _("The signed scan is uploaded: the power of attorney is in force."))

    return panel_post(
        request,
        ScanForm(request.POST, request.FILES),
        act,
        back=reverse("clients:power_detail", args=[poa.pk]),
        again=lambda form: _render(request, poa, scan_form=form, status=400),
    )


@login_required
@require_POST
def power_revoke(request, pk):
    poa = sel.power_get(user=request.user, pk=pk)

    def act(data):
        services.poa_revoke(poa=poa, by=request.user, reason=data["reason"])
        messages.success(request, _("The power of attorney is revoked."))

    return panel_post(
        request,
        RevokeForm(request.POST),
        act,
        back=reverse("clients:power_detail", args=[poa.pk]),
        again=lambda form: _render(request, poa, revoke_form=form, status=400),
    )


def _file_response(stored, *, filename: str):
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        log.error("power-of-attorney file %s is missing from storage", stored.name)
        raise NotFound(_("The file is missing from the storage. Please tell the firm.")) from None
    return FileResponse(handle, as_attachment=True, filename=filename)


@login_required
def power_draft_pdf(request, pk):
    poa = sel.power_get(user=request.user, pk=pk)
    stored = services.poa_draft_file(poa=poa, user=request.user, request=request)
    return _file_response(stored, filename=f"power-of-attorney-{poa.number}.pdf")


@login_required
def power_scan(request, pk):
    poa = sel.power_get(user=request.user, pk=pk)
    stored = services.poa_scan_file(poa=poa, user=request.user, request=request)
    suffix = PurePosixPath(stored.name).suffix
    return _file_response(stored, filename=f"power-of-attorney-{poa.number}-signed{suffix}")
