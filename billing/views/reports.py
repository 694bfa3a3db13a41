"""Pages of the work report (rule 6) and of termination (rule 14).

The report is never rendered in the request: asking queues it (or finds the stored one) and the
report's page shows its progress — static/js/report-progress.js polls the small status endpoint and
swaps in the link when ready; without JavaScript the page refreshes itself with a meta refresh.
"""

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import InvalidState, NotFound
from core.selectors import get_visible
from core.views import show_refusal

from ..access import restrict_terminations, termination_matters
from ..forms.reports import LetterTerminationForm, ReportRequestForm, TerminationForm
from ..selectors import reports as sel
from ..selectors.settlement import settlement_of
from ..services.termination import final_act_url


def _reports_page(request, matter, *, form=None, status=200):
    return render(
        request,
        "billing/reports.html",
        {
            "matter": matter,
            "form": form or ReportRequestForm(initial={"period_end": timezone.localdate()}),
            "reports": list(sel.report_list(user=request.user, matter=matter)[:20]),
        },
        status=status,
    )


@login_required
def matter_reports(request, pk):
    """Ask for a report of a period; the reports already made for the matter."""
    return _reports_page(request, sel.report_matter_get(user=request.user, pk=pk))


@login_required
@require_POST
def report_new(request, pk):
    from ..services.reports import report_request

    matter = sel.report_matter_get(user=request.user, pk=pk)
    form = ReportRequestForm(request.POST)
    if form.is_valid():
        with show_refusal(request, form):
            report = report_request(by=request.user, matter=matter, **form.cleaned_data)
            return redirect("billing:report_detail", pk=report.pk)
    return _reports_page(request, matter, form=form, status=400)


@login_required
def report_detail(request, pk):
    report = sel.report_get(user=request.user, pk=pk)
    return render(request, "billing/report_detail.html", {"report": report, "matter": report.matter})


def report_state(report) -> dict:
    return {
        "id": report.pk,
        "status": report.status,
        "status_label": report.get_status_display(),
        "progress": report.progress,
        "pages": report.pages,
        "ready": report.is_ready,
        "pdf_url": reverse("billing:report_pdf", args=[report.pk]) if report.is_ready else "",
    }


@login_required
def report_status(request, pk):
    """The small JSON the report page polls: status, progress, and the link once ready."""
    return JsonResponse(report_state(sel.report_get(user=request.user, pk=pk)))


@login_required
def report_pdf(request, pk):
    report = sel.report_get(user=request.user, pk=pk)
    handle = sel.report_pdf_file(report)
    if handle is None:
        flash.info(request, _("The report is being prepared; this page shows when it is ready."))
        return redirect("billing:report_detail", pk=pk)
    name = (
        f"report-{report.matter.number.replace('/', '-')}-{report.period_start:%Y%m%d}-{report.period_end:%Y%m%d}.pdf"
    )
    return FileResponse(handle, as_attachment=True, filename=name, content_type="application/pdf")


# --- termination ---------------------------------------------------------------------------------


def _termination_form(user, data=None, balance=None):
    cls = LetterTerminationForm if user.is_firm else TerminationForm
    return cls(data, initial={"expected_balance": balance})


def _preview(request, matter, *, form=None, status=200):
    settlement = settlement_of(matter, end=timezone.localdate())
    return render(
        request,
        "billing/termination_preview.html",
        {
            "matter": matter,
            "settlement": settlement,
            "form": form or _termination_form(request.user, balance=settlement.balance),
        },
        status=status,
    )


def _terminable(request, pk):
    return get_visible(termination_matters(request.user).select_related("stage", "client"), pk=pk)


@login_required
def termination_preview(request, pk):
    """The settlement with every line and the balance, and the form to confirm (the client, its lead,
    a partner). A terminated matter shows its termination instead."""
    if restrict_terminations(request.user).filter(matter_id=pk).exists():
        return redirect("billing:termination_detail", pk=pk)
    return _preview(request, _terminable(request, pk))


@login_required
@require_POST
def termination_confirm(request, pk):
    from ..services.termination import matter_terminate

    if restrict_terminations(request.user).filter(matter_id=pk).exists():
        flash.error(request, _("This matter has already been terminated."))
        return redirect("billing:termination_detail", pk=pk)
    matter = _terminable(request, pk)
    form = _termination_form(request.user, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        with show_refusal(request, form, flash=(InvalidState,)) as refusal:
            matter_terminate(
                by=request.user,
                matter=matter,
                reason=data["reason"],
                letter_date=data.get("letter_date"),
                expected_balance=data["expected_balance"],
            )
            flash.success(request, _("The engagement on this matter is terminated; the settlement is recorded."))
            return redirect("billing:termination_detail", pk=pk)
        if refusal.flashed:  # the settlement moved, or the matter changed state: show it as it now is
            return redirect("billing:termination_preview", pk=pk)
    return _preview(request, matter, form=form, status=400)


@login_required
def termination_detail(request, pk):
    """The termination as recorded: who, when, why, the settlement snapshot, what was cancelled, and
    for a partner the task "issue the final act"."""
    from ..services.settlement import Settlement

    termination = (
        restrict_terminations(request.user)
        .select_related("matter", "recorded_by", "final_act")
        .filter(matter_id=pk)
        .first()
    )
    if termination is None:
        raise NotFound()
    can_final_act = restrict_terminations(request.user, "final_act").filter(pk=termination.pk).exists()
    return render(
        request,
        "billing/termination_detail.html",
        {
            "termination": termination,
            "matter": termination.matter,
            "settlement": Settlement.from_data(termination.settlement),
            "can_final_act": can_final_act,
            "final_act_url": final_act_url(termination) if can_final_act else "",
        },
    )
