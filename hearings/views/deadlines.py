"""Pages of procedural deadlines: thin views over hearings.services.deadlines.

The add/edit form computes before it saves: its "Compute" button posts the form back and the page
shows the last day with the arithmetic (no JavaScript needed); static/js/deadline-preview.js does
the same as the fields change, by fetching `deadline_compute`'s fragment.
"""

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.errors import NotPermitted
from core.views import button_post, show_refusal
from matters.selectors import matter_get

from ..access import allowed, may_manage_matter
from ..forms.deadlines import DeadlineForm, DeadlinePreviewForm
from ..periods import explain
from ..selectors import deadlines as sel
from ..services import deadlines as services


def _preview(data: dict) -> dict | None:
    """The computed last day and its lines for a rule and a date, or the reason there is none; None without a rule."""
    if not data.get("rule"):
        return None
    computation, reasons = services.deadline_preview_or_reasons(
        rule=data["rule"], trigger_date=data.get("trigger_date"), amount=data.get("amount")
    )
    if computation is None:
        return {"errors": reasons}
    return {
        "due_on": computation.due_on,
        "lines": explain(computation.steps),
        "passed": computation.due_on < timezone.localdate(),
    }


def _saved(request, deadline, message: str):
    flash.success(request, message)
    if services.deadline_passed(deadline):
        flash.warning(
            request,
            _("The last day, %(date)s, has already passed.")
            % {"date": formats.date_format(deadline.due_on, "DATE_FORMAT")},
        )
    return redirect("hearings:deadline_detail", pk=deadline.pk)


def _form_page(request, *, matter, form, deadline=None, preview=None, status=200):
    return render(
        request,
        "hearings/deadlines/form.html",
        {"matter": matter, "form": form, "deadline": deadline, "preview": preview},
        status=status,
    )


def _handle(request, *, matter, form, save, deadline=None):
    """Shared by add and edit: "Compute" shows the result, "Save" saves it."""
    if request.method == "POST" and "compute" in request.POST:
        form.is_valid()  # the errors of other fields stay hidden until saving
        data = getattr(form, "cleaned_data", {})
        form = type(form)(request.POST, people=list(form.people.values()))
        form._errors = {}
        return _form_page(request, matter=matter, form=form, deadline=deadline, preview=_preview(data))
    if request.method == "POST" and form.is_valid():
        with show_refusal(request, form):
            return save(form.service_arguments())
    status = 400 if form.errors else 200
    if form.is_bound:
        preview = _preview(form.cleaned_data) if hasattr(form, "cleaned_data") else None
    else:  # editing a computed deadline: its arithmetic as it stands
        preview = _preview(form.initial)
    return _form_page(request, matter=matter, form=form, deadline=deadline, preview=preview, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def deadline_new(request, pk):
    matter = matter_get(user=request.user, pk=pk)
    if not may_manage_matter(request.user, matter):
        raise NotPermitted(_("Only the firm's people on the matter set its deadlines."))
    people = sel.responsible_choices(matter=matter)
    mine = request.user.pk if any(p.pk == request.user.pk for p in people) else (people[0].pk if people else None)
    form = DeadlineForm(request.POST or None, people=people, initial={"responsible": mine})

    def save(arguments):
        deadline = services.deadline_add(matter=matter, by=request.user, **arguments)
        return _saved(request, deadline, _("The deadline is set; reminders are scheduled."))

    return _handle(request, matter=matter, form=form, save=save)


@login_required
@require_http_methods(["GET", "POST"])
def deadline_edit(request, pk):
    deadline = sel.deadline_get(user=request.user, pk=pk)
    if not allowed(request.user, deadline, "manage"):
        raise NotPermitted(_("Only the firm's people on the matter change its deadlines."))
    if deadline.status != deadline.Status.OPEN:
        flash.error(request, _("This deadline is already done or cancelled."))
        return redirect("hearings:deadline_detail", pk=deadline.pk)
    people = sel.responsible_choices(matter=deadline.matter)
    form = DeadlineForm(request.POST or None, people=people, initial=DeadlineForm.initial_for(deadline))

    def save(arguments):
        changed = services.deadline_change(deadline=deadline, by=request.user, **arguments)
        return _saved(request, changed, _("The deadline is changed; its reminders are moved."))

    return _handle(request, matter=deadline.matter, form=form, save=save, deadline=deadline)


@login_required
def deadline_detail(request, pk):
    deadline = sel.deadline_get(user=request.user, pk=pk)
    return render(
        request,
        "hearings/deadlines/detail.html",
        {
            "deadline": deadline,
            "matter": deadline.matter,
            "may_manage": deadline.status == deadline.Status.OPEN and allowed(request.user, deadline, "manage"),
            "passed": services.deadline_passed(deadline),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def deadline_done(request, pk):
    deadline = sel.deadline_get(user=request.user, pk=pk)
    return button_post(
        request,
        lambda: services.deadline_done(deadline=deadline, by=request.user),
        done=_("The deadline is marked done; its reminders are withdrawn."),
        back=reverse("hearings:deadline_detail", args=[deadline.pk]),
    )


@login_required
@require_POST
def deadline_cancel(request, pk):
    deadline = sel.deadline_get(user=request.user, pk=pk)
    return button_post(
        request,
        lambda: services.deadline_cancel(deadline=deadline, by=request.user),
        done=_("The deadline is cancelled; its reminders are withdrawn."),
        back=reverse("hearings:deadline_detail", args=[deadline.pk]),
    )


@login_required
@require_GET
def deadline_compute(request):
    """The preview fragment for the form's script: the computed last day and its arithmetic. Writes nothing."""
    form = DeadlinePreviewForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {"rule": request.GET.get("rule") or "x"}
    return render(request, "hearings/deadlines/_preview.html", {"preview": _preview(data)})
