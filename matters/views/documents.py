"""The documents register (rule 6): the client's papers the firm holds, their return, what is still missing."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.errors import NotFound, NotPermitted
from core.paging import page_of
from core.views import show_refusal

from ..access import allowed
from ..forms.deliverables import HeldDocumentForm, ReturnForm
from ..forms.documents import DocumentReceivedForm, DocumentSendForm
from ..selectors import documents as sel
from ..services import documents as services

log = logging.getLogger(__name__)


@login_required
@require_http_methods(["GET", "POST"])
def documents(request, client_pk=None):
    """A client's register: /documents/ for its own users, /clients/<pk>/documents/ for the firm."""
    user = request.user
    if client_pk is None:
        if not user.is_client_user:
            return redirect("clients:client_list")
        client_pk = user.client_id
    client = sel.register_client_get(user=user, pk=client_pk)
    may_record = allowed(user, client, "keep_register")
    matters = sel.register_matters(user=user, client=client) if may_record else None
    form = HeldDocumentForm(request.POST or None, matters=matters) if may_record else None
    status = 200
    if request.method == "POST":
        if form is None:
            raise NotPermitted(_("The register is kept by the firm: hand the document to your lawyer."))
        if form.is_valid():
            with show_refusal(request, form):
                document = services.held_document_record(by=user, client=client, **form.cleaned_data)
                messages.success(request, _("«%(title)s» is entered in the register.") % {"title": document.title})
                return redirect(request.path)
        status = 400
    held = {"held": True, "returned": False}.get(request.GET.get("status", ""))
    page = page_of(sel.held_documents(user=user, client=client, held=held), request.GET.get("page"))
    sel.register_viewed(user=user, client=client, request=request)
    return render(
        request,
        "matters/documents/register.html",
        {
            "client": client,
            "page": page,
            "status": request.GET.get("status", "") if held is not None else "",
            "missing": sel.missing_documents(user=user, client=client, log=False),  # register_viewed above
            "form": form,
            "may_record": may_record,
            "return_form": ReturnForm(),
        },
        status=status,
    )


@login_required
@require_POST
def document_return(request, pk):
    document = sel.held_document_get(user=request.user, pk=pk)
    form = ReturnForm(request.POST)
    if form.is_valid():
        with show_refusal(request):
            services.held_document_return(document=document, by=request.user, **form.cleaned_data)
            messages.success(request, _("The return of «%(title)s» is recorded.") % {"title": document.title})
    else:
        messages.error(request, " ".join(str(m) for errors in form.errors.values() for m in errors))
    return redirect("matters:documents", client_pk=document.client_id)


# --- documents the firm asked for, sent by the client as files -------------------------------------


def _render_matter_documents(request, pk, *, send_form=None, received_form=None, status=200):
    docs = sel.matter_documents(user=request.user, pk=pk)
    sel.matter_documents_viewed(user=request.user, matter=docs.matter, request=request)
    if docs.may_send and send_form is None:
        send_form = DocumentSendForm(
            requested=[item.title for item in docs.requested],
            initial={"requested": next((i.title for i in docs.requested if not i.sent), None)},
        )
    return render(
        request,
        "matters/documents/matter_documents.html",
        {
            "docs": docs,
            "matter": docs.matter,
            "send_form": send_form if docs.may_send and docs.requested else None,
            "received_form": received_form or DocumentReceivedForm(),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def matter_documents(request, pk):
    """The documents the firm asked for on a matter: the client sends them, the firm marks them received."""
    if request.method == "GET":
        return _render_matter_documents(request, pk)
    docs = sel.matter_documents(user=request.user, pk=pk)
    form = DocumentSendForm(request.POST, request.FILES, requested=[item.title for item in docs.requested])
    if form.is_valid():
        with show_refusal(request, form):
            submission = services.document_submit(by=request.user, matter=docs.matter, **form.cleaned_data)
            messages.success(
                request,
                _("«%(title)s» is sent to the firm. It will mark it received.") % {"title": submission.requested},
            )
            return redirect("matters:matter_documents", pk=docs.matter.pk)
    return _render_matter_documents(request, pk, send_form=form, status=400)


@login_required
@require_POST
def document_received(request, pk):
    submission = sel.document_submission_get(user=request.user, pk=pk)
    form = DocumentReceivedForm(request.POST)
    if form.is_valid():
        with show_refusal(request, form):
            services.document_mark_received(submission=submission, by=request.user, **form.cleaned_data)
            messages.success(request, _("«%(title)s» is marked received.") % {"title": submission.requested})
            return redirect("matters:matter_documents", pk=submission.matter_id)
    return _render_matter_documents(request, submission.matter_id, received_form=form, status=400)


@login_required
def document_file(request, pk):
    submission = sel.document_submission_get(user=request.user, pk=pk)
    try:
        handle = submission.file.open("rb")
    except FileNotFoundError:
        log.error("sent document %s is missing from storage", submission.pk)
        raise NotFound(_("The file is missing from the storage. Please tell the firm.")) from None
    services.document_submission_opened(user=request.user, request=request, submission=submission)
    return FileResponse(handle, as_attachment=True, filename=submission.original_name)
