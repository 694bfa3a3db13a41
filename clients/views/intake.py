"""Pages of intake: new clients and matters come in through the conflict check (rule 13). Thin views."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.errors import NotPermitted
from core.paging import page_of
from core.views import show_refusal

from .. import selectors
from ..forms import (
    DecisionForm,
    MatterRequestForm,
    NewClientForm,
    NewMatterForm,
    PartyFormSet,
    ProcessForm,
    quiet,
    with_more_rows,
)
from ..models import Intake
from ..services import intake as services

PARTIES = "parties"


def _require_intake_staff(user) -> None:
    if not selectors.is_intake_staff(user):
        raise NotPermitted(_("Intake is handled by partners, lead specialists and secretaries."))


def _bind(request, form_class, **kwargs):
    """The form and the parties' rows, bound to the POST; "more rows" adds rows and shows no errors yet."""
    data = request.POST if request.method == "POST" else None
    more = data is not None and "more_rows" in data
    if more:
        data = with_more_rows(data, PARTIES, PartyFormSet)
    form = form_class(data, **kwargs)
    parties = PartyFormSet(data, prefix=PARTIES)
    if more:
        quiet(form, parties)
    return form, parties, data is not None and not more


def _valid(form, parties) -> bool:
    form_ok, parties_ok = form.is_valid(), parties.is_valid()  # both, so that every error shows at once
    return form_ok and parties_ok


def _announce(request, intake: Intake) -> None:
    if intake.status == Intake.Status.BLOCKED:
        messages.warning(
            request,
            _("The conflict check found a possible conflict of interest. Nothing is opened until a partner decides."),
        )
    elif intake.matter_id:
        messages.success(
            request, _("The check is clear. Matter %(number)s is opened.") % {"number": intake.matter.number}
        )
    elif intake.status == Intake.Status.OPENED:
        messages.success(request, _("The check is clear. The client is opened."))


@login_required
def intake_list(request):
    status = request.GET.get("status") or None
    page = page_of(selectors.intake_list(user=request.user, status=status), request.GET.get("page"))
    return render(
        request,
        "clients/intake/list.html",
        {
            "page": page,
            "status": status,
            "statuses": Intake.Status.choices,
            "staff": selectors.is_intake_staff(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def intake_new_client(request):
    _require_intake_staff(request.user)
    form, parties, submitted = _bind(request, NewClientForm, leads=selectors.lead_choices())
    if submitted and _valid(form, parties):
        data = form.cleaned_data
        with show_refusal(request, form, formsets={PARTIES: parties}):
            intake = services.intake_new_client(
                by=request.user,
                client=form.client_data(),
                title=data["title"],
                description=data["description"],
                lead=data["lead"],
                parties=parties.rows(),
            )
            _announce(request, intake)
            return redirect("clients:intake_detail", pk=intake.pk)
    return render(request, "clients/intake/new_client.html", {"form": form, "parties": parties})


@login_required
@require_http_methods(["GET", "POST"])
def intake_new_matter(request, pk):
    _require_intake_staff(request.user)
    client = selectors.client_get(user=request.user, pk=pk)
    form, parties, submitted = _bind(request, NewMatterForm, leads=selectors.lead_choices())
    if submitted and _valid(form, parties):
        data = form.cleaned_data
        with show_refusal(request, form, formsets={PARTIES: parties}):
            intake = services.intake_new_matter(
                by=request.user,
                client=client,
                title=data["title"],
                description=data["description"],
                lead=data["lead"],
                parties=parties.rows(),
            )
            _announce(request, intake)
            return redirect("clients:intake_detail", pk=intake.pk)
    return render(request, "clients/intake/new_matter.html", {"form": form, "parties": parties, "client": client})


@login_required
@require_http_methods(["GET", "POST"])
def matter_request(request):
    """A client user asks the firm to take on a new matter; the firm's intake takes it from there."""
    if not request.user.is_client_user:
        raise NotPermitted(_("The firm's people open matters through intake."))
    form, parties, submitted = _bind(request, MatterRequestForm)
    if submitted and _valid(form, parties):
        with show_refusal(request, form, formsets={PARTIES: parties}):
            intake = services.intake_request_matter(
                client_user=request.user,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                parties=parties.rows(),
            )
            messages.success(
                request,
                _("Your request is sent. The firm checks for conflicts of interest before it accepts a matter."),
            )
            return redirect("clients:intake_detail", pk=intake.pk)
    return render(request, "clients/intake/request.html", {"form": form, "parties": parties})


@login_required
def intake_detail(request, pk):
    return _render_intake(request, selectors.intake_get(user=request.user, pk=pk))


def _render_intake(request, intake, *, process_form=None, clear_form=None, decline_form=None, status=200):
    leads = selectors.lead_choices()
    return render(
        request,
        "clients/intake/detail.html",
        {
            "intake": intake,
            "check": selectors.intake_latest_check(user=request.user, intake=intake),
            "can": selectors.intake_permissions(user=request.user, intake=intake),
            "staff": selectors.is_intake_staff(request.user),
            "process_form": process_form or ProcessForm(leads=leads, initial={"title": intake.title}),
            "clear_form": clear_form or DecisionForm(prefix="clear"),
            "decline_form": decline_form or DecisionForm(prefix="decline"),
        },
        status=status,
    )


@login_required
@require_POST
def intake_process(request, pk):
    intake = selectors.intake_get(user=request.user, pk=pk)
    form = ProcessForm(request.POST, leads=selectors.lead_choices())
    if form.is_valid():
        with (refusal := show_refusal(request, form, fields_only=True)):
            intake = services.intake_process(
                intake=intake, by=request.user, lead=form.cleaned_data["lead"], title=form.cleaned_data["title"]
            )
            _announce(request, selectors.intake_get(user=request.user, pk=intake.pk))
            return redirect("clients:intake_detail", pk=intake.pk)
        if refusal.flashed:
            return redirect("clients:intake_detail", pk=intake.pk)
    return _render_intake(request, intake, process_form=form, status=400)


def _decide(request, pk, *, clear: bool):
    intake = selectors.intake_get(user=request.user, pk=pk)
    prefix = "clear" if clear else "decline"
    form = DecisionForm(request.POST, prefix=prefix)
    if form.is_valid():
        with (refusal := show_refusal(request, form, fields_only=True)):
            intake = services.intake_decide(
                intake=intake, by=request.user, clear=clear, reason=form.cleaned_data["reason"]
            )
            if clear:
                _announce(request, selectors.intake_get(user=request.user, pk=intake.pk))
            else:
                messages.success(
                    request, _("The work is declined. The existing client is notified, as rule 13 requires.")
                )
            return redirect("clients:intake_detail", pk=intake.pk)
        if refusal.flashed:
            return redirect("clients:intake_detail", pk=intake.pk)
    forms = {"clear_form": form} if clear else {"decline_form": form}
    return _render_intake(request, intake, status=400, **forms)


@login_required
@require_POST
def intake_clear(request, pk):
    return _decide(request, pk, clear=True)


@login_required
@require_POST
def intake_decline(request, pk):
    return _decide(request, pk, clear=False)
