"""Pages of the matter's message thread (rule 9). Thin: read the input, call a selector or service, render."""

import logging

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.errors import NotFound
from core.views import show_refusal

from ..access import allowed
from ..forms.messages import MessageEditForm, MessageForm
from ..selectors import matter_get
from ..selectors import messages as sel
from ..services import messages as services

log = logging.getLogger(__name__)


def _thread_url(matter_pk, message_pk=None, *, until=None) -> str:
    url = reverse("matters:messages", args=[matter_pk])
    if until:
        url += f"?until={until}"
    return url + (f"#message-{message_pk}" if message_pk else "")


@login_required
@require_http_methods(["GET", "POST"])
def thread(request, pk):
    matter = matter_get(user=request.user, pk=pk, action="read")
    form = MessageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        with show_refusal(request, form):
            message = services.message_post(
                matter=matter,
                by=request.user,
                body=form.cleaned_data["body"],
                material=form.cleaned_data["material"],
                files=form.cleaned_data["files"],
            )
            if message.material:
                flash.success(request, _("The material message is sent; the other side is notified at once."))
            return redirect(_thread_url(matter.pk, message.pk))
    page = sel.message_thread(user=request.user, matter=matter, until=request.GET.get("until"))
    now = timezone.now()
    unread = services.thread_mark_read(user=request.user, matter=matter, shown=page.messages, now=now)
    for message in page.messages:
        message.is_new = message.pk in unread
        message.can_edit = allowed(request.user, message, "edit", now=now)
    return render(
        request,
        "matters/messages/thread.html",
        {
            "matter": matter,
            "thread": page,
            "form": form,
            "my_side": services.message_side(request.user),
            "edit_minutes": services.edit_minutes(),
        },
        status=400 if form.errors else 200,
    )


@login_required
def message_detail(request, pk):
    """Where a link to one message (the timeline, an e-mail) lands: its place in the thread."""
    message = sel.message_get(user=request.user, pk=pk)
    return redirect(_thread_url(message.matter_id, message.pk, until=message.pk))


@login_required
@require_http_methods(["GET", "POST"])
def message_edit(request, pk):
    message = sel.message_get(user=request.user, pk=pk)
    if not allowed(request.user, message, "edit"):
        flash.error(
            request,
            _("Only the author may correct a message, within %(minutes)d minutes of sending; write a new one instead.")
            % {"minutes": services.edit_minutes()},
        )
        return redirect(_thread_url(message.matter_id, message.pk, until=message.pk))
    form = MessageEditForm(request.POST or None, initial={"body": message.body})
    if request.method == "POST" and form.is_valid():
        with show_refusal(request, form):
            services.message_edit(message=message, by=request.user, body=form.cleaned_data["body"])
            flash.success(request, _("The message is corrected; the earlier text stays visible."))
            return redirect(_thread_url(message.matter_id, message.pk, until=message.pk))
    return render(
        request,
        "matters/messages/edit.html",
        {"message": message, "matter": message.matter, "form": form, "until": services.message_editable_until(message)},
        status=400 if form.errors else 200,
    )


@login_required
def message_attachment(request, message_pk, pk):
    attachment = sel.message_attachment_get(user=request.user, message_pk=message_pk, pk=pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        log.error("attachment %s of message %s is missing from storage", attachment.pk, message_pk)
        raise NotFound(_("The file is missing from the storage. Please tell the firm.")) from None
    services.message_attachment_record(user=request.user, request=request, attachment=attachment)
    return FileResponse(handle, as_attachment=True, filename=attachment.original_name)
