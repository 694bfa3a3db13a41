"""Pages for matters and tasks. Thin: read the input, call a selector or service, render."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from clients.selectors import client_as_choice, client_get, client_matter_requests, client_search
from clients.selectors.powers import powers_expiring
from clients.services.disclosures import disclosure_summary
from core.errors import NotFound, NotPermitted
from core.paging import page_of
from core.views import button_post, show_refusal

from .. import selectors, services
from ..access import allowed
from ..forms import TaskAnswerForm, TaskDeclineForm, TaskFollowUpForm, TaskRegisterForm, TaskSubmitForm
from ..models import Task
from ..selectors.team import matter_page_extras
from ..selectors.timeline import matter_timeline_extras
from ..services.receipts import task_attachment_opened, task_receipt_open
from ..services.tasks import task_follow_up as follow_up_task
from ..services.visits import matter_visit_record

log = logging.getLogger(__name__)


@login_required
def task_list(request):
    status = request.GET.get("status") or None
    page = selectors.task_row_page(selectors.task_list(user=request.user, status=status), request.GET.get("page"))
    return render(
        request,
        "matters/task_list.html",
        {
            "page": page,
            "status": status,
            "statuses": Task.Status.choices,
            "expiring_powers": powers_expiring(user=request.user),
        },
    )


@login_required
def inbox(request):
    if request.user.is_client_user:
        return redirect("matters:task_list")
    page = selectors.task_inbox_page(user=request.user, page=request.GET.get("page"))
    return render(request, "matters/inbox.html", {"page": page, "expiring_powers": powers_expiring(user=request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def task_new(request):
    """A client user submits a task in writing."""
    if not request.user.is_client_user:
        return redirect("matters:task_register")
    matters = selectors.matter_choices_for_task(user=request.user)
    form = TaskSubmitForm(
        request.POST or None, request.FILES or None, matters=matters, initial=_matter_initial(request)
    )
    if request.method == "POST" and form.is_valid():
        with show_refusal(request, form):
            task = services.task_submit(
                client_user=request.user,
                matter=form.cleaned_data["matter"],
                subject=form.cleaned_data["subject"],
                text=form.cleaned_data["text"],
                files=form.cleaned_data["files"],
            )
            messages.success(
                request,
                _("Task %(number)s is submitted. The firm will confirm it.") % {"number": task.number},
            )
            return redirect("matters:task_detail", pk=task.pk)
    return render(request, "matters/task_new.html", {"form": form})


def _matter_initial(request) -> dict:
    return {"matter": request.GET.get("matter")} if request.GET.get("matter") else {}


@login_required
@require_http_methods(["GET", "POST"])
def task_register(request):
    """The firm registers a task received by e-mail, letter or phone: first the client, then the task."""
    if not allowed(request.user, Task, "register"):
        raise NotPermitted(_("Only the firm's people register tasks received outside the portal."))
    client_id = request.POST.get("client") or request.GET.get("client")
    if not client_id:
        query = request.GET.get("q", "").strip()
        found = client_search(user=request.user, query=query)[:20] if query else []
        return render(request, "matters/task_register_client.html", {"query": query, "found": found})
    client = client_get(user=request.user, pk=client_id)
    matters = selectors.matter_choices_for_task(user=request.user).filter(client=client)
    clients = client_as_choice(client)
    form = TaskRegisterForm(
        request.POST or None,
        request.FILES or None,
        matters=matters,
        clients=clients,
        initial={"client": client.pk, **_matter_initial(request)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with show_refusal(request, form):
            task = services.task_register(
                by=request.user,
                client=client,
                matter=data["matter"],
                channel=data["channel"],
                subject=data["subject"],
                text=data["text"],
                requested_by_name=data["requested_by_name"],
                received_at=data["received_at"],
                files=data["files"],
            )
            messages.success(request, _("Task %(number)s is registered.") % {"number": task.number})
            return redirect("matters:task_detail", pk=task.pk)
    return render(request, "matters/task_register.html", {"form": form, "client": client})


@login_required
def task_detail(request, pk):
    task = selectors.task_get(user=request.user, pk=pk)
    return _render_task(request, task)


def _render_task(request, task, *, decline_form=None, answer_form=None, follow_up_form=None, status=200):
    can = selectors.task_permissions(user=request.user, task=task)
    can["follow_up"] = allowed(request.user, task, "follow_up")
    files = list(task.attachments.all())
    return render(
        request,
        "matters/task_detail.html",
        {
            "task": task,
            "can": can,
            "task_files": [f for f in files if not f.with_answer],
            "answer_files": [f for f in files if f.with_answer],
            "follow_ups": list(task.follow_ups.order_by("created_at", "id").only("id", "number", "subject", "status")),
            "decline_form": decline_form or TaskDeclineForm(),
            "answer_form": answer_form or TaskAnswerForm(),
            "follow_up_form": follow_up_form or TaskFollowUpForm(),
        },
        status=status,
    )


@login_required
@require_POST
def task_accept(request, pk):
    task = selectors.task_get(user=request.user, pk=pk)
    return button_post(
        request,
        lambda: services.task_accept(task=task, by=request.user),
        done=_("You accepted task %(number)s. The client is notified.") % {"number": task.number},
        back=reverse("matters:task_detail", args=[task.pk]),
    )


@login_required
@require_POST
def task_decline(request, pk):
    task = selectors.task_get(user=request.user, pk=pk)
    form = TaskDeclineForm(request.POST)
    if form.is_valid():
        with show_refusal(request, form):
            services.task_decline(task=task, by=request.user, reason=form.cleaned_data["reason"])
            messages.success(
                request, _("Task %(number)s is declined. The client is notified.") % {"number": task.number}
            )
            return redirect("matters:task_detail", pk=task.pk)
    return _render_task(request, task, decline_form=form, status=400)


@login_required
@require_POST
def task_answer(request, pk):
    task = selectors.task_get(user=request.user, pk=pk)
    form = TaskAnswerForm(request.POST, request.FILES)
    if form.is_valid():
        with show_refusal(request, form):
            services.task_answer(
                task=task, by=request.user, answer=form.cleaned_data["answer"], files=form.cleaned_data["files"]
            )
            messages.success(request, _("The answer is sent to the client."))
            return redirect("matters:task_detail", pk=task.pk)
    return _render_task(request, task, answer_form=form, status=400)


@login_required
@require_POST
def task_follow_up(request, pk):
    """The client replies to the firm's answer: a new task, linked to this one."""
    task = selectors.task_get(user=request.user, pk=pk)
    form = TaskFollowUpForm(request.POST, request.FILES)
    if form.is_valid():
        # Where the page offers no reply form, a refusal has nothing to be shown next to: a flash message.
        shown = form if allowed(request.user, task, "follow_up") else None
        with (refusal := show_refusal(request, shown)):
            follow_up = follow_up_task(
                client_user=request.user, task=task, text=form.cleaned_data["text"], files=form.cleaned_data["files"]
            )
            messages.success(
                request,
                _("Your reply is submitted as task %(number)s. The firm will confirm it.")
                % {"number": follow_up.number},
            )
            return redirect("matters:task_detail", pk=follow_up.pk)
        if refusal.flashed:
            return redirect("matters:task_detail", pk=task.pk)
    return _render_task(request, task, follow_up_form=form, status=400)


