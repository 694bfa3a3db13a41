"""Pages of invoices: a matter's invoices (with the staff's draft form), the firm's list, an invoice, its PDF."""

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import NotFound
from core.selectors import get_visible
from core.views import show_refusal
from matters.selectors import matter_get

from ..access import invoice_matters, restrict_invoices
from ..forms.invoices import DraftDatesForm, IncludeForm, InvoiceDraftForm, LineChangeForm, ManualLineForm
from ..models import Invoice, InvoiceLine
from ..selectors import invoices as sel
from ..services import invoice_lines as lines_services


def _draft_form(request, matter, data=None):
    if not invoice_matters(request.user, "prepare").filter(pk=matter.pk).exists():
        return None
    return InvoiceDraftForm(data, matter=matter)


def _matter_page(request, matter, *, form=None, status=200):
    page, totals = sel.invoice_page(user=request.user, matter=matter, page=request.GET.get("page"))
    return render(
        request,
        "billing/invoices.html",
        {
            "matter": matter,
            "invoices": page.items,
            "page": page,
            "totals": totals,
            "form": form if form is not None else _draft_form(request, matter),
        },
        status=status,
    )


@login_required
def matter_invoices(request, pk):
    """The matter's invoices with what is billed, paid and due; its lawyers draft a new one here."""
    return _matter_page(request, matter_get(user=request.user, pk=pk, action="read"))


@login_required
@require_POST
def invoice_new(request, pk):
    from ..services.invoices import invoice_draft

    matter = matter_get(user=request.user, pk=pk, action="read")
    form = _draft_form(request, matter, request.POST)
    if form is None:
        raise NotFound()
    if form.is_valid():
        with show_refusal(request, form):
            invoice = invoice_draft(by=request.user, matter=matter, **form.cleaned_data)
            flash.success(request, _("The draft invoice is saved."))
            return redirect("billing:invoice_detail", pk=invoice.pk)
    return _matter_page(request, matter, form=form, status=400)


@login_required
def firm_invoices(request):
    """Every invoice the user may see (a partner: the firm's), newest first, a page of 50 at a time."""
    page, totals = sel.invoice_page(user=request.user, page=request.GET.get("page"))
    return render(request, "billing/invoice_list.html", {"invoices": page.items, "page": page, "totals": totals})


def _render_detail(request, invoice, *, forms=None, status=200):
    can = {
        action: restrict_invoices(request.user, action).filter(pk=invoice.pk).exists()
        for action in ("prepare", "issue", "cancel")
    }
    forms = forms or {}
    context = {"invoice": invoice, "lines": list(invoice.lines.all()), "can": can}
    if can["prepare"]:
        # A draft is edited here: its planned dates, lines included from the matter or entered by hand.
        context |= {
            "dates_form": forms.get("dates")
            or DraftDatesForm(initial={"issue_date": invoice.issue_date, "due_date": invoice.due_date}),
            "include_form": forms.get("include") or IncludeForm(matter=invoice.matter, on=invoice.issue_date),
            "line_form": forms.get("line") or ManualLineForm(),
            "changed_line": forms.get("changed_line"),
            "change_form": forms.get("change"),
            "editable_sources": (InvoiceLine.Source.MANUAL, InvoiceLine.Source.FIXED),
        }
    return render(request, "billing/invoice_detail.html", context, status=status)


@login_required
def invoice_detail(request, pk):
    return _render_detail(request, sel.invoice_get(user=request.user, pk=pk))


def _edit(form_class, key, service, done, *, with_line=False):
    """A POST that edits a draft: parse the form, call the service, back to the invoice (or the form's errors)."""

    @login_required
    @require_POST
    def view(request, pk, line_pk=None):
        invoice = sel.invoice_get(user=request.user, pk=pk)
        line = get_visible(invoice.lines.all(), pk=line_pk) if with_line else None
        if form_class is IncludeForm:
            form = IncludeForm(request.POST, matter=invoice.matter, on=invoice.issue_date)
        else:
            form = form_class(request.POST) if form_class else None
        if form is None or form.is_valid():
            data = form.cleaned_data if form is not None else {}
            with show_refusal(request, form):
                getattr(lines_services, service)(
                    by=request.user, invoice=invoice, **data, **({"line": line} if line else {})
                )
                flash.success(request, done())
                return redirect("billing:invoice_detail", pk=pk)
        if form is None:
            return redirect("billing:invoice_detail", pk=pk)
        forms = {key: form}
        if line is not None:
            forms["changed_line"] = line.pk
        return _render_detail(request, invoice, forms=forms, status=400)

    return view


invoice_dates = _edit(DraftDatesForm, "dates", "invoice_draft_dates", lambda: _("The dates are saved."))
invoice_lines_include = _edit(IncludeForm, "include", "invoice_lines_include", lambda: _("The lines are added."))
invoice_line_add = _edit(ManualLineForm, "line", "invoice_line_add", lambda: _("The line is added."))
invoice_line_change = _edit(
    LineChangeForm, "change", "invoice_line_change", lambda: _("The line is changed."), with_line=True
)
invoice_line_remove = _edit(None, "remove", "invoice_line_remove", lambda: _("The line is removed."), with_line=True)


def _act(service, done):
    @login_required
    @require_POST
    def view(request, pk):
        from ..services import invoices as services

        invoice = sel.invoice_get(user=request.user, pk=pk)
        with show_refusal(request):
            getattr(services, service)(by=request.user, invoice=invoice)
            flash.success(request, done())
            if service == "invoice_delete":
                return redirect("billing:matter_invoices", pk=invoice.matter_id)
        return redirect("billing:invoice_detail", pk=pk)

    return view


invoice_issue = _act("invoice_issue", lambda: _("The invoice is issued; its PDF is being prepared."))
invoice_cancel = _act("invoice_cancel", lambda: _("The invoice is cancelled; its number stays used."))
invoice_delete = _act("invoice_delete", lambda: _("The draft invoice is deleted."))


@login_required
def invoice_pdf(request, pk):
    invoice = sel.invoice_get(user=request.user, pk=pk)
    handle = sel.invoice_pdf_file(invoice) if invoice.status != Invoice.Status.DRAFT else None
    if handle is None:
        flash.info(request, _("The invoice's PDF is being prepared; try again in a minute."))
        return redirect("billing:invoice_detail", pk=pk)
    return FileResponse(
        handle, as_attachment=True, filename=f"invoice-{invoice.number}.pdf", content_type="application/pdf"
    )
