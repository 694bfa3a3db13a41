"""Pages of acts of services rendered: the lists (firm, client, matter), the issue form with the preview
of what the act would cover, an act with its dispatches and the client's answer, the correction, the PDFs."""

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import NotFound
from core.views import show_refusal
from matters.selectors import matter_get

from ..access import act_matters, restrict_acts
from ..forms.acts import ActCorrectForm, ActDispatchForm, ActIssueForm, ActObjectForm, ActPeriodForm, default_period
from ..selectors import acts as sel


@login_required
def acts(request):
    """Every act the user may see: a client its own, a lawyer those of its matters, a partner the firm's."""
    page = sel.act_page(user=request.user, page=request.GET.get("page"))
    return render(request, "billing/act_list.html", {"acts": page.items, "page": page})


@login_required
def matter_acts(request, pk):
    matter = matter_get(user=request.user, pk=pk, action="read")
    page = sel.act_page(user=request.user, matter=matter, page=request.GET.get("page"))
    return render(
        request,
        "billing/act_list.html",
        {
            "acts": page.items,
            "page": page,
            "matter": matter,
            "may_issue": act_matters(request.user, "preview").filter(pk=matter.pk).exists(),
        },
    )


def _period(request, matter):
    """The period asked for (?period_start, ?period_end, ?final=1 — the termination links so); a final act
    starts by default after the matter's last act, any other act covers the month just ended."""
    from ..services.acts import next_period_start

    data = request.POST if request.method == "POST" else request.GET
    start, end = default_period()
    if data.get("final") in ("1", "on", "true"):
        start, end = next_period_start(matter), timezone.localdate()
    form = ActPeriodForm(
        {
            "period_start": data.get("period_start") or start,
            "period_end": data.get("period_end") or end,
            "final": data.get("final") in ("1", "on", "true"),
        }
    )
    if form.is_valid():
        return form.cleaned_data
    return {"period_start": start, "period_end": end, "final": False}


@login_required
def act_new(request, pk):
    """The issue form: the period (prefilled from ?period_start, ?period_end, ?final=1), the work it would
    cover (ticked as the act would take it), the act's date; a partner issues, the lead sees the preview."""
    from ..services.acts import act_candidates, act_issue, default_acceptance_days

    matter = matter_get(user=request.user, pk=pk, action="read")
    if not act_matters(request.user, "preview").filter(pk=matter.pk).exists():
        raise NotFound()
    period = _period(request, matter)
    may_issue = act_matters(request.user, "issue").filter(pk=matter.pk).exists()
    candidates = []
    with show_refusal(request):
        candidates = act_candidates(matter=matter, **period)
    initial = period | {"act_date": timezone.localdate(), "acceptance_days": default_acceptance_days()}
    initial["keys"] = [c.key for c in candidates if c.ticked]
    status = 200
    if request.method == "POST" and "issue" in request.POST:
        form = ActIssueForm(request.POST, candidates=candidates)
        if form.is_valid():
            data = form.cleaned_data
            with show_refusal(request, form):
                act = act_issue(by=request.user, matter=matter, **data)
                flash.success(
                    request, _("Act No. %(number)s is issued; its PDF is being prepared.") % {"number": act.number}
                )
                return redirect("billing:act_detail", pk=act.pk)
        status = 400
    else:
        form = ActIssueForm(initial=initial, candidates=candidates)
    return render(
        request,
        "billing/act_new.html",
        {
            "matter": matter,
            "form": form,
            "candidates": candidates,
            "period": period,
            "may_issue": may_issue,
        },
        status=status,
    )


@login_required
def act_detail(request, pk):
    act = sel.act_get(user=request.user, pk=pk)
    corrections = list(act.corrections.all())
    can = {
        action: restrict_acts(request.user, action).filter(pk=pk).exists()
        for action in ("correct", "dispatch", "answer")
    }
    return render(
        request,
        "billing/act_detail.html",
        {
            "act": act,
            "lines": list(act.lines.all()),
            "dispatches": list(act.dispatches.all()),
            "corrections": corrections,
            "upd": getattr(act, "upd", None) if hasattr(act, "upd") else None,
            "answer": act.answer_on(),
            "deemed_on": None if corrections else act.deemed_accepted_on(),
            "can": can,
            "dispatch_form": ActDispatchForm() if can["dispatch"] else None,
            "object_form": ActObjectForm() if can["answer"] else None,
        },
    )


@login_required
@require_POST
def act_dispatch(request, pk):
    from ..services.act_answers import act_dispatch as dispatch

    act = sel.act_get(user=request.user, pk=pk)
    form = ActDispatchForm(request.POST)
    if form.is_valid():
        with show_refusal(request):
            dispatch(by=request.user, act=act, **form.cleaned_data)
            flash.success(request, _("The dispatch is recorded."))
    else:
        flash.error(
            request,
            _("Check the dispatch: %(errors)s")
            % {"errors": "; ".join(str(e) for errors in form.errors.values() for e in errors)},
        )
    return redirect("billing:act_detail", pk=pk)


@login_required
@require_POST
def act_accept(request, pk):
    from ..services.act_answers import act_accept as accept

    act = sel.act_get(user=request.user, pk=pk)
    with show_refusal(request):
        accept(by=request.user, act=act)
        flash.success(request, _("You have accepted the act."))
    return redirect("billing:act_detail", pk=pk)


@login_required
@require_POST
def act_object(request, pk):
    from ..services.act_answers import act_object as lodge

    act = sel.act_get(user=request.user, pk=pk)
    form = ActObjectForm(request.POST)
    with show_refusal(request):
        lodge(by=request.user, act=act, reason=form.data.get("reason", ""))
        flash.success(request, _("Your objections are sent to the firm."))
    return redirect("billing:act_detail", pk=pk)


@login_required
def act_correct(request, pk):
    from ..services.acts import act_correct as correct

    act = sel.act_get(user=request.user, pk=pk)
    if not restrict_acts(request.user, "correct").filter(pk=pk).exists():
        raise NotFound()
    lines = list(act.lines.all())
    form = ActCorrectForm(request.POST or None, lines=lines)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            with show_refusal(request, form):
                correction = correct(
                    by=request.user,
                    act=act,
                    lines=form.service_lines(),
                    reason=form.cleaned_data["reason"],
                    act_date=form.cleaned_data["act_date"],
                )
                flash.success(
                    request,
                    _("Correction No. %(n)s is issued as act No. %(number)s.")
                    % {"n": correction.correction_no, "number": correction.number},
                )
                return redirect("billing:act_detail", pk=correction.pk)
        status = 400
    return render(request, "billing/act_correct.html", {"act": act, "form": form, "lines": lines}, status=status)


def _file(request, pk, *, upd: bool):
    act = sel.act_get(user=request.user, pk=pk)
    handle = sel.upd_pdf_file(act) if upd else sel.act_pdf_file(act)
    if handle is None:
        if upd and not hasattr(act, "upd"):
            raise NotFound()
        flash.info(request, _("The PDF is being prepared; try again in a minute."))
        return redirect("billing:act_detail", pk=pk)
    name = f"upd-{act.upd.number.replace('/', '-')}.pdf" if upd else f"act-{act.number}.pdf"
    return FileResponse(handle, as_attachment=True, filename=name, content_type="application/pdf")


@login_required
def act_pdf(request, pk):
    return _file(request, pk, upd=False)


@login_required
def act_upd_pdf(request, pk):
    return _file(request, pk, upd=True)
