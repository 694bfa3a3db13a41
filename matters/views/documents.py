"""The documents register (rule 6): the client's papers the firm holds, their return, what is still missing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.errors import DomainError, NotPermitted
from core.forms import apply_domain_error
from core.paging import page_of

from .. import selectors_documents as sel
from ..forms_deliverables import HeldDocumentForm, ReturnForm
from ..services import documents as services


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
    may_record = services.may_keep_register(user, client)
    matters = sel.register_matters(user=user, client=client) if may_record else None
    form = HeldDocumentForm(request.POST or None, matters=matters) if may_record else None
    status = 200
    if request.method == "POST":
        if form is None:
            raise NotPermitted(_("The register is kept by the firm: hand the document to your lawyer."))
        if form.is_valid():
            try:
                document = services.held_document_record(by=user, client=client, **form.cleaned_data)
            except DomainError as error:
                apply_domain_error(form, error)
            else:
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
            "missing": sel.missing_documents(user=user, client=client),
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
        try:
            services.held_document_return(document=document, by=request.user, **form.cleaned_data)
        except DomainError as error:
            problems = [str(m) for v in error.fields.values() for m in v] or [str(error.message)]
            messages.error(request, " ".join(problems))
        else:
            messages.success(request, _("The return of «%(title)s» is recorded.") % {"title": document.title})
    else:
        messages.error(request, " ".join(str(m) for errors in form.errors.values() for m in errors))
    return redirect("matters:documents", client_pk=document.client_id)
