"""Pages for results of work and their delivery. Thin: read the input, call a selector or service, render."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.errors import NotFound, NotPermitted
from core.paging import page_of
from core.views import button_post, panel_post, show_refusal

from ..access import allowed
from ..forms.deliverables import DeliverableEditForm, DeliverableForm, DeliveredForm, DeliveryForm, ReleaseForm
from ..models import Delivery
from ..selectors import deliverables as sel
from ..selectors import matter_get
from ..services import deliverables as services
from ..services import deliveries as delivery_services

log = logging.getLogger(__name__)


@login_required
def deliverable_list(request, matter_pk):
    matter = matter_get(user=request.user, pk=matter_pk, action="read")
    status = request.GET.get("status") or None
    page = page_of(sel.deliverable_list(user=request.user, matter=matter, status=status), request.GET.get("page"))
    now = timezone.now()
    rows = [(item, sel.deliverable_state(item, now)) for item in page.items]
    return render(
        request,
        "matters/deliverables/list.html",
        {
            "matter": matter,
            "page": page,
            "rows": rows,
            "status": status,
            "may_prepare": allowed(request.user, matter, "prepare"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def deliverable_new(request, matter_pk):
    matter = matter_get(user=request.user, pk=matter_pk, action="read")
    if not allowed(request.user, matter, "prepare"):
        if request.user.is_client_user:
            raise NotFound()
        raise NotPermitted(_("Results are prepared by a lawyer assigned to the matter or a partner."))
    tasks = sel.deliverable_task_choices(user=request.user, matter=matter)
    initial = {"task": request.GET.get("task")} if request.GET.get("task") else {}
    form = DeliverableForm(request.POST or None, request.FILES or None, tasks=tasks, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with show_refusal(request, form):
            deliverable = services.deliverable_prepare(
                matter=matter,
                by=request.user,
                task=data["task"],
                kind=data["kind"],
                title=data["title"],
                summary=data["summary"],
                files=data["files"],
            )
            messages.success(request, _("The draft is saved. The client will see it once it is released."))
            return redirect("matters:deliverable_detail", pk=deliverable.pk)
    return render(request, "matters/deliverables/new.html", {"form": form, "matter": matter})


def _render(request, deliverable, *, release_form=None, delivery_form=None, status=200):
    can = sel.deliverable_permissions(user=request.user, deliverable=deliverable)
    recipients = sel.deliverable_recipients(deliverable) if can["release"] or can["deliver"] else []
    now = timezone.now()
    deliveries = [
        {
            "delivery": d,
            "overdue": sel.is_overdue(d, now),
            "may_mark": can["deliver"] and d.channel in delivery_services.RECORDS_DELIVERED,
        }
        for d in deliverable.deliveries.all()
    ]
    return render(
        request,
        "matters/deliverables/detail.html",
        {
            "deliverable": deliverable,
            "matter": deliverable.matter,
            "can": can,
            "deliveries": deliveries,
            "overdue": sum(1 for d in deliveries if d["overdue"]),
            "recipients": recipients,
            "release_form": release_form
            or ReleaseForm(initial={"channel": Delivery.Channel.PORTAL}, recipients=recipients),
            "delivery_form": delivery_form
            or DeliveryForm(initial={"channel": Delivery.Channel.EMAIL}, recipients=recipients),
            "delivered_form": DeliveredForm(),
            "confirm_days": delivery_services.confirm_days(),
        },
        status=status,
    )


@login_required
def deliverable_detail(request, pk):
    return _render(request, sel.deliverable_get(user=request.user, pk=pk))


@login_required
@require_http_methods(["GET", "POST"])
def deliverable_edit(request, pk):
    deliverable = sel.deliverable_get(user=request.user, pk=pk)
    if not allowed(request.user, deliverable, "edit"):
        raise NotPermitted(
            _("A draft is changed by its author, the matter's lead or a partner; a released result never.")
        )
    stored = list(deliverable.files.all())
    form = DeliverableEditForm(
        request.POST or None,
        request.FILES or None,
        stored_files=stored,
        initial={"kind": deliverable.kind, "title": deliverable.title, "summary": deliverable.summary},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with show_refusal(request, form):
            services.deliverable_update(
                deliverable=deliverable,
                by=request.user,
                kind=data["kind"],
                title=data["title"],
                summary=data["summary"],
                add_files=data["files"],
                remove_file_ids=data.get("remove_files") or (),
            )
            messages.success(request, _("The draft is saved."))
            return redirect("matters:deliverable_detail", pk=deliverable.pk)
    return render(request, "matters/deliverables/edit.html", {"form": form, "deliverable": deliverable})


@login_required
@require_POST
def deliverable_release(request, pk):
    deliverable = sel.deliverable_get(user=request.user, pk=pk)

    def act(data):
        services.deliverable_release(
            deliverable=deliverable,
            by=request.user,
            channel=data["channel"],
            recipient=data["recipient"],
            tracking_number=data["tracking_number"],
        )
        messages.success(request, _("The result is released to the client."))

    return panel_post(
        request,
        ReleaseForm(request.POST),
        act,
        back=reverse("matters:deliverable_detail", args=[deliverable.pk]),
        again=lambda form: _render(request, deliverable, release_form=form, status=400),
    )


@login_required
@require_POST
def delivery_new(request, pk):
    deliverable = sel.deliverable_get(user=request.user, pk=pk)

    def act(data):
        delivery_services.delivery_record(
            deliverable=deliverable,
            by=request.user,
            channel=data["channel"],
            recipient=data["recipient"],
            tracking_number=data["tracking_number"],
        )
        messages.success(request, _("The delivery is recorded."))

    return panel_post(
        request,
        DeliveryForm(request.POST),
        act,
        back=reverse("matters:deliverable_detail", args=[deliverable.pk]),
        again=lambda form: _render(request, deliverable, delivery_form=form, status=400),
    )


@login_required
@require_POST
def delivery_delivered(request, pk):
    delivery = sel.delivery_get(user=request.user, pk=pk)
    form = DeliveredForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(m) for m in form.errors.get("at", [])))
    else:
        with show_refusal(request):
            delivery_services.delivery_mark_delivered(delivery=delivery, by=request.user, at=form.cleaned_data["at"])
            messages.success(request, _("The delivery time is recorded."))
    return redirect("matters:deliverable_detail", pk=delivery.deliverable_id)


@login_required
@require_POST
def delivery_confirm(request, pk):
    delivery = sel.delivery_get(user=request.user, pk=pk)
    return button_post(
        request,
        lambda: delivery_services.delivery_confirm(delivery=delivery, by=request.user),
        done=_("Thank you: your confirmation of receipt is recorded."),
        back=reverse("matters:deliverable_detail", args=[delivery.deliverable_id]),
    )


@login_required
def deliverable_file(request, deliverable_pk, pk):
    stored = sel.deliverable_file_get(user=request.user, deliverable_pk=deliverable_pk, pk=pk)
    try:
        handle = stored.file.open("rb")
    except FileNotFoundError:
        log.error("file %s of result %s is missing from storage", stored.pk, deliverable_pk)
        raise NotFound(_("The file is missing from the storage. Please tell the firm.")) from None
    services.deliverable_file_opened(user=request.user, request=request, stored=stored)
    return FileResponse(handle, as_attachment=True, filename=stored.original_name)