@login_required
def task_receipt(request, pk):
    task = selectors.task_get(user=request.user, pk=pk)
    receipt = task_receipt_open(task=task, user=request.user, request=request, language=get_language())
    return FileResponse(
        receipt.file.open("rb"),
        as_attachment=True,
        filename=f"receipt-{task.number}.pdf",
        content_type="application/pdf",
    )


@login_required
def task_attachment(request, task_pk, pk):
    attachment = selectors.task_attachment_get(user=request.user, task_pk=task_pk, pk=pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        log.error("attachment %s of task %s is missing from storage", attachment.pk, task_pk)
        raise NotFound(_("The file is missing from the storage. Please tell the firm.")) from None
    task_attachment_opened(user=request.user, request=request, attachment=attachment)
    return FileResponse(handle, as_attachment=True, filename=attachment.original_name)


@login_required
def matter_list(request):
    status = request.GET.get("status") or None
    page = page_of(selectors.matter_list(user=request.user, status=status), request.GET.get("page"))
    # A client's requests for new matters not opened yet lead its list, as the client sees their state.
    first = str(request.GET.get("page") or "1") == "1"
    requests = (
        client_matter_requests(user=request.user, limit=None)
        if request.user.is_client_user and first and not status
        else []
    )
    return render(request, "matters/matter_list.html", {"page": page, "status": status, "requests": requests})


@login_required
def matter_detail(request, pk):
    matter = selectors.matter_get(user=request.user, pk=pk)
    page = selectors.task_row_page(selectors.task_list(user=request.user, matter=matter), request.GET.get("page"))
    team = selectors.matter_team(user=request.user, matter=matter)
    matter_visit_record(user=request.user, matter=matter)
    return render(
        request,
        "matters/matter_detail.html",
        {
            "matter": matter,
            "team": team,
            "page": page,
            **matter_page_extras(user=request.user, matter=matter, team=team),
            "disclosure": disclosure_summary(user=request.user, matter=matter),
            **matter_timeline_extras(user=request.user, matter=matter, team=team, language=get_language()[:2]),
        },
    )
