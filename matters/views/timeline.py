"""Pages of the matter timeline (rule 6) and of the lead's steering: type, stage, next report date."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.errors import NotPermitted
from core.paging import Page, page_number, page_of
from core.views import show_refusal
from timeline.models import TimelineEvent
from timeline.rendering import as_lines, lines_html

from .. import selectors
from ..access import allowed
from ..forms.timeline import MatterTypeForm, NextReportForm, StageForm
from ..selectors.timeline import (
    matter_stages,
    stage_steps,
    timeline_kinds,
    timeline_page_kept,
    timeline_rows,
)
from ..services import stages as services
from ..services.visits import matter_visit_record


def _language() -> str:
    return (get_language() or "ru").split("-")[0]


@login_required
def timeline(request, pk):
    """Everything that happened on the matter, newest first; a client sees its part of it."""
    # The page names the client to the firm's people only (its heading): a client's own is not read.
    client_user = request.user.is_client_user
    matter = selectors.matter_get(user=request.user, pk=pk, action="read", with_client=not client_user)
    matter_visit_record(user=request.user, matter=matter)
    kind = request.GET.get("kind") or ""
    kind = kind if kind in TimelineEvent.Kind.values else ""
    query = " ".join(request.GET.get("q", "").split())[:200]
    number = page_number(request.GET.get("page"))

    def lines() -> tuple[str, bool, list]:
        events = timeline_rows(user=request.user, matter=matter, kind=kind or None, query=query)
        page = page_of(events, number)
        shown = as_lines(page.items, clients={matter.pk: matter.client_id})
        kinds = [(value, str(label)) for value, label in timeline_kinds(user=request.user, matter=matter)]
        return (lines_html(shown) if shown else ""), page.has_next, kinds

    # Kept per user (matters.selectors.timeline: timeline_page_kept), read only after the gate above.
    html, has_next, kinds = timeline_page_kept(
        "timeline-page", user=request.user, matter=matter, parts=(kind, number, query), compute=lines
    )
    return render(
        request,
        "matters/timeline.html",
        {
            "matter": matter,
            "page": Page(items=[], number=number, has_next=has_next),
            # Jinja2's autoescaped output (timeline.rendering.lines_html).
            "lines_html": mark_safe(html),  # noqa: S308
            "kinds": kinds,
            "kind": kind,
            "query": query,
            "steps": stage_steps(matter=matter, language=_language()),
        },
    )


def _forms(matter, data=None, which=None):
    stages = matter_stages(matter)
    bound = {k: (data if k == which else None) for k in ("type", "stage", "report")}
    return {
        "type_form": MatterTypeForm(bound["type"], initial={"matter_type": matter.matter_type_id}),
        "stage_form": StageForm(
            bound["stage"], matter_type_id=matter.matter_type_id, stages=stages, initial={"stage": matter.stage_id}
        )
        if stages
        else None,
        "report_form": NextReportForm(bound["report"], initial={"on": matter.next_report_on}),
    }


@login_required
@require_http_methods(["GET", "POST"])
def matter_steer(request, pk):
    """The lead (or a partner) sets the matter's type, moves its stage, promises the next report."""
    matter = selectors.matter_get(user=request.user, pk=pk)
    if not allowed(request.user, matter, "steer"):
        raise NotPermitted(_("Only the matter's lead or a partner may change its stage and report date."))
    which = request.POST.get("form") if request.method == "POST" else None
    forms = _forms(matter, request.POST, which)
    form = {"type": forms["type_form"], "stage": forms["stage_form"], "report": forms["report_form"]}.get(which)
    status = 200
    if request.method == "POST":
        if form is None:
            return redirect("matters:matter_steer", pk=matter.pk)
        if form.is_valid():
            with show_refusal(request, form):
                done = _apply(request, matter, which, form.cleaned_data)
                messages.success(request, done)
                return redirect("matters:matter_detail", pk=matter.pk)
        status = 400
    return render(
        request,
        "matters/timeline_steer.html",
        {"matter": matter, "steps": stage_steps(matter=matter, language=_language()), **forms},
        status=status,
    )


def _apply(request, matter, which, data) -> str:
    if which == "type":
        services.matter_type_set(matter=matter, by=request.user, matter_type=data["matter_type"])
        return _("The type of the matter is set; it starts at the type's first stage.")
    if which == "stage":
        services.matter_stage_set(matter=matter, by=request.user, stage=data["stage"])
        return _("The stage is changed. The client sees it on the matter's timeline.")
    services.matter_next_report_set(matter=matter, by=request.user, on=data["on"])
    return _("The date of the next report is set. The client sees it on its dashboard.")
